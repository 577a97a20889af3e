import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_000, scratch } from './support/files.ts';
import { BIN, cliInProcess } from './support/cli.ts';
import { validReport } from './support/report.ts';

const { dir, file } = scratch('cli');

/** A document nested `depth` levels deep, and a YAML alias bomb (9^9 strings once expanded). */
const deep = (depth: number) => `{"openapi":"3.0.3","info":{"title":"deep","version":"1"},"paths":{},"x-deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
const deepYaml = (depth: number) => `openapi: 3.0.3\ninfo: {title: deep, version: "1"}\npaths: {}\nx-deep: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`;
const bomb = ['openapi: 3.0.3', 'info: {title: bomb, version: "1"}', 'paths: {}', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, i) => `x-a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`)].join('\n');

// How fast these answer (the 2 s promise) is measured by `npm run bench`, not asserted here. The CLI's
// main in this process: what is checked is its message and exit code (test/cli-help.test.ts runs a
// usage error through the launcher, as a shell meets it).
describe.concurrent('CLI bad input: one clear line and the documented exit code', () => {
  const token = file('token.json', JSON.stringify({ ringcentral: { token: 't0ken-value' } }));
  it.each([
    [['run', '--spec', 'nope'], 2, /unknown spec "nope"/],
    [['run', '--runs', 'x'], 2, /--runs: expected an integer/],
    [['run', '--concurrency', '0'], 2, /--concurrency: expected an integer from 1/],
    [['run', '--timeout', '1.5'], 2, /--timeout: expected an integer/],
    [['run', '--spec', 'ringcentral', '--target', 'not a url'], 2, /--target: "not a url" is not a URL/],
    [['run', '--spec', 'ringcentral', '--target', 'ftp://x'], 2, /must be http or https/],
    [['run', '--config', join(dir, 'missing.json')], 2, /config .*missing\.json: cannot read \(ENOENT\)/],
    [['run', '--config', file('bad.json', '{ nope')], 2, /config .*bad\.json: invalid JSON/],
    [['run', '--spec', 'ringcentral', '--config', file('key.json', '{"ringcentral":{"tokn":"x"}}')], 2, /config ringcentral\.tokn: unknown key/],
    [['run', '--spec', 'ringcentral', '--config', file('fx.json', '{"ringcentral":{"fixtures":{"nope":"x"}}}')], 2, /config ringcentral\.fixtures\.nope: unknown key/],
    [['run', '--spec', 'ringcentral', '--config', file('ua.json', '{"ringcentral":{"userAgent":"NoVersion"}}')], 2, /userAgent: "NoVersion" has no parseable version/],
    [['run', '--spec', 'ringcentral', '--fault', 'nope'], 2, /unknown fault "nope" for mock ringcentral/],
    [['run', '--spec', 'ringcentral', '--config', file('badmock.json', '{"ringcentral":{"mock":{"variant":"lax"}}}')], 2, /config ringcentral\.mock\.variant: expected strict, loose, strictest, lenient/],
    [['run', '--spec', 'ringcentral', '--target', 'http://127.0.0.1:9'], 2, /ringcentral\.token: required/],
    [['run', '--spec', 'ringcentral', '--target', 'http://127.0.0.1:9', '--config', token, '--report-dir', join(dir, 'unreachable-table')], 3, /target unreachable: http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/],
    [['run', '--spec', SEED_000, '--target', 'http://127.0.0.1:9'], 2, /seed-000-ringcentral-sip-provision\.yaml: dangling \$ref '#\/definitions\/holder' at \/paths\//],
    [['run', '--spec', 'ringcentral', '--base-path', '/v1'], 2, /--base-path needs exactly one --spec, an OpenAPI file/],
    [['run', '--bogus'], 2, /Unknown option '--bogus'/],
    [['frobnicate'], 2, /unknown command "frobnicate"/],
    [['mock'], 2, /mock: --spec NAME is required/],
    [['mock', '--spec', 'ringcentral', '--port', '70000'], 2, /--port: expected an integer from 0 to 65535/],
    // A negative number is the option's value, so the allowed range can be said (issue 21).
    [['run', '--runs', '-1'], 2, /^sip-conformance: --runs: expected an integer from 1 to 100000, got "-1"$/],
    [['run', '--seed', '-5'], 2, /^sip-conformance: --seed: expected an integer from 0 to 2147483647, got "-5"$/],
    [['run', '--budget', '-3'], 2, /^sip-conformance: --budget: expected an integer from 1 to 10000000, got "-3"$/],
    [['run', '--spec', file('deep.json', deep(3000)), '--dry-run'], 2, /deep\.json: nested more than 256 levels deep \(at \/x-deep\/a\/a/],
    [['run', '--spec', file('deep.yaml', deepYaml(20_000)), '--dry-run'], 2, /deep\.yaml: nested too deeply to read \(the parser ran out of stack/],
    [['run', '--spec', file('deep300.json', deep(300)), '--dry-run'], 2, /deep300\.json: nested more than 256 levels deep \(at \/x-deep\/a\/a/],
    [['run', '--spec', file('bomb.yaml', bomb), '--dry-run'], 2, /bomb\.yaml: not valid YAML\/JSON: Excessive alias count/],
    [['run', '--runs=-1'], 2, /--runs: expected an integer from 1 to 100000, got "-1"/],
    [['mock', '--spec', 'ringcentral', '--port', '-1'], 2, /--port: expected an integer from 0 to 65535, got "-1"/],
  ])('%j exits %i', async (args, code, message) => {
    const out = await cliInProcess(args as string[]);
    expect(out.code, out.stderr).toBe(code);
    expect(out.stderr.split('\n')[0]).toMatch(message);
    // A usage error is its line and where to look, never the whole synopsis.
    expect(out.stderr.trim().split('\n').length, out.stderr).toBeLessThanOrEqual(2);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(out.stderr + out.stdout).not.toContain('t0ken-value');
  });

  it('a dry run plans a requirement whose schema yields no value as skipped, as the run skips it', async () => {
    // hand-made.yaml's IMPOSSIBLE operation: a minimum above its maximum.
    const out = await cliInProcess(['run', '--spec', join(import.meta.dirname, 'fixtures/openapi/hand-made.yaml'), '--dry-run']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/skip: cannot generate cases: no number from 10 to 5 \(contradictory bounds\)/);
  });
});

// Runs in this process: what is checked is what they print and write. The replay line's first words
// name the command as the user invoked it, so a line run as printed comes from a child started as a
// user starts one: test/reports/cli-reports.test.ts (here the line starts `npx sip-conformance`).
describe.concurrent('CLI runs', () => {
  it('runs the suite against the embedded mock and writes the report (exit 0)', async () => {
    const reports = join(dir, 'ok');
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--runs', '2', '--seed', '7', '--report-dir', reports]);
    expect(out.code, out.stderr + out.stdout).toBe(0);
    expect(out.stdout).toMatch(/PASS\s+MUST\s+SPR-114\s+RC-DEVICE-ID-LENGTH/);
    const report = validReport(reports);
    expect(report).toMatchObject({ seed: 7, complete: true, specs: [{ spec: 'ringcentral', target: expect.stringMatching(/embedded mock/) }] });
    expect(report.specs[0].requirements.length).toBeGreaterThan(20);
  });

  it('fails with exit 1 on a faulty server, printing the shrunk case, a curl command and the replay', async () => {
    const reports = join(dir, 'fault');
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--runs', '10', '--seed', '7', '--fault', 'device-id-39-accepted', '--only', 'RC-DEVICE-ID-LENGTH', '--report-dir', reports]);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/FAIL \(MUST\) SPR-114 RC-DEVICE-ID-LENGTH/);
    expect(out.stdout).toMatch(/curl:\s+# export SIPC_TOKEN=<the bearer token>\n\s+curl -sS -i -X POST 'http:\/\/127\.0\.0\.1:\d+\/restapi\/v1\.0\/client-info\/sip-provision'.*"Authorization: Bearer \$SIPC_TOKEN"/);
    expect(out.stdout).toContain(` run --spec ringcentral --fault device-id-39-accepted --seed 7 --runs 10 --report-dir '${reports}/replay-RC-DEVICE-ID-LENGTH' --only RC-DEVICE-ID-LENGTH`);
    const report = validReport(reports);
    const failed = report.specs[0]!.requirements.find((r) => r.id === 'RC-DEVICE-ID-LENGTH')!;
    expect(failed.verdict).toBe('fail');
    expect(failed.failures[0]).toMatchObject({ request: { method: 'POST' }, expected: expect.any(String), actual: { status: 200 }, replay: expect.any(String), curl: expect.any(String) });
  });

  // A config's mock faults and variant (as --fault and --variant would give them): the run of
  // test/reports/cli-reports.test.ts whose report every format is checked in.

  it('the suites are plain vitest files: `vitest run suites -t SPR-114` runs that requirement only', async () => {
    const root = new URL('..', import.meta.url).pathname;
    const vitest = join(root, 'node_modules/vitest/vitest.mjs');
    const out = await new Promise<{ code: number | null; text: string }>((done) => {
      const child = spawn(process.execPath, [vitest, 'run', 'suites/ringcentral.test.ts', '-t', 'SPR-114'], { cwd: root, env: { ...process.env, SIPC_RUNS: '5', NO_COLOR: '1', CI: 'true' } });
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      child.on('close', (code) => done({ code, text }));
    });
    expect(out.code, out.text).toBe(0);
    expect(out.text).toMatch(/Tests\s+1 passed \| \d+ skipped/);
  });

  it('a target unreachable before the run starts: exit 3 and a report saying so, not the one an earlier run left (a resumed one kept as it was)', async () => {
    const reports = join(dir, 'unreachable');
    const config = file('unreachable-token.json', JSON.stringify({ ringcentral: { token: 't0ken-value' } }));
    const earlier = await cliInProcess(['run', '--spec', 'ringcentral', '--runs', '1', '--only', 'RC-VALID', '--report-dir', reports, '--format', 'json']);
    expect(earlier.code, earlier.stderr).toBe(0);
    // Resumed, the report it continues stays as it was (the folder's report.json is that report).
    const kept = readFileSync(join(reports, 'report.json'), 'utf8');
    const resumed = await cliInProcess(['run', '--resume', join(reports, 'report.json'), '--target', 'http://127.0.0.1:9', '--config', config, '--report-dir', reports]);
    expect(resumed.code, resumed.stderr).toBe(3);
    expect(readFileSync(join(reports, 'report.json'), 'utf8')).toBe(kept);
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--target', 'http://127.0.0.1:9', '--config', config, '--only', 'RC-DEVICE', '--report-dir', reports]);
    expect(out.code, out.stderr).toBe(3);
    const report = validReport(reports);
    expect(report.complete).toBe(false);
    expect(report.specs).toMatchObject([{ spec: 'ringcentral', target: 'http://127.0.0.1:9', requirements: [], error: 'target unreachable: http://127.0.0.1:9 (ECONNREFUSED)' }]);
    expect(report.specs[0]!.planned).toBeGreaterThan(0);
    expect(readFileSync(join(reports, 'report.md'), 'utf8')).toMatch(/^## sip-conformance: ringcentral could not run; incomplete run: nothing tested; 0 of \d+ requirements tested$/m);
  });

  // On SIGINT a run stops, writes a partial report and exits 130: test/reports/round-trip.test.ts.

  it('starts a standalone mock that prints its address, lists faults', async () => {
    const faults = await cliInProcess(['mock', '--spec', 'ringcentral', '--list-faults']);
    expect(faults.code).toBe(0);
    expect(faults.stdout).toMatch(/^device-id-39-accepted\s+.*\[breaks RC-DEVICE-ID-LENGTH\]/m);
    const child = spawn(process.execPath, [BIN, 'mock', '--spec', 'ringcentral', '--port', '0']);
    const line = await new Promise<string>((done) => child.stdout.once('data', (d) => done(String(d))));
    expect(line).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+/);
    const url = /listening (\S+)/.exec(line)![1]!;
    const res = await fetch(`${url}/restapi/v1.0/client-info/sip-provision`, { method: 'POST' });
    expect(res.status).toBe(401);
    child.kill('SIGTERM');
    await new Promise((done) => child.once('close', done));
  });
});
