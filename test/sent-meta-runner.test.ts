// The spec workers' runner drops a test's results once vitest has sent its last update
// (src/run/sent-meta-runner.ts): after its `test-finished` event, never before it.
import { describe, expect, it } from 'vitest';
import type { RunnerTaskEventPack, RunnerTaskResultPack, TaskMeta } from 'vitest';
import SentMetaRunner from '../src/run/sent-meta-runner.ts';
import type { ConformanceMeta } from '../src/run/suite.ts';

const turn = () => new Promise((done) => setTimeout(done, 5));
const conformance = { spec: 's', results: [], transport: {} } as unknown as ConformanceMeta;

describe('SentMetaRunner', () => {
  // Its hook uses nothing of the runner vitest builds in a worker (from the worker's config).
  const runner = { onTaskUpdate: (packs: RunnerTaskResultPack[], events: RunnerTaskEventPack[]) => SentMetaRunner.prototype.onTaskUpdate.call(undefined, packs, events) };

  it("keeps a test's results while its state is final but its test-finished event is still to be sent", async () => {
    const meta: TaskMeta = { conformance };
    const packs: RunnerTaskResultPack[] = [['t1', { state: 'pass' }, meta]];
    const events: RunnerTaskEventPack[] = [['t2', 'test-finished', undefined]];
    await runner.onTaskUpdate(packs, events);
    await turn();
    expect(meta.conformance).toBe(conformance);
  });

  it('drops them, and its probes, on the turn after the batch with its test-finished event', async () => {
    const meta: TaskMeta = { conformance, probes: { spec: 's', target: 'x', probes: [], transport: {} as never }, requirements: 4 };
    await runner.onTaskUpdate([['t1', { state: 'fail' }, meta]], [['t1', 'test-finished', undefined]]);
    // The batch is serialized by vitest's RPC at once: what it holds is sent whole.
    expect(meta.conformance).toBe(conformance);
    await turn();
    expect(meta).toEqual({ requirements: 4 });
  });
});
