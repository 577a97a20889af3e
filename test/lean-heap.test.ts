// A large run's processes let their loading garbage go and keep a lean heap (src/run/lean-heap.ts).
// V8's flags are process-wide: each case runs in a fresh Node process, never in this test worker.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TESTS_PER_FILE, chunkSize } from '../src/run/chunks.ts';
import { isLarge, isLargeRun, LEAN_YOUNG_GENERATION } from '../src/run/lean-heap.ts';
import { workerExecArgv } from '../src/run/vitest-run.ts';

const MODULE = new URL('../src/run/lean-heap.ts', import.meta.url).href;
const ROOT = new URL('..', import.meta.url).pathname;

/** In a fresh process: whether an object dropped before `call` is gone after it, and the young generation's size before and after objects kept surviving it. */
async function probe(call: string): Promise<{ collected: boolean; before: number; after: number }> {
  const code = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { holdYoungSize, leanHeap } from ${JSON.stringify(MODULE)};
    const young = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    let dropped = { list: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const ref = new WeakRef(dropped);
    dropped = undefined;
    await new Promise((done) => setTimeout(done, 0)); // a WeakRef holds its target to the end of the job that made it
    ${call};
    const collected = ref.deref() === undefined;
    const before = young();
    let kept = [];
    for (let i = 0; i < 3_000_000; i++) { kept.push({ i }); if (kept.length > 300_000) kept = []; }
    console.log(JSON.stringify({ collected, before, after: young() }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: ROOT, timeout: 60_000 });
  return JSON.parse(stdout) as { collected: boolean; before: number; after: number };
}

describe('lean heap', () => {
  it('a process is large when its spec runs in chunks', () => {
    expect(isLarge(TESTS_PER_FILE)).toBe(false);
    expect(chunkSize(TESTS_PER_FILE)).toBe(1);
    expect(isLarge(TESTS_PER_FILE + 1)).toBe(true);
    expect(chunkSize(TESTS_PER_FILE + 1)).toBeGreaterThan(1);
    expect(isLargeRun({ a: 10, b: TESTS_PER_FILE + 1 })).toBe(true);
    expect(isLargeRun({ a: TESTS_PER_FILE, b: 10 })).toBe(false);
    expect(isLargeRun(undefined)).toBe(false);
  });

  it("a large run's spec workers start with a lean young generation; a small run's with V8's", () => {
    expect(workerExecArgv({ a: 10, b: TESTS_PER_FILE + 1 })).toEqual(expect.arrayContaining(LEAN_YOUNG_GENERATION));
    expect(workerExecArgv({ a: TESTS_PER_FILE })).not.toEqual(expect.arrayContaining(LEAN_YOUNG_GENERATION));
  });

  it('leanHeap collects at once (without --expose-gc on the command line); holdYoungSize keeps the young generation at its size until released', async () => {
    const [left, lean, held, released] = await Promise.all([probe('undefined'), probe('leanHeap()'), probe('holdYoungSize()'), probe('holdYoungSize()()')]);
    // Without a collection the dropped object is still there, and objects surviving the young generation grow it.
    expect(left.collected).toBe(false);
    expect(left.after).toBeGreaterThan(left.before);
    expect(lean.collected).toBe(true);
    // Held, it may still take a step (1 -> 2 MB on Node 20 to 24 alone, a 256 kB page on Node 24 here);
    // let go, it grows to V8's maximum (32 MB on Node 20 and 22, 64-128 MB on Node 24).
    expect(released.after).toBeGreaterThan(released.before);
    expect(held.after).toBeLessThanOrEqual(Math.max(2 * held.before, held.before + 2 ** 20));
    expect(held.after * 4).toBeLessThan(released.after);
  }, 120_000);
});
