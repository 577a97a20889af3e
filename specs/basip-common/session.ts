// BAS-IP config section and session: log in once (GET login with the MD5 of the password, then
// Authorization: Bearer <token>) or send HTTP Basic on every request.
import { createHash } from 'node:crypto';
import {
  ConfigError, redact, SectionReader, type Session, type SpecSettings,
  type Transport,
} from '../../src/index.ts';
import type { MockDefinition } from '../../mocks/kit.ts';
import { OPS } from './openapi.ts';

export type AuthMode = 'bearer' | 'basic';

export interface BasipTarget {
  name: string;
  loginPath: string;
  settingsPath: string;
  mock: MockDefinition;
}

/** A BAS-IP section of the config, as validated. */
export type BasipSettings = SpecSettings<{ account: BasipAccount }>;

export interface BasipAccount {
  username: string;
  password: string;
  auth: AuthMode;
  loginPath: string;
  settingsPath: string;
}

/** The session plus what BAS-IP scenarios need: the target, the account and the auth headers. */
export interface BasipSession extends Session {
  target: string;
  account: BasipAccount;
  /** Headers of a valid, an invalid Bearer and an invalid Basic authorisation. */
  headers: { valid: Record<string, string>; invalidBearer: Record<string, string>; invalidBasic: Record<string, string> };
  basic(username: string, password: string): Record<string, string>;
}

export const md5Hex = (text: string) => createHash('md5').update(text).digest('hex');
const basicValue = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const INVALID_TOKEN = 'sipc0invalid0token00000000000000';

export function basipSettings(t: BasipTarget) {
  return (raw: Record<string, unknown>, embeddedMock: boolean): BasipSettings => {
    const r = new SectionReader(t.name, raw, ['target', 'headers', 'username', 'password', 'auth', 'paths']);
    const common = r.common([], undefined);
    const need = (key: 'username' | 'password') => {
      const value = r.string(key) ?? (embeddedMock ? t.mock.fixtures[key] : undefined);
      if (!value) throw new ConfigError(`config ${t.name}.${key}: required to test a server other than the embedded mock`);
      return value;
    };
    const username = need('username');
    const password = need('password');
    const auth = r.oneOf('auth', ['bearer', 'basic'] as const) ?? 'bearer';
    const paths = r.strings('paths', ['settings', 'login']);
    for (const [key, path] of Object.entries(paths)) {
      if (!path.startsWith('/')) throw new ConfigError(`config ${t.name}.paths.${key}: "${path}" must start with /`);
    }
    const account: BasipAccount = {
      username,
      password,
      auth,
      loginPath: paths.login ?? t.loginPath,
      settingsPath: paths.settings ?? t.settingsPath,
    };
    return { ...common, raw: { ...raw, account } };
  };
}

/** Logs in; throws one clear line when it cannot. Returns the token. */
export async function login(client: Transport, name: string, target: string, account: BasipAccount): Promise<string> {
  const url = new URL(target.replace(/\/+$/, '') + account.loginPath);
  url.searchParams.set('username', account.username);
  url.searchParams.set('password', md5Hex(account.password));
  const shown = `GET ${target.replace(/\/+$/, '')}${account.loginPath}`;
  const response = await client.send({ method: 'GET', url: url.toString(), headers: { Accept: 'application/json' } });
  const secrets = [account.password, md5Hex(account.password)];
  if (response.error) {
    throw new Error(`${name}: cannot log in: ${shown}: ${response.error.cause}: ${response.error.message}`);
  }
  const body = response.json && 'value' in response.json ? (response.json.value as { token?: unknown } | null) : undefined;
  if (response.status !== 200) {
    const excerpt = redact(response.text.slice(0, 120), secrets).replace(/\s+/g, ' ');
    throw new Error(
      `${name}: login as "${account.username}" failed: ${shown} answered ${response.status}${excerpt ? ` ${excerpt}` : ''} (check ${name}.username, ${name}.password and ${name}.paths.login)`,
    );
  }
  if (typeof body?.token !== 'string' || body.token === '') {
    throw new Error(`${name}: login as "${account.username}" failed: ${shown} answered 200 without a "token" string`);
  }
  return body.token;
}

export function basipOpen(t: BasipTarget) {
  return async (settings: BasipSettings, client: Transport): Promise<BasipSession> => {
    const { account } = settings.raw;
    const target = settings.target!;
    const token = account.auth === 'bearer' ? await login(client, t.name, target, account) : undefined;
    const basic = (username: string, password: string) => ({ Authorization: basicValue(username, password) });
    const headers = {
      valid: token ? { Authorization: `Bearer ${token}` } : basic(account.username, account.password),
      invalidBearer: { Authorization: `Bearer ${INVALID_TOKEN}` },
      invalidBasic: basic(account.username, `${account.password}-sipc-wrong`),
    };
    let renewal: { at: number; done: Promise<void> } = { at: Date.now(), done: Promise.resolve() };
    const basicCredential = basicValue(account.username, account.password);
    const paths: Record<string, string> = {};
    if (account.settingsPath !== t.settingsPath) Object.assign(paths, { [OPS.set]: account.settingsPath, [OPS.get]: account.settingsPath });
    if (account.loginPath !== t.loginPath) paths[OPS.login] = account.loginPath;
    const session: BasipSession = {
      target,
      account,
      headers,
      basic,
      defaultHeaders: { Accept: 'application/json', ...settings.headers },
      fixtures: settings.fixtures,
      secrets: [account.password, md5Hex(account.password), basicCredential, basicCredential.slice('Basic '.length), ...(token ? [token] : [])],
      paths,
      authorize(c) {
        switch (c.auth.kind) {
          case 'valid':
          case 'fixture':
            return { headers: headers.valid };
          case 'none':
            return {};
          case 'invalid':
            // `invalid`: wrong credentials of the configured scheme; `otherScheme`: of the other one.
            if (c.auth.variant === 'otherScheme') return { headers: token ? headers.invalidBasic : headers.invalidBearer };
            return { headers: token ? headers.invalidBearer : headers.invalidBasic };
        }
      },
      // Tokens live 2 h (and die when the device restarts): a 401 mid-run logs in again, once for
      // all the requests that carried the expired token.
      reauthenticate(sentAt: number) {
        if (!token || renewal.at > sentAt) return renewal.done;
        const at = Date.now();
        const done = login(client, t.name, target, account).then((renewed) => {
          session.secrets.push(renewed);
          headers.valid = { Authorization: `Bearer ${renewed}` };
        });
        renewal = { at, done };
        return done;
      },
    };
    return session;
  };
}
