// Blocks this process's event loop for a while without spending CPU (Atomics.wait sleeps the thread):
// a stall as a loaded machine makes one, for tests of what a late event loop must not turn into a verdict.
export function stallEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
