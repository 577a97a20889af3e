// Every kind of report the CLI writes validates against reports/report.schema.json and reads back
// with `diff`, `replay` and `merge`: the bundled specs in one run (each with a mock fault, so there
// are failures to replay; the same run shows that no artifact leaks a secret), a file spec with every
// parameter location against a server that accepts anything, two shards and their merge, a baseline
// run (in cli-reports.test.ts, beside the baseline's other runs) and an interrupted run (in
// resume.test.ts: the run it continues). The run of every bundled spec also shows that composite
// requirements count their parts' requests. The runs and the readers are the CLI's main in this
// process (what is checked is what they write, read and say, not the process).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, SPEC_NAMES } from '../../specs/index.ts';
import { ringcentralMock } from '../../specs/ringcentral/mock/index.ts';
import { MOCK_API_KEY } from '../../specs/voximplant/mock/keys.ts';
import { cliInProcess } from '../support/cli.ts';
import { scratch } from '../support/files.ts';
import { readsBack as readBack, validReport } from '../support/report.ts';

const { dir, file } = scratch('round-trip');
const HAND_MADE = new URL('../fixtures/openapi/hand-made.yaml', import.meta.url).pathname;
// One random case a requirement beside its boundary cases: what is checked is what a report holds and
// how it reads back, not what more cases would find. A generous request timeout: a false transport
// failure on a busy machine would change nothing here, but reads badly.
const small = ['--runs', '1', '--seed', '11', '--timeout', '30000'];
/**
 * One fault per bundled spec, so each report has a failure for `replay` to re-send, and failures
 * whose curl lines carry credentials (the secrets test reads the same run).
 */
const FAULTS: Record<string, string> = {
  ringcentral: 'device-id-39-accepted',
  'basip-camdroid': 'interval-29-accepted',
  'basip-android': 'timeout-121-accepted',
  voximplant: 'pair-accepted',
};

/** A server that answers 200 `{}` to anything: a file spec run against it fails its negative cases. */
async function acceptAll(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

let server: Awaited<ReturnType<typeof acceptAll>>;
beforeAll(async () => {
  server = await acceptAll();
});
afterAll(() => server.close());

const STATIC_SECRETS = [
  ...Object.entries(ringcentralMock.fixtures).filter(([k]) => k.endsWith('oken')).map(([, v]) => v),
  'e10adc3949ba59abbe56e057f20f883e', // its MD5, sent at login
  'YWRtaW46MTIzNDU2', // admin:123456 for HTTP Basic
  MOCK_API_KEY,
];

const LEAK_PATTERNS: [string, RegExp][] = [
  ['the BAS-IP password', /(?<!\d)123456(?!\d)/],
  ['a JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/],
  ['a private key', /PRIVATE KEY-----|MII[A-Za-z0-9+/]{40}/],
  ['a BAS-IP session token', /Bearer [0-9a-f]{32}\b/],
  ['a RingCentral token', /Bearer rc-mock/],
];

let bundled: ReturnType<typeof cliInProcess> | undefined;
/** The bundled specs in one run, each with its fault: read by the round trip and by the secrets test (started once). */
const bundledRun = () => {
  const config = file('faults.json', JSON.stringify(Object.fromEntries(SPEC_NAMES.map((spec) => [spec, { mock: { faults: [FAULTS[spec]] } }]))));
  return (bundled ??= cliInProcess(['run', '--config', config, ...small, '--report-dir', join(dir, 'bundled')]));
};

const readsBack = (name: string, o: { failures: boolean; merge?: boolean; config?: string }) => readBack(dir, name, o);

// No test timeout: every run bounds itself, and a busy machine only makes them wait longer.
describe.concurrent('every report the CLI writes validates and reads back', { timeout: 0 }, () => {
  it('every bundled spec, each with a mock fault', async () => {
    const out = await bundledRun();
    expect(out.code, out.stderr).toBe(1);
    const report = validReport(join(dir, 'bundled'));
    expect(report.specs.map((s) => s.spec).sort()).toEqual([...SPEC_NAMES].sort());
    // Every spec's fault is found (its boundary case): a failure, with a curl line, in every spec.
    for (const s of report.specs) expect(s.requirements.filter((r) => r.failures.length).map((r) => r.id), s.spec).not.toEqual([]);
    await readsBack('bundled', { failures: true });
  });

  it("a composite requirement counts its parts' requests (Voximplant)", async () => {
    expect((await bundledRun()).code).toBe(1);
    const voximplant = validReport(join(dir, 'bundled')).specs.find((s) => s.spec === 'voximplant')!;
    const ran = voximplant.requirements.filter((r) => r.cases > 0);
    expect(ran.filter((r) => !r.requests).map((r) => r.id)).toEqual([]);
    const sum = voximplant.requirements.reduce((n, r) => n + (r.requests ?? 0), 0);
    // The rest is logins and probes: the requirements account for most of what the transport sent.
    expect(sum).toBeGreaterThan(voximplant.transport!.requests / 2);
    expect(sum).toBeLessThanOrEqual(voximplant.transport!.requests);
  });

  // Secrets never appear in any artifact of a run: console output, every report format, curl lines, errors.
  it('a run with failures in every spec leaks no token, password, API key, private key or JWT', async () => {
    expect(Object.keys(FAULTS).sort()).toEqual([...SPEC_NAMES].sort());
    const out = await bundledRun();
    expect(out.code, out.stderr).toBe(1);
    const reports = join(dir, 'bundled');
    const report = readFileSync(join(reports, 'report.json'), 'utf8');
    expect(report).toContain('[REDACTED]');
    const formats = ['junit.xml', 'report.html', 'report.md'].map((f) => [f, readFileSync(join(reports, f), 'utf8')] as const);
    for (const [name, text] of [['console', out.stdout + out.stderr], ['report.json', report], ...formats] as const) {
      for (const secret of STATIC_SECRETS) expect(text.includes(secret), `${name} contains ${secret}`).toBe(false);
      for (const [what, pattern] of LEAK_PATTERNS) expect(pattern.exec(text)?.[0], `${name} contains ${what}`).toBeUndefined();
    }
  });

  it('a file spec with path, query, header, cookie and body parameters, against a server that accepts anything', async () => {
    const config = file('hand-made.json', JSON.stringify({ 'hand-made': { target: server.url, basePath: '', token: 'tok', username: 'u', password: 'p' } }));
    const out = await cliInProcess(['run', '--spec', HAND_MADE, '--config', config, ...small, '--report-dir', join(dir, 'hand-made')]);
    expect(out.code, out.stderr).toBe(1);
    const report = validReport(join(dir, 'hand-made'));
    const locations = new Set(report.specs[0]!.requirements.flatMap((r) => [...(r.covers ?? []), ...r.failures.flatMap((f) => f.violations)]).map((v) => v.location));
    expect(locations).toContain('request');
    const sent = report.specs[0]!.requirements.flatMap((r) => r.failures.map((f) => f.request));
    expect(sent.some((r) => /\/things\/\d+/.test(r.url) && Object.keys(r.headers).some((h) => /^x-request-id$/i.test(h)) && Object.keys(r.headers).some((h) => /^cookie$/i.test(h)))).toBe(true);
    await readsBack('hand-made', { failures: true, config });
  });

  it('two shards and their merge: every requirement exactly once, every format written; a shard missing or given twice is refused', async () => {
    const ids = (await loadSpec('ringcentral')).catalogue.map((r) => r.id).sort();
    const shards = await Promise.all(['1/2', '2/2'].map((s, i) => cliInProcess(['run', '--spec', 'ringcentral', '--fault', FAULTS.ringcentral!, ...small, '--shard', s, '--format', 'json', '--report-dir', join(dir, `shard${i + 1}`)])));
    for (const [i, s] of shards.entries()) {
      expect(s.code, s.stderr).toBeLessThan(2);
      expect(validReport(join(dir, `shard${i + 1}`)).settings?.shard).toBe(`${i + 1}/2`);
    }
    const parts = [1, 2].map((i) => join(dir, `shard${i}`, 'report.json'));
    const merged = await cliInProcess(['merge', ...parts, '--report-dir', join(dir, 'sharded')]);
    expect(merged.code, merged.stderr).toBe(1);
    const report = validReport(join(dir, 'sharded'));
    expect(report.specs[0]!.requirements.map((r) => r.id).sort()).toEqual(ids);
    expect(report.totals!.total).toBe(ids.length);
    for (const f of ['junit.xml', 'report.html', 'report.md']) expect(existsSync(join(dir, 'sharded', f))).toBe(true);
    const missing = await cliInProcess(['merge', parts[0]!, '--report-dir', join(dir, 'merged2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/merge: shard 2\/2 is missing/);
    const twice = await cliInProcess(['merge', parts[0]!, parts[0]!, '--report-dir', join(dir, 'merged3')]);
    expect(twice.stderr).toMatch(/merge: shard 1\/2 given twice/);
    await readsBack('shard1', { failures: shards[0]!.code === 1, merge: false });
    await readsBack('sharded', { failures: true });
  });

  // A baseline run: test/reports/cli-reports.test.ts validates its report and reads it back; an
  // interrupted run (SIGINT): test/resume.test.ts, before it continues the run.
});
