// The replay and curl lines a failure prints work when pasted into a shell (issue 17).
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokedAs } from '../src/cli/invocation.ts';
import { curlOf } from '../src/http/curl.ts';
import { BIN, cli } from './support/cli.ts';
import { scratch } from './support/files.ts';
import { validReport } from './support/report.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const CONFIG = join(ROOT, 'examples/ringcentral-mock.config.json');
const sh = promisify(execFile);
const { dir } = scratch('printed');

describe('a failure\'s printed lines, run as printed against a standalone mock', () => {
  let mock: ReturnType<typeof spawn>;
  let url: string;
  beforeAll(async () => {
    mock = spawn(process.execPath, [BIN, 'mock', '--spec', 'ringcentral', '--fault', 'device-id-39-accepted']);
    url = /listening (\S+)/.exec(await new Promise<string>((done) => mock.stdout!.once('data', (d) => done(String(d)))))![1]!;
  });
  afterAll(() => {
    mock.kill('SIGTERM');
  });

  it('the replay line reruns the failure into a fresh folder; the curl line gets the same answer with the token from the environment', async () => {
    const reports = join(dir, 'first');
    // From the clone's folder, as its README says: the line must start with ./bin/sip-conformance.
    const out = await cli(['run', '--spec', 'ringcentral', '--target', url, '--config', CONFIG, '--runs', '3', '--seed', '7', '--only', 'RC-DEVICE-ID-LENGTH', '--report-dir', reports], undefined, ROOT);
    expect(out.code, out.stdout + out.stderr).toBe(1);
    const failure = validReport(reports).specs[0]!.requirements.find((r) => r.id === 'RC-DEVICE-ID-LENGTH')!.failures[0]!;

    const replay = /^ +replay: +(.*)$/m.exec(out.stdout)![1]!;
    expect(replay).toBe(failure.replay);
    expect(replay).toMatch(new RegExp(`^\\./bin/sip-conformance run .*--config ${CONFIG} .*--report-dir '?${reports}/replay-RC-DEVICE-ID-LENGTH'? --only RC-DEVICE-ID-LENGTH$`));
    const again = await sh('sh', ['-c', replay], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, timeout: 90_000 }).catch((err: { code: number; stdout: string }) => err);
    expect((again as { code?: number }).code).toBe(1);
    expect(again.stdout).toMatch(/FAIL \(MUST\) SPR-114 RC-DEVICE-ID-LENGTH/);
    expect(validReport(join(reports, 'replay-RC-DEVICE-ID-LENGTH')).specs[0]!.requirements.map((r) => r.id)).toEqual(['RC-DEVICE-ID-LENGTH']);

    expect(failure.curl).not.toContain('REDACTED');
    expect(failure.curl).toMatch(/^# export SIPC_TOKEN=<the bearer token>\ncurl .* -H "Authorization: Bearer \$SIPC_TOKEN" /);
    const answer = await sh('sh', ['-c', failure.curl], { env: { ...process.env, SIPC_TOKEN: 'rc-mock-token' }, timeout: 30_000 });
    expect(answer.stdout).toMatch(new RegExp(`^HTTP/1\\.1 ${failure.actual.status} `));
    // Without the variable the token is missing, so the line really takes it from the environment.
    const without = await sh('sh', ['-c', failure.curl], { env: { ...process.env, SIPC_TOKEN: '' }, timeout: 30_000 });
    expect(without.stdout).toMatch(/^HTTP\/1\.1 401 /);
    expect(existsSync(join(reports, 'report.json'))).toBe(true);
  });
});

describe('the command a printed line starts with', () => {
  it('is how the user started the CLI', () => {
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], {}, '/repo')).toEqual(['./bin/sip-conformance']);
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], {}, '/elsewhere')).toEqual(['/repo/bin/sip-conformance']);
    expect(invokedAs(['node', '/app/node_modules/sip-conformance/bin/sip-conformance'], {}, '/app')).toEqual(['npx', 'sip-conformance']);
    expect(invokedAs(['node', '/app/node_modules/.bin/sip-conformance'], {}, '/app')).toEqual(['npx', 'sip-conformance']);
    // npm runs a script in the package's folder; the user typed it in INIT_CWD.
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], { INIT_CWD: '/repo' }, '/repo')).toEqual(['./bin/sip-conformance']);
    expect(invokedAs(['node', '/repo/bin/sip-conformance'], { INIT_CWD: '/repo/sub' }, '/repo')).toEqual(['/repo/bin/sip-conformance']);
  });
});

describe('curl lines', () => {
  it('name each secret once, as a variable set on a line above, wherever it travels', () => {
    const line = curlOf(
      { method: 'POST', url: 'http://h/x?password=pw-secret&a=1', headers: { Authorization: 'Bearer tok-123456', 'X-Api-Key': "k$'!9999" }, body: '{"p":"pw-secret"}' },
      ['tok-123456', 'pw-secret', "k$'!9999"],
    );
    expect(line.split('\n')).toEqual([
      '# export SIPC_PASSWORD=<the password value>',
      '# export SIPC_TOKEN=<the bearer token>',
      '# export SIPC_X_API_KEY=<the X-Api-Key value>',
      `curl -sS -i -X POST "http://h/x?password=$SIPC_PASSWORD&a=1" -H "Authorization: Bearer $SIPC_TOKEN" -H "X-Api-Key: $SIPC_X_API_KEY" --data-raw '{"p":"'"$SIPC_PASSWORD"'"}'`,
    ]);
  });
});
