// The Voximplant mock started by hand, as a user meets it: the private keys it writes, and the wire
// requirements run from its printed config (its platform registers at the suite's loopback registrar).
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequirementResult } from '../../src/index.ts';
import { cliInProcess } from '../../test/support/cli.ts';
import { validReport } from '../../test/support/report.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY } from './mock/keys.ts';
import { startStandalone } from './standalone.test-helpers.ts';

/** A run of `only` from the mock's printed config, in this process (the mock's process is what is tested, not the CLI's): its requirements. */
async function runFromPrinted(config: string, only: string): Promise<RequirementResult[]> {
  const reports = await mkdtemp(join(tmpdir(), 'sipc-vox-standalone-'));
  try {
    const out = await cliInProcess(['run', '--spec', 'voximplant', '--config', config, '--only', only, '--report-dir', reports]);
    expect(out.code, out.stderr + out.stdout).toBe(0);
    return validReport(reports).specs[0]!.requirements;
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
}

describe('the standalone Voximplant mock', () => {
  it('keeps it with --keep-keys, and says where', async () => {
    const mock = await startStandalone(['--keep-keys']);
    try {
      expect(await mock.stop('SIGINT')).toBe(0);
      expect(existsSync(mock.config)).toBe(true);
    } finally {
      await rm(mock.dir, { recursive: true, force: true });
    }
  });

  it('stops at once on SIGTERM while its platform waits for a proxy that never answers, a deleted registration\'s unregister too', async () => {
    const silent = createSocket('udp4');
    let heard = 0;
    silent.on('message', () => heard++);
    await new Promise<void>((done) => silent.bind(0, '127.0.0.1', done));
    const mock = await startStandalone();
    try {
      const call = async (method: string, params: string) => (await fetch(`${mock.url}/platform_api/${method}?account_id=${MOCK_ACCOUNT_ID}&api_key=${MOCK_API_KEY}&${params}`)).json() as Promise<{ sip_registration_id?: number; result?: number }>;
      const proxy = `127.0.0.1:${silent.address().port}`;
      await call('CreateSipRegistration', `sip_username=sipc-silent-a&proxy=${proxy}&is_persistent=true`);
      const { sip_registration_id: id } = await call('CreateSipRegistration', `sip_username=sipc-silent-b&proxy=${proxy}&is_persistent=true`);
      expect(await call('DeleteSipRegistration', `sip_registration_id=${id}`)).toMatchObject({ result: 1 });
      for (let turn = 0; heard < 2 && turn < 600; turn++) await new Promise((done) => setTimeout(done, 50));
      expect(heard).toBeGreaterThanOrEqual(2);
      const signalled = Date.now();
      expect(await mock.stop('SIGTERM')).toBe(0);
      // Unfixed, the process stayed until the transactions' Timer F (32 s); fixed, it leaves at once (a wide margin for a busy machine).
      expect(Date.now() - signalled).toBeLessThan(20_000);
    } finally {
      await mock.stop();
      silent.close();
    }
  });

  it('its printed config holds every credential the mock takes: the legacy account_id and api_key are tested, not skipped', async () => {
    const mock = await startStandalone();
    try {
      const requirements = await runFromPrinted(mock.config, 'VOX-AUTH-API-KEY');
      expect(requirements.map((r) => `${r.id} ${r.verdict} ${r.reason ?? ''}`)).toEqual(['VOX-AUTH-API-KEY pass ']);
    } finally {
      await mock.stop();
    }
  });

  it('runs the wire requirements from its printed config (the platform registers at the suite\'s registrar, nothing is left), and removes its folder of private keys when it stops', async () => {
    const mock = await startStandalone();
    try {
      const wire = await runFromPrinted(mock.config, 'WIRE');
      expect(wire.map((r) => `${r.id} ${r.verdict}`).sort()).toEqual(['VOX-WIRE-DELETE', 'VOX-WIRE-REFUSED', 'VOX-WIRE-REGISTER', 'VOX-WIRE-STATUS', 'VOX-WIRE-UPDATE'].map((id) => `${id} pass`));
      const register = wire.find((r) => r.id === 'VOX-WIRE-REGISTER')!.wire!.flatMap((x) => x.messages).join('\n');
      expect(register).toMatch(/^REGISTER sip:127\.0\.0\.1 SIP\/2\.0/m);
      expect(register).toMatch(/^Authorization: Digest username="sipc-auth-[0-9a-f]+".*response="<redacted>"/m);
      expect(register).toMatch(/^User-Agent: Voximplant mock platform/m);
      expect(await mock.registrations()).toEqual([500]);
      expect(existsSync(mock.dir)).toBe(true);
      expect(await mock.stop('SIGTERM')).toBe(0);
      expect(existsSync(mock.dir)).toBe(false);
    } finally {
      await mock.stop();
    }
  });
});
