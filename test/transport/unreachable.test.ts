// A target that answers none of the run's first requests stops the run early: the rest is not sent,
// never blamed on the target, and marked for --resume.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../specs/index.ts';
import { UNREACHABLE_AFTER } from '../../src/http/reachability.ts';
import { createTransport } from '../../src/http/index.ts';
import { runSpec } from '../../src/run/run-spec.ts';

/** A loopback port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as { port: number };
  await new Promise((done) => s.close(done));
  return port;
}

describe('an unreachable target', () => {
  it('connection refused from the first request: the run stops after a few, the rest is "not sent (unreachable)"', async () => {
    const spec = await loadSpec('ringcentral');
    const target = `http://127.0.0.1:${await closedPort()}`;
    const report = await runSpec(spec, { seed: 1, runs: 50, timeoutMs: 2000, concurrency: 2, timeLimitMs: 20_000, section: { token: 't' }, target, rate: 'none' });
    expect(report.transport?.unreachable).toMatch(/^the first 5 requests all failed; the last: refused: connection refused/);
    // The whole plan is over a thousand requests; a few in flight when the fifth failed may still go.
    expect(report.transport!.requests).toBeLessThan(50);
    const cut = report.requirements.filter((r) => r.cut === 'unreachable');
    expect(cut.length).toBeGreaterThan(5);
    for (const r of cut) expect(r).toMatchObject({ verdict: 'skip', reason: expect.stringMatching(/^not sent \(unreachable\): target unreachable/) });
    for (const p of report.probes ?? []) expect(p.case).toMatch(/not sent/);
  });

  it('a target that answered once stays reachable: later failures are judged, nothing is refused', async () => {
    let n = 0;
    const stats = { requests: 0 };
    const wire = { send: async () => (stats.requests++, n++ === 0 ? { status: 200, headers: {}, text: '', ms: 1 } : { status: 0, headers: {}, text: '', ms: 1, error: { cause: 'timeout' as const, message: 'slow' } }) };
    const t = createTransport(wire);
    for (let i = 0; i < UNREACHABLE_AFTER + 3; i++) await t.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {} });
    expect(t.stats.unreachable).toBeUndefined();
    expect(stats.requests).toBe(UNREACHABLE_AFTER + 3);
    const down = createTransport({ send: async () => ({ status: 0, headers: {}, text: '', ms: 1, error: { cause: 'reset' as const, message: 'reset' } }) });
    for (let i = 0; i < UNREACHABLE_AFTER + 3; i++) await down.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {} });
    expect(down.stats.unreachable).toMatch(/the first 5 requests all failed; the last: reset/);
    expect(down.stats.requests).toBe(UNREACHABLE_AFTER);
  });
});
