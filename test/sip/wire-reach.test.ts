// A real device whose SIP never arrives: the wire requirements skip, naming sip.listen/sip.advertise
// and the firewall, because nothing proves its path to the registrar (a blocked network must not be
// a failure); once a REGISTER of the device has arrived, its path is proven and a missing one fails.
// The target is a BAS-IP mock started on its own (as `sip-conformance mock` does): to the run it is a
// real device on loopback, whose device registers to the loopback registrar it is told of.
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../mocks/kit.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { freePort } from './tools.ts';
import { load } from '../../specs/basip-android/index.ts';
import { basipAndroidMock } from '../../specs/basip-android/mock/index.ts';

let mock: RunningMock | undefined;
afterEach(() => mock?.close());

/** Runs the wire requirements `only` against a standalone mock with `faults`, the registrar on a free loopback port. */
async function wireRun(faults: string[], only: string[]) {
  mock = await startMock(basipAndroidMock, { faults, variant: 'strict' });
  const port = await freePort();
  const at = { host: '127.0.0.1', port };
  // timeScale below 1 is no user setting (the config refuses it for a real target): it keeps the waits short here.
  const sip = { listen: at, advertise: at, timeScale: 0.02, algorithm: 'MD5' as const };
  const report = await runSpec(await load(), { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs: 20_000, target: mock.url, section: { username: 'admin', password: '123456' }, rate: 'none', only, sip });
  return Object.fromEntries(report.requirements.map((r) => [r.id, r]));
}

describe('a real device whose SIP never arrives', () => {
  it('skips every wire requirement with the reason, never fails or passes them', async () => {
    const ids = ['REGISTER', 'TRANSPORT', 'INTERVAL', 'NEW-SETTINGS'].map((x) => `BASIP-ANDROID-WIRE-${x}`);
    const results = await wireRun(['sip-never-registers'], ids);
    for (const id of ids) {
      expect(results[id]?.verdict, `${id}: ${results[id]?.reason}`).toBe('skip');
      expect(results[id]!.reason).toMatch(/no SIP request from the device reached the registrar over UDP.*check sip\.listen, sip\.advertise and the firewall/);
    }
  });

  it('fails once a REGISTER of the device has arrived: its path is proven', async () => {
    // The device registers with the first settings, then ignores the new password (its REGISTERs fail).
    const results = await wireRun(['sip-old-password-after-change'], ['BASIP-ANDROID-WIRE-REGISTER', 'BASIP-ANDROID-WIRE-NEW-SETTINGS']);
    expect(results['BASIP-ANDROID-WIRE-REGISTER']?.verdict, results['BASIP-ANDROID-WIRE-REGISTER']?.reason).toBe('pass');
    expect(results['BASIP-ANDROID-WIRE-NEW-SETTINGS']?.verdict, results['BASIP-ANDROID-WIRE-NEW-SETTINGS']?.reason).toBe('fail');
    expect(results['BASIP-ANDROID-WIRE-NEW-SETTINGS']!.failures[0]!.checks.map((c) => c.check)).toEqual(['sip_new_password']);
  });
});
