// The registration keeper the mocks' user agents are built on: it refreshes at the expiry the
// registrar granted (not the one it asked for), in the same dialog, and removes its binding on stop.
import { createSocket } from 'node:dgram';
import { afterEach, expect, test, vi } from 'vitest';
import { RegistrationKeeper, Registrar } from '../../src/index.ts';

const callIdOf = (text: string) => /^Call-ID: (.+)$/m.exec(text)?.[1];
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const f of cleanup.splice(0)) await f();
});

/** A UDP relay in front of the registrar: requests pass, each answer goes to `answer`, which may `deliver` it. */
async function relay(registrarPort: number, answer: (text: string, deliver: () => void) => void): Promise<number> {
  const socket = createSocket('udp4');
  let device: { address: string; port: number } | undefined;
  socket.on('message', (msg, from) => {
    if (from.port !== registrarPort) {
      device = from;
      socket.send(msg, registrarPort, '127.0.0.1');
      return;
    }
    const to = device!;
    answer(msg.toString(), () => socket.send(msg, to.port, to.address));
  });
  await new Promise<void>((done) => socket.bind(0, '127.0.0.1', done));
  cleanup.push(() => new Promise((done) => socket.close(() => done(undefined))));
  return socket.address().port;
}

test('refreshes at the granted expiry in the same dialog, and unregisters (Expires: 0) when stopped', async () => {
  const registrar = new Registrar('keeper.sipc.test', ['MD5']);
  const { port } = await registrar.listen({ host: '127.0.0.1', port: 0 });
  cleanup.push(() => registrar.close());
  // The registrar grants 60 s of the 3600 asked (RFC 3261 10.3 step 7).
  registrar.accounts.set('alice', { password: 'pw-alice', maxExpires: 60 });
  const grants: number[] = [];
  const keeper = new RegistrationKeeper({
    register: { server: { host: '127.0.0.1', port, transport: 'udp' }, user: 'alice', domain: 'keeper.sipc.test', password: 'pw-alice', expires: 3600 },
    refreshAfter: (granted) => {
      grants.push(granted);
      return granted / 2;
    },
    retryAfter: 20,
    // 60 s granted, refreshed after 30 s: 0.3 s here. The waits below are hang guards, not timings.
    timeScale: 0.01,
  }).start();
  cleanup.push(() => keeper.stop());
  const first = await registrar.waitFor((r) => r.status === 200, 30_000);
  const refresh = await registrar.waitFor((r) => r.status === 200, 30_000, first!.answeredAt + 1);
  expect(grants[0]).toBe(60);
  expect(refresh?.expires).toBe(3600);
  expect(callIdOf(refresh!.messages[0]!)).toBe(callIdOf(first!.messages[0]!));
  await keeper.stop(true);
  const removed = registrar.registrations.filter((r) => r.expires === 0 && r.status === 200);
  expect(removed.length).toBeGreaterThan(0);
  expect(callIdOf(removed[0]!.messages[0]!)).toBe(callIdOf(first!.messages[0]!));
});

test('an answer slower than the scaled Timer F is still the answer (the mocks\' fast clock does not speed up a loaded machine)', async () => {
  const registrar = new Registrar('keeper.sipc.test', ['MD5']);
  const { port } = await registrar.listen({ host: '127.0.0.1', port: 0 });
  cleanup.push(() => registrar.close());
  registrar.accounts.set('bob', { password: 'pw-bob' });
  // A relay that holds each of the registrar's answers for 1.5 s: longer than Timer F at this scale (0.32 s).
  const held = new Set<NodeJS.Timeout>();
  cleanup.push(async () => held.forEach(clearTimeout));
  const relayPort = await relay(port, (_answer, deliver) => {
    const timer = setTimeout(() => {
      held.delete(timer);
      deliver();
    }, 1500);
    held.add(timer);
  });
  const results: Array<number | undefined> = [];
  const keeper = new RegistrationKeeper({
    register: { server: { host: '127.0.0.1', port: relayPort, transport: 'udp' }, user: 'bob', domain: 'keeper.sipc.test', password: 'pw-bob', expires: 3600 },
    refreshAfter: () => undefined,
    retryAfter: 20,
    timeScale: 0.01,
    onResult: (r) => results.push(r.final?.status),
  }).start();
  cleanup.push(() => keeper.stop());
  await expect.poll(() => results.length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect(results[0]).toBe(200);
});

test('unregisters on stop when its REGISTER got no final answer: the registrar may have bound it and the 200 been lost', async () => {
  // Fake clocks (the transaction's deadline and retransmissions), real sockets: the lost answer costs no wall time.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const registrar = new Registrar('keeper.sipc.test', ['MD5']);
  const { port } = await registrar.listen({ host: '127.0.0.1', port: 0 });
  cleanup.push(() => registrar.close());
  registrar.accounts.set('carol', { password: 'pw-carol' });
  let losing = true;
  const relayPort = await relay(port, (text, deliver) => {
    if (!(losing && text.startsWith('SIP/2.0 200'))) deliver();
  });
  const results: Array<number | undefined> = [];
  const keeper = new RegistrationKeeper({
    register: { server: { host: '127.0.0.1', port: relayPort, transport: 'udp' }, user: 'carol', domain: 'keeper.sipc.test', password: 'pw-carol', expires: 3600 },
    refreshAfter: () => undefined,
    retryAfter: 100_000, // no second attempt within the minute the test's clock runs
    timeScale: 0.01,
    onResult: (r) => results.push(r.final?.status ?? 0),
  }).start();
  cleanup.push(() => keeper.stop());
  const bound = await registrar.waitFor((r) => r.status === 200 && r.expires === 3600, 60_000);
  expect(bound).toBeDefined();
  // The device's transaction runs out without the 200 it never heard.
  await vi.advanceTimersByTimeAsync(60_000);
  expect(results).toEqual([0]);
  losing = false;
  const removal = await keeper.stop(true);
  expect(removal?.final?.status).toBe(200);
  expect(registrar.registrations.some((r) => r.user === 'carol' && r.expires === 0 && r.status === 200)).toBe(true);
});

test('a plain stop ends a REGISTER the proxy never answers at once (it held a stopped mock for Timer F, 32 s)', async () => {
  // Only timeouts are faked: the transaction's retransmissions and Timer F run when the test says.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const silent = createSocket('udp4');
  let heard = 0;
  const first = new Promise<void>((done) => silent.on('message', () => ++heard === 1 && done()));
  await new Promise<void>((done) => silent.bind(0, '127.0.0.1', done));
  cleanup.push(() => new Promise((done) => silent.close(() => done(undefined))));
  const keeper = new RegistrationKeeper({
    register: { server: { host: '127.0.0.1', port: silent.address().port, transport: 'udp' }, user: 'alice', domain: 'keeper.sipc.test', password: 'pw', expires: 300 },
    refreshAfter: () => undefined,
    retryAfter: 20,
    timeScale: 1,
  }).start();
  await first;
  await keeper.stop();
  // 10 s of retransmissions (RFC 3261 17.1.2.2: 0.5, 1, 2, 4 s...) had the transaction gone on; a few
  // turns of the event loop let any datagram sent arrive (loopback).
  await vi.advanceTimersByTimeAsync(10_000);
  for (let turn = 0; turn < 200; turn++) await new Promise((done) => setImmediate(done));
  expect(heard).toBe(1);
});
