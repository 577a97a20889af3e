// The CLI with any OpenAPI document, a file spec run without the credentials it asks for, and the
// edges met on the way: each is one line and an exit code.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MOCK_CREDENTIALS } from '../../src/openapi/mock.ts';
import { BIN, cliInProcess } from '../support/cli.ts';
import { scratch } from '../support/files.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/openapi');
const HAND_MADE = join(FIXTURES, 'hand-made.yaml');
const files = scratch('openapi-cli');
/** The progress line a run prints to a log once a minute (a busy machine gets there): not part of what a test checks. */
const withoutProgress = (text: string) => text.replace(/^\[\d+\/\d+\] ETA \d\d:\d\d:\d\d UTC\n/gm, '');
/** A request timeout no busy machine reaches: a standalone mock starved of CPU must not look like a failing server. */
const PATIENT = ['--timeout', '60000'];

/** hand-made.yaml served by a standalone mock, as a user starts one (started once: the mock test and the credential runs use it). */
let mock: Promise<{ url: string; text: string }> | undefined;
let child: ChildProcess | undefined;
const handMade = () =>
  (mock ??= new Promise((done) => {
    child = spawn(process.execPath, [BIN, 'mock', '--spec', HAND_MADE, '--port', '0']);
    let text = '';
    child.stdout!.on('data', (d) => {
      text += d;
      if (/fixture password/.test(text)) done({ url: /listening (\S+)/.exec(text)![1]!, text });
    });
  }));
afterAll(async () => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const closed = new Promise((done) => child!.once('close', done));
  child.kill('SIGTERM');
  await closed;
});

describe('sip-conformance with an OpenAPI file', () => {
  it('runs the whole pipeline against the embedded mock when no target is given', async () => {
    const out = await cliInProcess(['run', '--spec', join(FIXTURES, 'tictactoe.yaml'), '--runs', '3', '--seed', '5', '--report-dir', join(files.dir, 'tictactoe')]);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/== tictactoe -> embedded mock/);
    expect(out.stdout).toMatch(/PASS\s+MUST\s+-\s+PUT-SQUARE-PATH-ROW-MAXIMUM/);
    expect(out.stdout).toMatch(/ambiguity .*loaded without meta-schema validation/);
  });

  it('serves any document as a standalone mock that validates requests and asks for its credentials', async () => {
    const { url, text } = await handMade();
    expect(text).toContain(`fixture token: ${MOCK_CREDENTIALS.token}`);
    const headers = { Authorization: `Bearer ${MOCK_CREDENTIALS.token}`, 'X-Request-Id': '0123abcd', Cookie: 'session=abcd1234' };
    expect((await fetch(`${url}/v1/things/12`, { headers })).status).toBe(200);
    expect((await fetch(`${url}/v1/things/0`, { headers })).status).toBe(422);
    expect((await fetch(`${url}/v1/things/12`, { headers: { ...headers, Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${url}/v1/nothing`)).status).toBe(404);
  });
});

// A file spec whose document declares security, run against that standalone mock without the
// config's credentials: only its authentication checks can run, and the run must not pass (issue 21).
// The runs are the CLI's main in this process, one random case a requirement (what is checked is which
// requirements could run, not what their cases found).
describe.concurrent('a file spec run without the credentials its document asks for', () => {
  it('no config: exit 2, naming the config keys to add', async () => {
    const { url } = await handMade();
    const out = await cliInProcess(['run', '--spec', HAND_MADE, '--target', url, ...PATIENT, '--runs', '1', '--seed', '1', '--report-dir', join(files.dir, 'none')]);
    expect(out.code, out.stdout + out.stderr).toBe(2);
    expect(withoutProgress(out.stderr).trim()).toBe(
      'sip-conformance: nothing tested in spec hand-made but the authentication checks: 54 of 71 requirements need credentials the run did not have; add to config section "hand-made": token (for bearer, apiKeyQuery, apiKeyCookie); username + password (for basic)',
    );
  });

  it('only the basic credentials: most is untested, and the run says so (exit 0: what ran passed)', async () => {
    const { url } = await handMade();
    const config = files.file('basic.json', JSON.stringify({ 'hand-made': { username: 'sipc', password: 'sipc-mock-password' } }));
    const out = await cliInProcess(['run', '--spec', HAND_MADE, '--target', url, '--config', config, ...PATIENT, '--runs', '1', '--seed', '1', '--report-dir', join(files.dir, 'basic')]);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^most of spec hand-made was not tested: 49 of 71 requirements need credentials the run did not have; add to config section "hand-made": token \(for bearer, apiKeyQuery, apiKeyCookie\)$/m);
  });
});

// The CLI's main in this process where what is checked is a message and an exit code; the closed
// pipe is a child's.
describe('CLI edges', () => {
  it('--version and --help answer and exit 0', async () => {
    expect(await cliInProcess(['--version'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^sip-conformance \d+\.\d+\.\d+\n$/) });
    const help = await cliInProcess(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--time-limit MS/);
  });

  it('an unusable --report-dir is one line and exit 2, also under /proc', async () => {
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--report-dir', '/proc/sipc/x']);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual(['sip-conformance: --report-dir /proc/sipc/x: cannot write there (ENOENT)']);
  });

  it('a config section of no spec in the run is an error naming it', async () => {
    const config = files.file('typo.json', JSON.stringify({ ringcentral: {}, ringcentrl: {} }));
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--config', config]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/unknown section "ringcentrl" \(known: .*\bringcentral\b.*\)/);
  });

  it('a YAML that is not OpenAPI says why in words', async () => {
    const file = files.file('notes.yaml', 'title: shopping\nitems: [milk, bread]\n');
    const out = await cliInProcess(['run', '--spec', file]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim()).toBe(`sip-conformance: ${file}: not an OpenAPI document: no "openapi" or "swagger" version field at the top (found: title, items)`);
  });

  it('https against an http server is "target unreachable" (exit 3) with the cause in words', async () => {
    const server = createServer((_req, res) => res.end('plain http'));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as { port: number };
    try {
      const out = await cliInProcess(['run', '--spec', join(FIXTURES, 'petstore.yaml'), '--target', `https://127.0.0.1:${port}`, '--report-dir', join(files.dir, 'tls')]);
      expect(out.code).toBe(3);
      expect(out.stderr).toMatch(/target unreachable: https:\/\/127\.0\.0\.1:\d+ \(the server does not speak TLS \(an http:\/\/ server\?\); /);
    } finally {
      server.close();
    }
  });

  it('a closed pipe ends the run quietly', async () => {
    // Stdout closes after the run's first line; the rest (the report's tables) meets the closed pipe.
    const child = spawn(process.execPath, [BIN, 'run', '--spec', join(FIXTURES, 'petstore.yaml'), '--only', 'HTTP-OPTIONS', '--runs', '2', '--report-dir', join(files.dir, 'pipe')]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(withoutProgress(stderr)).toBe('');
    expect(code).toBe(0);
  });
});
