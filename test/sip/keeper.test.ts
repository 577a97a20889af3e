// The registration keeper the mocks' user agents are built on: it refreshes at the expiry the
// registrar granted (not the one it asked for), in the same dialog, and removes its binding on stop.
import { createSocket } from 'node:dgram';
import { afterEach, expect, test } from 'vitest';
import { RegistrationKeeper, Registrar } from '../../src/index.ts';

const callIdOf = (text: string) => /^Call-ID: (.+)$/m.exec(text)?.[1];
const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0)) await f();
});

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
  const relay = createSocket('udp4');
  let device: { address: string; port: number } | undefined;
  const held = new Set<NodeJS.Timeout>();
  relay.on('message', (msg, from) => {
    if (from.port !== port) {
      device = from;
      relay.send(msg, port, '127.0.0.1');
      return;
    }
    const timer = setTimeout(() => {
      held.delete(timer);
      relay.send(msg, device!.port, device!.address);
    }, 1500);
    held.add(timer);
  });
  await new Promise<void>((done) => relay.bind(0, '127.0.0.1', done));
  cleanup.push(() => {
    for (const timer of held) clearTimeout(timer);
    return new Promise((done) => relay.close(() => done(undefined)));
  });
  const results: Array<number | undefined> = [];
  const keeper = new RegistrationKeeper({
    register: { server: { host: '127.0.0.1', port: relay.address().port, transport: 'udp' }, user: 'bob', domain: 'keeper.sipc.test', password: 'pw-bob', expires: 3600 },
    refreshAfter: () => undefined,
    retryAfter: 20,
    timeScale: 0.01,
    onResult: (r) => results.push(r.final?.status),
  }).start();
  cleanup.push(() => keeper.stop());
  await expect.poll(() => results.length, { timeout: 60_000 }).toBeGreaterThan(0);
  expect(results[0]).toBe(200);
});
