// Taking SIGINT and SIGTERM over from the handlers before (the launcher's, vitest's).

/**
 * `handler` becomes the only listener of both signals. It is added before the others are removed:
 * when a signal's last listener goes, Node closes its handle, and a signal that arrived just before
 * (dispatched on the next turn of the loop) is lost with it, so a mock or a run that had just said
 * it was ready would ignore a Ctrl-C and never stop.
 */
export function takeSignals(handler: (signal: NodeJS.Signals) => void, once = false): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const before = process.listeners(signal);
    if (once) process.once(signal, handler);
    else process.on(signal, handler);
    for (const listener of before) process.off(signal, listener);
  }
}
