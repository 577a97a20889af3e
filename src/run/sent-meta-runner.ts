// The spec workers' vitest runner: vitest's own, except that a test's results leave the worker once
// sent. Vitest keeps every test's meta in the worker until its file ends, and a test's meta carries
// its requirements' results (src/run/chunks.ts) to the CLI, which folds them into the report: a
// 3,000-operation document's worker held all 16,000 results of its part to the end, ~6 MB of its heap.
import type { RunnerTaskEventPack as TaskEventPack, RunnerTaskResultPack as TaskResultPack } from 'vitest';
import { VitestTestRunner } from 'vitest/runners';

export default class SentMetaRunner extends VitestTestRunner {
  /**
   * Vitest calls this with each batch of updates right after handing the batch to its RPC, which
   * serializes it at once (or, on its very first call, after a microtask). A test's `test-finished`
   * event is the last update of it vitest sends, with its meta in the same batch: its results, sent,
   * are dropped on the next turn of the event loop. Not before: a test's state is final some time
   * before that event, and a batch sent meanwhile is followed by the event's, whose meta the CLI
   * reads (a result dropped after the first would be lost to the report).
   */
  onTaskUpdate(packs: TaskResultPack[], events: TaskEventPack[]): Promise<void> {
    const finished = new Set(events.flatMap(([id, event]) => (event === 'test-finished' ? [id] : [])));
    const sent = packs.flatMap(([id, , meta]) => (finished.has(id) && (meta.conformance || meta.probes) ? [meta] : []));
    if (sent.length) {
      setTimeout(() => {
        for (const meta of sent) {
          delete meta.conformance;
          delete meta.probes;
        }
      }, 0);
    }
    return Promise.resolve();
  }
}
