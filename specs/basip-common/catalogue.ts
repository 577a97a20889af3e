// Requirements both BAS-IP specs state the same way: auth, login, routes, unknown fields, persistence.
import type { CatalogueEntry, Expectation, Level, Trigger } from '../../src/index.ts';
import { OPS } from './openapi.ts';

export const ISSUE = 'BAS-IP API docs as quoted in the sip-conformance issue';

export interface CommonOptions {
  prefix: string;
  /** Seed file and the lines of its 401 response. */
  unauthorizedSource: string;
  loginPath: string;
  settingsPath: string;
  /** The documented 401 body, for titles. */
  unauthorizedBody: string;
  /** Seed lines of the fields not marked required. */
  optionalSource: string;
}

const scenario = (name: string): Trigger => ({ kind: 'scenario', scenario: name });
const accept = (level: Level = 'MUST'): Expectation => ({ status: [200], statusLevel: level });

export function entry(r: Omit<CatalogueEntry, 'operation'> & { operation?: string }): CatalogueEntry {
  return { operation: OPS.set, ...r };
}

export function commonRequirements(o: CommonOptions): CatalogueEntry[] {
  const P = o.prefix;
  const unauthorized: Expectation = { status: [401], statusLevel: 'MUST' };
  return [
    entry({
      id: `${P}-LOGIN`,
      operation: OPS.login,
      title: `GET ${o.loginPath}?username=..&password=<MD5 hex> returns {account_type, token}; a wrong or plain-text password gives 401`,
      level: 'MUST',
      source: `${ISSUE}: "GET ${o.loginPath}?username=admin&password=<MD5 hex> returns {"account_type":..,"token":..}"; 401 from ${o.unauthorizedSource}`,
      trigger: scenario('login'),
      expect: accept(),
    }),
    entry({
      id: `${P}-AUTH-REQUIRED`,
      title: `POST ${o.settingsPath} without credentials, with an invalid token or a wrong Basic password is rejected with 401`,
      level: 'MUST',
      source: o.unauthorizedSource,
      trigger: { kind: 'auth', variants: ['missing', 'invalid', 'otherScheme'] },
      expect: unauthorized,
    }),
    entry({
      id: `${P}-AUTH-REQUIRED-GET`,
      operation: OPS.get,
      title: `GET ${o.settingsPath} without valid credentials is rejected with 401`,
      level: 'MUST',
      source: `${o.unauthorizedSource}; GET settings: ${ISSUE}`,
      trigger: { kind: 'auth', variants: ['missing', 'invalid', 'otherScheme'] },
      expect: unauthorized,
    }),
    entry({
      id: `${P}-AUTH-401-BODY`,
      title: `the 401 answer (GET and POST) is ${o.unauthorizedBody}`,
      level: 'MUST',
      source: o.unauthorizedSource,
      trigger: scenario('auth401Body'),
      expect: unauthorized,
    }),
    entry({
      id: `${P}-AUTH-BEARER`,
      title: 'a fresh login token sent as Authorization: Bearer <token> is accepted (GET and POST)',
      level: 'MUST',
      source: `${ISSUE}: "then Authorization: Bearer <token>"`,
      trigger: scenario('authBearer'),
      expect: accept(),
    }),
    entry({
      id: `${P}-AUTH-BASIC`,
      title: 'HTTP Basic with the web account is accepted (GET and POST)',
      level: 'MUST',
      source: `${ISSUE}: "HTTP Basic also accepted"`,
      trigger: scenario('authBasic'),
      expect: accept(),
    }),
    entry({
      id: `${P}-OPTIONAL-FIELDS`,
      title: 'valid settings are accepted with any of the optional fields omitted',
      level: 'MUST',
      source: o.optionalSource,
      trigger: { kind: 'valid' },
      expect: accept(),
    }),
    entry({
      id: `${P}-UNKNOWN-FIELDS-IGNORED`,
      title: 'unrecognised JSON properties (top level and in stun) and query parameters are ignored: the request is accepted',
      level: 'MUST',
      source: `${ISSUE}: "BAS-IP documents that unrecognised JSON properties and query parameters are ignored"`,
      trigger: scenario('unknownFields'),
      expect: accept(),
    }),
    entry({
      id: `${P}-PERSISTENCE`,
      title: 'what is set is what is read: after an accepted POST, GET returns every posted value (password aside; a host may read back with a sip: prefix added or dropped)',
      level: 'MUST',
      source: `${ISSUE}: "after a successful POST, GET returns the same values"`,
      trigger: scenario('persistence'),
      expect: accept(),
      // POST then GET and compare: nothing else may write in between.
      exclusive: true,
    }),
  ];
}
