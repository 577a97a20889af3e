// What the wire requirements will do against a real Voximplant target, said before the run (notices)
// and decided the same way by the scenarios: skip without a sip config or with a loopback address the
// platform cannot reach, else create registrations the platform must reach. The requirements themselves
// run in test/mutation.test.ts (clean mock, every fault) and standalone.test.ts (a mock started by hand).
import { describe, expect, it } from 'vitest';
import { load } from './index.ts';
import { unreachableAdvertise } from './wire.ts';

const spec = await load();
const REMOTE = 'https://api.voximplant.com';
const sip = (advertise: string, port = 5060) => ({ listen: { host: '0.0.0.0', port }, advertise: { host: advertise, port }, timeScale: 1, algorithm: 'MD5' as const });

function wireNotice(target: string, s?: ReturnType<typeof sip>) {
  const settings = spec.settings({ accountId: 1, apiKey: 'sipc-test-key', allowBillable: true }, false);
  return spec.notices!({ ...settings, target, runs: 5, sip: s }, false).find((l) => l.includes('-WIRE-'));
}

describe('the Voximplant wire requirements against a real target', () => {
  it('skip without a sip config, saying which key', () => {
    expect(wireNotice(REMOTE)).toMatch(/^voximplant: 5 -WIRE- requirement\(s\) will skip, needing config voximplant\.sip/);
  });

  it('skip when the advertised address is loopback and the platform is elsewhere', () => {
    expect(wireNotice(REMOTE, sip('127.0.0.1'))).toMatch(/will skip: sip\.advertise 127\.0\.0\.1 is this machine's loopback: the platform at https:\/\/api\.voximplant\.com cannot reach it/);
    expect(unreachableAdvertise(REMOTE, false, 'localhost')).toMatch(/loopback/);
  });

  it('run when the platform may reach the address, saying what they create and the firewall', () => {
    expect(wireNotice(REMOTE, sip('192.0.2.20', 5070))).toMatch(/5 -WIRE- requirement\(s\) create one SIP registration each .*proxy is this machine, 192\.0\.2\.20:5070: the platform must reach it over UDP \(open the firewall/);
    // A platform on this machine (the embedded mock, a mock on the loopback) reaches a loopback registrar.
    expect(unreachableAdvertise('http://127.0.0.1:8080', false, '127.0.0.1')).toBeUndefined();
    expect(unreachableAdvertise(undefined, true, 'registrar.sipc.test')).toBeUndefined();
  });

});
