// A Voximplant platform whose REGISTERs never reach the suite's registrar (a firewall, NAT, or a
// platform in a container whose loopback is its own): the wire requirements skip, even with the
// target on this machine, because nothing proves the platform's path; once a REGISTER of one of the
// run's registrations has arrived, the path is proven and a REGISTER that does not come fails.
// The target is the mock on its own (not embedded); a UDP relay stands for the network between.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../mocks/kit.ts';
import { IN_PROCESS_TIMEOUT_MS, runSpec } from '../../test/support/engine.ts';
import { freePort } from '../../test/support/ports.ts';
import { load } from './index.ts';
import { writeMockCredentials } from './mock/keys.ts';
import { voximplantMock } from './mock/index.ts';

const PLATFORM = /^User-Agent: Voximplant mock platform/m;
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * A UDP relay on the advertised port to the registrar's: it forwards each datagram as `edit` returns it
 * (undefined: dropped) and relays the answers back, one upstream socket per sender.
 */
async function relay(registrarPort: number, edit: (datagram: string) => string | undefined): Promise<number> {
  const front = createSocket('udp4');
  const upstream = new Map<string, Socket>();
  front.on('message', (buf, from: RemoteInfo) => {
    const forwarded = edit(buf.toString('utf8'));
    if (forwarded === undefined) return;
    const key = `${from.address}:${from.port}`;
    let up = upstream.get(key);
    if (!up) {
      up = createSocket('udp4');
      up.on('message', (answer) => front.send(answer, from.port, from.address));
      up.bind(0, '127.0.0.1');
      upstream.set(key, up);
    }
    up.send(forwarded, registrarPort, '127.0.0.1');
  });
  await new Promise<void>((bound) => front.bind(0, '127.0.0.1', () => bound()));
  closers.push(() => {
    front.close();
    for (const up of upstream.values()) up.close();
  });
  return front.address().port;
}

/** Runs `only` at the mock (a target on the loopback), its platform behind the relay; results by id. */
async function wireRun(only: string[], edit: (datagram: string) => string | undefined, timeScale: number) {
  const mock: RunningMock = await startMock(voximplantMock, { faults: [], variant: 'strict' });
  closers.push(() => mock.close());
  const files = await writeMockCredentials(await mkdtemp(join(tmpdir(), 'sipc-vox-reach-')));
  const listen = { host: '127.0.0.1', port: await freePort() };
  const advertise = { host: '127.0.0.1', port: await relay(listen.port, edit) };
  const accountData = {
    applications: [
      { id: 101, name: 'sipc-app', rules: [{ id: 201, name: 'sipc-rule' }], users: [{ id: 301, name: 'alice' }, { id: 302, name: 'bob' }] },
      { id: 102, name: 'sipc-other-app', rules: [{ id: 203, name: 'other-rule' }], users: [{ id: 303, name: 'carol' }] },
    ],
  };
  const section = { credentials: { owner: files.Owner! }, allowBillable: true, accountData };
  const report = await runSpec(await load(), { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 1, timeLimitMs: 60_000, target: mock.url, section, rate: 'none', only, sip: { listen, advertise, timeScale, algorithm: 'MD5' } });
  return Object.fromEntries(report.requirements.map((r) => [r.id, r]));
}

describe('a platform whose SIP never reaches the registrar', () => {
  it('skips, even with the target on this machine, naming why: nothing proves its path', async () => {
    // timeScale below 1 is no user setting for a real target: it shortens the waits for what never comes.
    const results = await wireRun(['VOX-WIRE-REGISTER', 'VOX-WIRE-STATUS'], (d) => (PLATFORM.test(d) ? undefined : d), 0.01);
    for (const id of ['VOX-WIRE-REGISTER', 'VOX-WIRE-STATUS']) {
      expect(results[id]?.verdict, `${id}: ${results[id]?.reason}`).toBe('skip');
      expect(results[id]!.reason).toMatch(/no REGISTER for sipc-wire-\w+ reached the registrar .* nothing proves it can reach this address \(firewall, NAT/);
    }
  });

  it('fails once a REGISTER of another registration has arrived: its path is proven', async () => {
    // Only the first registration's REGISTERs pass; requirements run one at a time, so the second finds the path proven.
    let first: string | undefined;
    const pass = (d: string) => {
      if (!PLATFORM.test(d)) return d;
      const user = /^To: <sip:([^@>]+)@/m.exec(d)?.[1];
      first ??= user;
      return user === first ? d : undefined;
    };
    const results = await wireRun(['VOX-WIRE-REGISTER', 'VOX-WIRE-STATUS'], pass, 0.3);
    const verdicts = Object.values(results).map((r) => r.verdict).sort();
    expect(verdicts, JSON.stringify(Object.values(results).map((r) => [r.id, r.verdict, r.reason]))).toEqual(['fail', 'pass']);
    const failed = Object.values(results).find((r) => r.verdict === 'fail')!;
    expect(failed.failures[0]!.checks.map((c) => c.message).join()).toMatch(/though the platform's path to it is proven \(REGISTERs of other registrations of the run arrived\)/);
  });
});

describe('a third-party registration (RFC 3261 10.2: From names who registers, To the address of record)', () => {
  it('passes with a From other than sip_username, and the exchange shows it', async () => {
    // Real time (30 s bounds): every wait ends at the REGISTER it waits for. The digest does not cover From.
    const thirdParty = (d: string) => (PLATFORM.test(d) ? d.replace(/^From: <sip:[^@>]+@/m, 'From: <sip:operator@') : d);
    const results = await wireRun(['VOX-WIRE-REGISTER'], thirdParty, 1);
    const r = results['VOX-WIRE-REGISTER']!;
    expect(r.verdict, `${r.reason} ${JSON.stringify(r.failures)}`).toBe('pass');
    expect(r.wire!.map((x) => x.summary).join()).toMatch(/REGISTER sipc-wire-\w+ \(From operator: third-party\) over UDP/);
  });
});
