// The worker pool every bounded-parallel loop of the runner uses.

/**
 * Calls `task(i)` for i = 0, 1, … count-1, in order of start, at most `width` at a time; no new index
 * is started once `stop()` is true.
 */
export async function pool(count: number, width: number, task: (i: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stop() && next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}
