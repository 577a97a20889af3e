// What the two BAS-IP spec tests share: the catalogue's levels and sources, HTTP Basic runs, config and
// session behaviour.
import { describe, expect, it } from 'vitest';
import { startMock, type MockDefinition } from '../../mocks/kit.ts';
import { createTransport, HttpClient } from '../../test/support/engine.ts';
import { ConfigError, type ConformanceSpec } from '../../src/index.ts';
import type { BasipSession } from './session.ts';
import { explain, failed, runAgainstMock, warned } from '../../test/support/run.ts';

export interface BasipTestOptions {
  load: () => Promise<ConformanceSpec>;
  mock: MockDefinition;
  settingsPath: string;
  loginPath: string;
}

export function describeBasipSpec(o: BasipTestOptions): void {
  const name = o.mock.spec;

  describe(`${name} spec: catalogue`, () => {
    it('gives every requirement a level and a source', async () => {
      const spec = await o.load();
      for (const r of spec.catalogue) {
        expect(['MUST', 'SHOULD'], r.id).toContain(r.level);
        expect(r.source, r.id).toMatch(/seeds\/00[34]_|BAS-IP|inferred/);
      }
    });
  });

  describe(`${name} spec: HTTP Basic`, () => {
    // Clean strict/loose runs and fault detection are in test/mutation.test.ts, with every spec's.
    it('passes with HTTP Basic on every request (auth: "basic")', async () => {
      const report = await runAgainstMock(await o.load(), { runs: 10, section: { auth: 'basic' } });
      expect([...failed(report), ...warned(report)], explain([...failed(report), ...warned(report)])).toEqual([]);
    });
  });

  describe(`${name} spec: config and session`, () => {
    it('defaults the account to the mock and requires it against another target, naming the key', async () => {
      const spec = await o.load();
      const account = spec.settings({}, true).raw.account as Record<string, unknown>;
      expect(account).toMatchObject({ username: 'admin', password: '123456', auth: 'bearer', settingsPath: o.settingsPath, loginPath: o.loginPath });
      expect(() => spec.settings({ target: 'http://10.0.0.5' }, false)).toThrow(ConfigError);
      expect(() => spec.settings({ target: 'http://10.0.0.5' }, false)).toThrow(`config ${name}.username`);
      expect(() => spec.settings({ target: 'http://10.0.0.5', username: 'admin' }, false)).toThrow(`config ${name}.password`);
      expect(() => spec.settings({ auth: 'digest' }, true)).toThrow(`config ${name}.auth`);
      expect(() => spec.settings({ paths: { settings: 'api/sip' } }, true)).toThrow(`config ${name}.paths.settings`);
      expect(() => spec.settings({ paths: { status: '/x' } }, true)).toThrow(`config ${name}.paths.status`);
      expect(() => spec.settings({ token: 'x' }, true)).toThrow(`config ${name}.token: unknown key`);
    });

    it('logs in once, keeps token and passwords secret, and maps path overrides to operations', async () => {
      const spec = await o.load();
      const mock = await startMock(o.mock, { faults: [], variant: 'strict' });
      const rawClient = new HttpClient({ timeoutMs: 5000, concurrency: 2 });
      const client = createTransport(rawClient);
      try {
        const raw = { paths: { settings: o.settingsPath, login: o.loginPath } };
        const session = (await spec.open({ ...spec.settings(raw, true), target: mock.url }, client)) as BasipSession;
        const auth = session.authorize({ auth: { kind: 'valid' } } as never).headers!.Authorization!;
        expect(auth).toMatch(/^Bearer \S+$/);
        expect(session.secrets).toEqual(expect.arrayContaining(['123456', o.mock.fixtures.passwordMd5, o.mock.fixtures.basicAuthorization, auth.slice(7)]));
        const moved = (await spec.open({ ...spec.settings({ auth: 'basic', paths: { settings: '/elsewhere' } }, true), target: mock.url }, client)) as BasipSession;
        expect(moved.paths).toEqual({ setSipSettings: '/elsewhere', getSipSettings: '/elsewhere' });
        expect(moved.authorize({ auth: { kind: 'valid' } } as never).headers).toEqual({ Authorization: o.mock.fixtures.basicAuthorization });
      } finally {
        await rawClient.close();
        await mock.close();
      }
    });

    it('fails to open with one clear line when the login is refused, without leaking the password', async () => {
      const spec = await o.load();
      const mock = await startMock(o.mock, { faults: [], variant: 'strict' });
      const rawClient = new HttpClient({ timeoutMs: 5000, concurrency: 2 });
      const client = createTransport(rawClient);
      try {
        const open = (raw: Record<string, unknown>) => spec.open({ ...spec.settings(raw, true), target: mock.url }, client);
        const error = await open({ password: 'wrong-secret' }).then(() => undefined, (e: Error) => e);
        expect(error).toBeInstanceOf(Error);
        expect(error!.message).toMatch(new RegExp(`^${name}: login as "admin" failed: GET .*${o.loginPath} answered 401`));
        expect(error!.message).not.toContain('\n');
        expect(error!.message).not.toContain('wrong-secret');
        await expect(open({ paths: { login: '/nope' } })).rejects.toThrow(/answered 404.*paths\.login/);
        await expect(spec.open({ ...spec.settings({}, true), target: 'http://127.0.0.1:9' }, client)).rejects.toThrow(new RegExp(`^${name}: cannot log in: .*refused`));
      } finally {
        await rawClient.close();
        await mock.close();
      }
    });
  });
}
