// An interrupted run's report counts the requests the run sent, those of the requirements the signal
// cut in flight too (vitest drops those tests, and the transport summary their results carried): on a
// billed account the count is what the run cost.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { BIN, CHILD_KILL_MS } from './support/cli.ts';
import { validReport } from './support/report.ts';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

it('counts every request sent before SIGINT, though no requirement finished (a target that never answers)', async () => {
  // A target that takes every request and answers none: no requirement can finish before the signal.
  const held: ServerResponse[] = [];
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => void held.push(res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanup.push(() => new Promise((done) => (server.closeAllConnections(), server.close(done))));
  const reports = await mkdtemp(join(tmpdir(), 'sipc-interrupted-counts-'));
  cleanup.push(() => rm(reports, { recursive: true, force: true }));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const child = spawn(process.execPath, [BIN, 'run', '--spec', 'ringcentral', '--target', target, '--config', 'examples/ringcentral-mock.config.json', '--budget', '5000', '--report-dir', reports], { env: { ...process.env, NO_COLOR: '1' } });
  const guard = setTimeout(() => child.kill('SIGKILL'), CHILD_KILL_MS);
  let text = '';
  child.stdout.on('data', (d) => (text += d));
  child.stderr.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((done) => child.once('close', done));
  for (let waited = 0; held.length < 3 && waited < 120_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const received = held.length;
  expect(received, text).toBeGreaterThanOrEqual(3);
  child.kill('SIGINT');
  expect(await exited, text).toBe(130);
  clearTimeout(guard);
  const report = validReport(reports);
  expect(report.complete).toBe(false);
  const spec = report.specs.find((s) => s.spec === 'ringcentral')!;
  expect(spec.requirements.filter((r) => r.verdict === 'pass' || r.verdict === 'fail')).toEqual([]);
  expect(spec.transport?.requests, text).toBeGreaterThanOrEqual(received);
  expect(report.totals?.requests).toBe(spec.transport!.requests);
  // The run's budget as the transport used it, not as the finished requirements had.
  expect(report.budget?.used).toBeGreaterThanOrEqual(received);
  expect(report.budget?.used).toBe(spec.transport!.budget?.used);
  // The console says it too, as a finished run's last lines do.
  expect(text).toMatch(new RegExp(`^transport ringcentral: ${spec.transport!.requests} requests`, 'm'));
});
