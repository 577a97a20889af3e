// Checks of the BAS-IP mocks' device faults: each passes with its fault on and fails without it.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { type Registration, usesPassword } from '../../../src/index.ts';
import { type BasipMockClient, TEST_REGISTRAR } from './mock.test-helpers.ts';

/** Settings for a fresh user at the test registrar; the registrar knows its password. */
async function configure(c: BasipMockClient, valid: Record<string, unknown>, o: { transport?: string; interval?: number; user?: string; password?: string } = {}) {
  const user = o.user ?? `7${parseInt(randomBytes(4).toString('hex'), 16).toString().slice(0, 8)}`;
  const password = o.password ?? `Pw${randomBytes(5).toString('hex')}`;
  c.registrar.accounts.set(user, { password });
  const since = Date.now();
  const body = { ...valid, proxy: TEST_REGISTRAR, realm: TEST_REGISTRAR, user, password, transport: o.transport ?? 'udp', registration_interval: o.interval ?? 300, ...('user_id' in valid && { user_id: user }) };
  expect((await c.post(body)).status).toBe(200);
  return { user, password, since };
}

const next = (c: BasipMockClient, user: string, since: number, test: (r: Registration) => boolean = () => true, ms = 3000) =>
  c.registrar.waitFor((r) => r.user === user && test(r), ms, since);

export function deviceFaultChecks(valid: Record<string, unknown>): Record<string, (c: BasipMockClient) => Promise<void>> {
  return {
    'sip-never-registers': async (c) => {
      const { user, since } = await configure(c, valid);
      expect(await next(c, user, since, () => true, 1000)).toBeUndefined();
    },
    'sip-old-password-after-change': async (c) => {
      const first = await configure(c, valid);
      const registered = await next(c, first.user, first.since, (r) => r.status === 200);
      expect(registered).toBeDefined();
      const second = await configure(c, valid, { user: first.user });
      // The first 200 may fall in the same millisecond as the new settings (a late UDP retransmission
      // of its REGISTER is absorbed by the registrar's transaction, never recorded).
      const r = await next(c, first.user, second.since, (x) => x.auth !== undefined && x !== registered);
      expect(r && usesPassword(r, first.password)).toBe(true);
    },
    'sip-transport-ignored': async (c) => {
      const { user, since } = await configure(c, valid, { transport: 'tcp' });
      expect((await next(c, user, since))?.transport).toBe('udp');
    },
    'sip-interval-ignored': async (c) => {
      const { user, since } = await configure(c, valid, { interval: 30 });
      expect((await next(c, user, since))?.expires).toBe(3600);
    },
    'sip-no-refresh': async (c) => {
      const { user, since } = await configure(c, valid, { interval: 30 });
      const ok = await next(c, user, since, (r) => r.status === 200);
      expect(ok).toBeDefined();
      // A refresh is due 24 s (scaled: 0.48 s) after the 200; none may come in 60 s (scaled).
      expect(await next(c, user, ok!.answeredAt + 1, () => true, 60_000 * c.timeScale)).toBeUndefined();
    },
  };
}
