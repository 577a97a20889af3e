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

const mocks: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(mocks.splice(0).map((m) => m.close()));
});

/**
 * Runs the wire requirements `only` against a standalone mock with `faults`, the registrar on a free
 * loopback port. `timeScale` below 1 is no user setting (the config refuses it for a real target): it
 * shortens waits for what never comes.
 */
async function wireRun(faults: string[], only: string[], timeScale: number) {
  const mock = await startMock(basipAndroidMock, { faults, variant: 'strict' });
  mocks.push(mock);
  const port = await freePort();
  const at = { host: '127.0.0.1', port };
  const sip = { listen: at, advertise: at, timeScale, algorithm: 'MD5' as const };
  const report = await runSpec(await load(), { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs: 20_000, target: mock.url, section: { username: 'admin', password: '123456' }, rate: 'none', only, sip });
  return Object.fromEntries(report.requirements.map((r) => [r.id, r]));
}

describe('a real device whose SIP never arrives', () => {
  it('skips every wire requirement with the reason, never fails or passes them', async () => {
    const ids = ['REGISTER', 'TRANSPORT', 'INTERVAL', 'NEW-SETTINGS'].map((x) => `BASIP-ANDROID-WIRE-${x}`);
    // Each alone against a device of its own, side by side: a wire requirement runs alone in a run, and
    // each waits its floor (3 s of real time) for the REGISTER that never comes.
    const results = Object.assign({}, ...(await Promise.all(ids.map((id) => wireRun(['sip-never-registers'], [id], 0.001)))));
    for (const id of ids) {
      expect(results[id]?.verdict, `${id}: ${results[id]?.reason}`).toBe('skip');
      expect(results[id]!.reason).toMatch(/no SIP request from the device reached the registrar over UDP.*check sip\.listen, sip\.advertise and the firewall/);
    }
  });

  it('fails once a REGISTER of the device has arrived: its path is proven', async () => {
    // The device registers over UDP whatever transport is set. Real time (30 s bounds): every wait ends at the REGISTER it waits for.
    const results = await wireRun(['sip-transport-ignored'], ['BASIP-ANDROID-WIRE-REGISTER', 'BASIP-ANDROID-WIRE-TRANSPORT'], 1);
    expect(results['BASIP-ANDROID-WIRE-REGISTER']?.verdict, results['BASIP-ANDROID-WIRE-REGISTER']?.reason).toBe('pass');
    expect(results['BASIP-ANDROID-WIRE-TRANSPORT']?.verdict, results['BASIP-ANDROID-WIRE-TRANSPORT']?.reason).toBe('fail');
    expect(results['BASIP-ANDROID-WIRE-TRANSPORT']!.failures[0]!.checks.map((c) => c.message)).toEqual(['transport tcp set, REGISTER came over UDP']);
  });
});
