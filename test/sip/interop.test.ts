// The suite's registrar and user agent against a SIP stack nobody here wrote: SIPp (Debian's
// sip-tester) registers to the registrar with digest, and plays a registrar that verifies the user
// agent's digest (its verifyauth action). Without sipp the tests skip saying so; under CI they fail.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { Registrar } from '../../src/sip/registrar.ts';
import { register, type RegisterResult } from '../../src/sip/user-agent.ts';
import { freePort, listening, run, tool } from './tools.ts';

const sipp = (await tool('sipp', ['-v'], 'apt-get install sip-tester', 'the SIPp interop tests')) !== undefined;
const SCENARIOS = new URL('./sipp/', import.meta.url).pathname;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

describe.skipIf(!sipp)('SIPp registers to the suite\'s registrar', () => {
  test.each(['u1', 't1'])('over %s with MD5 digest: challenged, then 200; a wrong password is never accepted', async (transport) => {
    const registrar = new Registrar('127.0.0.1', ['MD5']);
    registrar.accounts.set('1001', { password: 'pw-1001' });
    const { port } = await registrar.listen({ host: '127.0.0.1', port: 0 });
    try {
      const args = (password: string) => ['-sf', `${SCENARIOS}uac-register.xml`, '-s', '1001', '-au', '1001', '-ap', password, '-m', '1', '-i', '127.0.0.1', '-p', '0', '-t', transport, '-timeout', '10s', '-timeout_error', '-nostdin', '-bind_local', `127.0.0.1:${port}`];
      await run('sipp', args('pw-1001'), { timeout: 30_000 });
      expect(registrar.registrations.map((r) => r.status)).toEqual([401, 200]);
      expect(registrar.registrations[1]!.auth).toMatchObject({ username: '1001', algorithm: 'MD5', verified: true });
      expect(registrar.registrations[1]!.transport).toBe(transport === 'u1' ? 'udp' : 'tcp');
      // A wrong password: re-challenged (SIPp then times out waiting for 200, exit non-zero).
      await expect(run('sipp', args('wrong').map((a) => (a === '10s' ? '2s' : a)), { timeout: 30_000 })).rejects.toThrow();
      expect(registrar.registrations.slice(2).map((r) => r.status)).not.toContain(200);
    } finally {
      await registrar.close();
    }
  });
});

/**
 * The suite's user agent registers to SIPp playing a registrar on a free port. A SIPp that exits with an
 * error before it answers (the port taken by another process since it was found free) is started again
 * on another; the user agent's limit is a hang guard (SIPp may be slow to bind on a busy machine).
 */
async function registerToSipp(t: string, transport: 'udp' | 'tcp', password: string) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn('sipp', ['-sf', `${SCENARIOS}uas-registrar.xml`, '-s', '1002', '-m', '1', '-i', '127.0.0.1', '-p', String(port), '-t', t, '-timeout', '20s', '-nostdin'], { stdio: 'ignore' });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // SIPp needs a moment to bind: over TCP the test waits for it to accept; over UDP the user agent retransmits.
    if (transport === 'tcp') await listening(child, port, () => '', 15_000, 'sipp');
    const sent = register({ server: { host: '127.0.0.1', port, transport }, user: '1002', domain: 'sipp.test', password, expires: 120, timeoutMs: 30_000 });
    type Outcome = { result: RegisterResult } | { code: number | null };
    const answered = sent.then((result): Outcome => ({ result }));
    const failed = exited.then((code): Outcome | Promise<Outcome> => (code === 0 ? answered : { code }));
    const outcome = await Promise.race([answered, failed]);
    if ('result' in outcome) return { result: outcome.result, exited };
    if (attempt === 3) throw new Error(`sipp exited with ${outcome.code} before answering, three times`);
  }
}

describe.skipIf(!sipp)('the suite\'s user agent registers to SIPp as a registrar (verifyauth)', () => {
  test.each([['u1', 'udp'], ['t1', 'tcp']] as const)('over %s: the right password gets 200, a wrong one 403', async (t, transport) => {
    for (const [password, status] of [['interop-secret', 200], ['wrong', 403]] as const) {
      const { result, exited } = await registerToSipp(t, transport, password);
      expect(result.final?.status, result.exchange.messages.join('\n---\n')).toBe(status);
      expect(await exited).toBe(0);
    }
  });
});
