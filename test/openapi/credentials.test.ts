// A file spec whose document declares security, run against a server without the config's
// credentials: only its authentication checks can run, and the run must not pass (issue 21). The mock
// is a child, as a user starts one; the runs are the CLI's main in this process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliInProcess } from '../support/cli.ts';
import { scratch } from '../support/files.ts';

const SPEC = new URL('../fixtures/openapi/hand-made.yaml', import.meta.url).pathname;
const { dir, file } = scratch('credentials');

describe.concurrent('a file spec run without the credentials its document asks for', () => {
  let mock: ReturnType<typeof spawn>;
  let url: string;
  beforeAll(async () => {
    mock = spawn(process.execPath, [BIN, 'mock', '--spec', SPEC]);
    url = /listening (\S+)/.exec(await new Promise<string>((done) => mock.stdout!.once('data', (d) => done(String(d)))))![1]!;
  });
  afterAll(() => {
    mock.kill('SIGTERM');
  });

  it('no config: exit 2, naming the config keys to add', async () => {
    const out = await cliInProcess(['run', '--spec', SPEC, '--target', url, '--runs', '3', '--seed', '1', '--report-dir', join(dir, 'none')]);
    expect(out.code, out.stdout + out.stderr).toBe(2);
    expect(out.stderr.trim()).toBe(
      'sip-conformance: nothing tested in spec hand-made but the authentication checks: 54 of 71 requirements need credentials the run did not have; add to config section "hand-made": token (for bearer, apiKeyQuery, apiKeyCookie); username + password (for basic)',
    );
  });

  it('only the basic credentials: most is untested, and the run says so (exit 0: what ran passed)', async () => {
    const config = file('basic.json', JSON.stringify({ 'hand-made': { username: 'sipc', password: 'sipc-mock-password' } }));
    const out = await cliInProcess(['run', '--spec', SPEC, '--target', url, '--config', config, '--runs', '3', '--seed', '1', '--report-dir', join(dir, 'basic')]);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^most of spec hand-made was not tested: 49 of 71 requirements need credentials the run did not have; add to config section "hand-made": token \(for bearer, apiKeyQuery, apiKeyCookie\)$/m);
  });
});
