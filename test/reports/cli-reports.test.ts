// The report side of the CLI end to end: formats, the replay and curl lines as printed (issue 17),
// baseline, nothing tested, diff, replay against a fixed and a still-broken mock, shards merged back.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, CHILD_KILL_MS, cli, cliInProcess } from '../support/cli.ts';
import { scratch } from '../support/files.ts';
import { readsBack, validReport } from '../support/report.ts';

const { dir, file } = scratch('cli-reports');
const ROOT = new URL('../..', import.meta.url).pathname;
const sh = promisify(execFile);
const MOCK_CONFIG = new URL('../../examples/ringcentral-mock.config.json', import.meta.url).pathname;
const FAULT = 'device-id-39-accepted';
const only = ['--only', 'RC-DEVICE-ID-LENGTH', '--runs', '3', '--seed', '7'];

/** A standalone reference mock, as a user would start one. */
async function startMock(...faults: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'mock', '--spec', 'ringcentral', ...faults.flatMap((f) => ['--fault', f])]);
  const line = await new Promise<string>((done) => child.stdout!.once('data', (d) => done(String(d))));
  return { url: /listening (\S+)/.exec(line)![1]!, child };
}

// Standalone mocks, one with the fault and one without, for the runs that diff and replay read.
let broken: Awaited<ReturnType<typeof startMock>>;
let fixed: Awaited<ReturnType<typeof startMock>>;
beforeAll(async () => {
  [broken, fixed] = await Promise.all([startMock(FAULT), startMock()]);
});
afterAll(() => {
  broken.child.kill('SIGTERM');
  fixed.child.kill('SIGTERM');
});
// A request timeout no busy machine reaches: a false timeout failure would fail the clean run.
const runAgainst = (url: string, out: string, ...more: string[]) => cliInProcess(['run', '--spec', 'ringcentral', '--target', url, '--config', MOCK_CONFIG, ...only, '--timeout', '60000', ...more, '--report-dir', join(dir, out)]);
/** The clean run, against the fixed mock: read by the --format test and by diff (started once, by whichever asks first). */
let clean: ReturnType<typeof runAgainst> | undefined;
const cleanRun = () => (clean ??= runAgainst(fixed.url, 'clean', '--format', 'md'));
/**
 * The run against the broken mock: read by diff and replay, and its printed lines are run as printed,
 * so it is a child started from the clone's folder, as the README says (started once).
 */
let brokenChild: ReturnType<typeof cli> | undefined;
const brokenRun = () =>
  (brokenChild ??= cli(['run', '--spec', 'ringcentral', '--target', broken.url, '--config', MOCK_CONFIG, ...only, '--timeout', '60000', '--report-dir', join(dir, 'broken')], undefined, ROOT));

// Independent runs go together. The run whose replay line is checked is a child process, as a user
// starts it, and its line is run as printed, by a shell; every other run, and what reads a report
// back (diff, replay, merge) or stops before a run starts (bad flags), calls the CLI's main in this
// process (what is checked is what they write and say, not the process).
describe.concurrent('run: formats, the replay line, gating', () => {
  it('writes every format; the replay line printed carries --config and --timeout and works as printed; replay re-sends the failure to the embedded mock', async () => {
    // The mock's fault and variant from the config, as --fault would give them (the run fails by the fault).
    const config = file('faulty.json', JSON.stringify({ ringcentral: { mock: { faults: [FAULT], variant: 'loose' } } }));
    const out = await cli(['run', '--spec', 'ringcentral', '--config', config, '--timeout', '4000', ...only, '--report-dir', join(dir, 'formats')], undefined, dir);
    expect(out.code, out.stderr).toBe(1);
    for (const f of ['report.json', 'junit.xml', 'report.html', 'report.md']) expect(existsSync(join(dir, 'formats', f))).toBe(true);
    const report = validReport(join(dir, 'formats'));
    expect(report.settings).toMatchObject({ timeoutMs: 4000, config, only: 'RC-DEVICE-ID-LENGTH' });
    expect(report.specs[0]!.mock).toEqual({ faults: [FAULT], variant: 'loose' });
    const failure = report.specs[0]!.requirements[0]!.failures[0]!;
    expect(failure.replay).toBe(`${BIN} run --spec ringcentral --config ${config} --timeout 4000 --seed 7 --runs 3 --report-dir '${join(dir, 'formats')}/replay-RC-DEVICE-ID-LENGTH' --only RC-DEVICE-ID-LENGTH`);
    expect(report.specs[0]!.requirements[0]).toMatchObject({ durationMs: expect.any(Number), requests: expect.any(Number) });
    expect(XMLValidator.validate(readFileSync(join(dir, 'formats', 'junit.xml'), 'utf8'))).toBe(true);
    // As printed, from another folder: the same failure again.
    const replay = /replay:\s+(\/.*)/.exec(out.stdout)![1]!;
    const again = await new Promise<{ code: number | null; text: string }>((done) => {
      const child = spawn('sh', ['-c', replay], { cwd: '/' });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.on('close', (code) => done({ code, text }));
    });
    expect(again.code, again.text).toBe(1);
    expect(again.text).toMatch(/FAIL \(MUST\) SPR-114 RC-DEVICE-ID-LENGTH/);
    expect(existsSync(join(dir, 'formats', 'replay-RC-DEVICE-ID-LENGTH', 'report.json'))).toBe(true);
    // replay without --target starts the embedded mock the run used, with the faults its config gave.
    const replayed = await cliInProcess(['replay', join(dir, 'formats', 'report.json')]);
    expect(replayed.code, replayed.stderr).toBe(1);
    expect(replayed.stdout).toContain('replay: 0 fixed, 1 still failing');
  });

  it("a failure's replay line reruns it into a fresh folder; its curl line gets the same answer with the token from the environment", async () => {
    const reports = join(dir, 'broken');
    const out = await brokenRun();
    expect(out.code, out.stdout + out.stderr).toBe(1);
    const failure = validReport(reports).specs[0]!.requirements.find((r) => r.id === 'RC-DEVICE-ID-LENGTH')!.failures[0]!;

    const replay = /^ +replay: +(.*)$/m.exec(out.stdout)![1]!;
    expect(replay).toBe(failure.replay);
    // From the clone's folder, as its README says: the line starts with ./bin/sip-conformance.
    expect(replay).toMatch(new RegExp(`^\\./bin/sip-conformance run .*--config ${MOCK_CONFIG} .*--report-dir '?${reports}/replay-RC-DEVICE-ID-LENGTH'? --only RC-DEVICE-ID-LENGTH$`));
    const again = await sh('sh', ['-c', replay], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: CHILD_KILL_MS }).catch((err: { code: number; stdout: string }) => err);
    expect((again as { code?: number }).code).toBe(1);
    expect(again.stdout).toMatch(/FAIL \(MUST\) SPR-114 RC-DEVICE-ID-LENGTH/);
    expect(validReport(join(reports, 'replay-RC-DEVICE-ID-LENGTH')).specs[0]!.requirements.map((r) => r.id)).toEqual(['RC-DEVICE-ID-LENGTH']);

    expect(failure.curl).not.toContain('REDACTED');
    expect(failure.curl).toMatch(/^# export SIPC_TOKEN=<the bearer token>\ncurl .* -H "Authorization: Bearer \$SIPC_TOKEN" /);
    const answer = await sh('sh', ['-c', failure.curl], { env: { ...process.env, SIPC_TOKEN: 'rc-mock-token' }, timeout: CHILD_KILL_MS });
    expect(answer.stdout).toMatch(new RegExp(`^HTTP/1\\.1 ${failure.actual.status} `));
    // Without the variable the token is missing, so the line really takes it from the environment.
    const without = await sh('sh', ['-c', failure.curl], { env: { ...process.env, SIPC_TOKEN: '' }, timeout: CHILD_KILL_MS });
    expect(without.stdout).toMatch(/^HTTP\/1\.1 401 /);
    expect(existsSync(join(reports, 'report.json'))).toBe(true);
  });

  it('--format picks formats (report.json always); bad flags exit 2 with one line', async () => {
    const out = await cleanRun();
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout, '--only runs one requirement, as the replay line promises').toMatch(/1 passed, 0 failed/);
    expect(readFileSync(join(dir, 'clean', 'report.md'), 'utf8')).toMatch(/every MUST requirement met/);
    expect(existsSync(join(dir, 'clean', 'report.json'))).toBe(true);
    expect(existsSync(join(dir, 'clean', 'junit.xml'))).toBe(false);
    for (const [args, message] of [
      [['--format', 'pdf'], /--format: unknown format "pdf"/],
      [['--fail-on', 'may'], /--fail-on: expected must or should/],
      [['--shard', '3/2'], /--shard: expected i\/n/],
      [['--baseline', file('bad-baseline.json', '{"knownFailures":[{"spec":"ringcentral","id":"X"}]}')], /baseline .*: knownFailures\[0\] needs "spec", "id" and a non-empty "reason"/],
    ] as const) {
      const bad = await cliInProcess(['run', '--spec', 'ringcentral', ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr.split('\n')[0]).toMatch(message);
    }
  });

  it('a run that tested nothing exits 2 with one line', async () => {
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--only', 'NO-SUCH-REQUIREMENT', '--report-dir', join(dir, 'none')]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim()).toBe('sip-conformance: --only NO-SUCH-REQUIREMENT: no requirement id, error code or title contains it (`sip-conformance run --dry-run` lists them)');
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('--baseline: a listed failure passes, and once fixed its entry is stale and fails the run; --update-baseline writes it', async () => {
    const baseline = file('baseline.json', JSON.stringify({ knownFailures: [{ spec: 'ringcentral', id: 'RC-DEVICE-ID-LENGTH', reason: 'vendor ticket 42' }] }));
    const written = join(dir, 'written-baseline.json');
    const typo = file('typo-baseline.json', JSON.stringify({ knownFailures: [{ spec: 'ringcentral', id: 'RC-DEVICE-ID-LENGHT', reason: 'vendor ticket 42' }] }));
    // A request timeout no busy machine reaches: a false timeout failure would make the fixed run "known".
    const patient = [...only, '--timeout', '60000'];
    const [known, stale, update, misspelled] = await Promise.all([
      cliInProcess(['run', '--spec', 'ringcentral', ...patient, '--fault', FAULT, '--baseline', baseline, '--report-dir', join(dir, 'b1')]),
      cliInProcess(['run', '--spec', 'ringcentral', ...patient, '--baseline', baseline, '--report-dir', join(dir, 'b2')]),
      cliInProcess(['run', '--spec', 'ringcentral', ...patient, '--fault', FAULT, '--update-baseline', written, '--report-dir', join(dir, 'b3')]),
      cliInProcess(['run', '--spec', 'ringcentral', ...patient, '--baseline', typo, '--report-dir', join(dir, 'b4')]),
    ]);
    expect(known.code, known.stdout).toBe(0);
    expect(known.stdout).toContain('known failure ringcentral RC-DEVICE-ID-LENGTH (baseline: vendor ticket 42)');
    // Every format knows it is known: no <failure> in JUnit, the reason given, the headline and report.json say so.
    const junit = readFileSync(join(dir, 'b1', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
    expect(junit).not.toContain('<failure');
    expect(junit).toMatch(/<skipped message="known failure \(baseline [^"]*baseline\.json\): vendor ticket 42"\/>/);
    expect(readFileSync(join(dir, 'b1', 'report.md'), 'utf8')).toMatch(/^## sip-conformance: 0 new failures, 1 known \(baseline\), 0 stale baseline entries; 1 of 1 requirement tested$/m);
    expect(readFileSync(join(dir, 'b1', 'report.html'), 'utf8')).toContain('<h1>sip-conformance report: 0 new failures, 1 known (baseline), 0 stale baseline entries; 1 of 1 requirement tested</h1>');
    expect(validReport(join(dir, 'b1')).baseline).toMatchObject({ failOn: 'must', known: [{ spec: 'ringcentral', id: 'RC-DEVICE-ID-LENGTH', reason: 'vendor ticket 42' }], new: [], stale: [] });
    // A baseline run's report reads back, as every kind of report does (test/reports/round-trip.test.ts).
    await readsBack(dir, 'b1', { failures: true });
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale baseline entry ringcentral RC-DEVICE-ID-LENGTH: it passes now; remove it from the baseline');
    expect(readFileSync(join(dir, 'b2', 'report.md'), 'utf8')).toMatch(/^## sip-conformance: 0 new failures, 0 known \(baseline\), 1 stale baseline entry; /m);
    expect(readFileSync(join(dir, 'b2', 'junit.xml'), 'utf8')).toMatch(/<failure message="stale baseline entry: it passes now; remove it from [^"]*" type="stale baseline entry"\/>/);
    // --update-baseline alone writes the next run's baseline; this run's MUST failure still fails it.
    expect(update.code, update.stdout).toBe(1);
    expect(update.stdout).toMatch(/baseline: 1 known failure\(s\) written to .* for the next run; this run is judged without a baseline/);
    expect(JSON.parse(readFileSync(written, 'utf8')).knownFailures).toEqual([{ spec: 'ringcentral', id: 'RC-DEVICE-ID-LENGTH', reason: expect.stringMatching(/^failing since seed 7/) }]);
    expect(misspelled.code).toBe(2);
    expect(misspelled.stderr.trim()).toBe(`sip-conformance: baseline ${typo}: ringcentral has no requirement "RC-DEVICE-ID-LENGHT" (did you mean RC-DEVICE-ID-LENGTH?)`);
  });
});

describe('diff and replay against standalone mocks', () => {
  it('diff: exit 1 when NEW has failures OLD had not, 0 the other way, and names the fixed', async () => {
    const runs = await Promise.all([cleanRun(), brokenRun()]);
    expect(runs.map((r) => r.code)).toEqual([0, 1]);
    const [clean, bad] = [join(dir, 'clean', 'report.json'), join(dir, 'broken', 'report.json')];
    const worse = await cliInProcess(['diff', clean, bad]);
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/new failures: 1\n  ringcentral SPR-114 RC-DEVICE-ID-LENGTH: pass -> fail/);
    const better = await cliInProcess(['diff', bad, clean, '--format', 'md']);
    expect(better.code).toBe(0);
    expect(better.stdout).toMatch(/^## sip-conformance diff: 0 new failure\(s\), 1 fixed/);
    const json = await cliInProcess(['diff', bad, clean, '--format', 'json']);
    expect(JSON.parse(json.stdout).fixed).toEqual([expect.objectContaining({ id: 'RC-DEVICE-ID-LENGTH', from: 'fail', to: 'pass' })]);
    expect((await cliInProcess(['diff', clean])).stderr).toMatch(/diff: expected two reports/);
  });

  it('replay re-sends the counterexample: still failing on the broken mock (exit 1), fixed on the fixed one (exit 0)', async () => {
    const report = join(dir, 'broken', 'report.json');
    const still = await cliInProcess(['replay', report, '--config', MOCK_CONFIG]);
    expect(still.code, still.stderr).toBe(1);
    expect(still.stdout).toMatch(/^still failing ringcentral RC-DEVICE-ID-LENGTH: boundary: \/device\/id = "\d{39}" -> 200 .*expected status 400/m);
    const ok = await cliInProcess(['replay', report, '--config', MOCK_CONFIG, '--target', fixed.url, '--only', 'RC-DEVICE-ID-LENGTH']);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^fixed {9}ringcentral RC-DEVICE-ID-LENGTH: .* -> 400 /m);
    expect(ok.stdout).toContain('replay: 1 fixed, 0 still failing');
    const nothing = await cliInProcess(['replay', join(dir, 'clean', 'report.json')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing to replay: the report has no failure/);
    expect((await cliInProcess(['replay', report, '--only', 'NOPE'])).stderr).toMatch(/replay: --only NOPE: no such requirement/);
  });
});

// Shards and their merge: test/reports/round-trip.test.ts.
