// What the two BAS-IP mocks share: the admin account and its tokens, routing,
// host/charset checks, a small field validator and the settings store.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { json, parseJson, type MockHandler, type MockRequest, type MockResponse, type Variant } from './kit.ts';

export const ACCOUNT = { username: 'admin', password: '123456' } as const;
export const PASSWORD_MD5 = createHash('md5').update(ACCOUNT.password).digest('hex');
export const TOKEN_TTL_MS = 2 * 60 * 60 * 1000;
/** What GET shows instead of the stored SIP password. */
export const PASSWORD_PLACEHOLDER = 'WebPass';

export function basipFixtures(loginPath: string, settingsPath: string): Record<string, string> {
  return {
    username: ACCOUNT.username,
    password: ACCOUNT.password,
    passwordMd5: PASSWORD_MD5,
    loginPath,
    loginUrl: `${loginPath}?username=${ACCOUNT.username}&password=${PASSWORD_MD5}`,
    settingsPath,
    basicAuthorization: `Basic ${Buffer.from(`${ACCOUNT.username}:${ACCOUNT.password}`).toString('base64')}`,
    tokenLifetime: '2 h; send as Authorization: Bearer <token>',
  };
}

/** Bearer tokens from the login endpoint (valid 2 h) and HTTP Basic with the same account. */
export class Auth {
  readonly #tokens = new Map<string, number>();
  constructor(
    private readonly allowBasic: boolean,
    private readonly lifetimeMs = TOKEN_TTL_MS,
  ) {}

  login(query: URLSearchParams): string | undefined {
    if (query.get('username') !== ACCOUNT.username) return undefined;
    if (query.get('password')?.toLowerCase() !== PASSWORD_MD5) return undefined;
    const token = randomBytes(16).toString('hex');
    this.#tokens.set(token, Date.now() + this.lifetimeMs);
    return token;
  }

  accepts(headers: IncomingHttpHeaders): boolean {
    const match = /^(\S+)\s+(\S+)\s*$/.exec(headers.authorization ?? '');
    if (!match) return false;
    const scheme = match[1].toLowerCase();
    if (scheme === 'bearer') {
      const expires = this.#tokens.get(match[2]);
      if (expires !== undefined && Date.now() >= expires) this.#tokens.delete(match[2]);
      return expires !== undefined && Date.now() < expires;
    }
    if (scheme === 'basic' && this.allowBasic) {
      return Buffer.from(match[2], 'base64').toString('utf8') === `${ACCOUNT.username}:${ACCOUNT.password}`;
    }
    return false;
  }
}

export type Reply = (status: number, body?: unknown) => MockResponse;

/** `loose` announces the charset; otherwise replies are identical. */
export function replyFor(variant: Variant): Reply {
  const headers: Record<string, string> = variant === 'loose' ? { 'content-type': 'application/json; charset=utf-8' } : {};
  return (status, body) => (body === undefined ? { status } : json(status, body, headers));
}

export interface BasipApi {
  loginPath: string;
  settingsPath: string;
  auth: Auth;
  authBypass: boolean;
  reply: Reply;
  variant: Variant;
  /** The vendor's "please log in" reply (401 unless a fault says otherwise). */
  unauthorized(): MockResponse;
  /** The vendor-shaped reply for 404 and 405. */
  routeError(status: number, message: string): MockResponse;
  getSettings(): MockResponse;
  postSettings(body: Buffer): MockResponse;
}

/** Routes login and settings; unknown paths 404, other methods 405, auth before the settings handlers. */
export function basipHandler(api: BasipApi): MockHandler {
  const guard = (handler: MockHandler): MockHandler => (req) =>
    api.authBypass || api.auth.accepts(req.headers) ? handler(req) : api.unauthorized();
  const login: MockHandler = (req) => {
    const token = api.auth.login(req.query);
    if (token === undefined) return api.unauthorized();
    const extra = api.variant === 'loose' ? { expires_in: TOKEN_TTL_MS / 1000 } : {};
    return api.reply(200, { account_type: 'admin', token, ...extra });
  };
  const routes: Record<string, Record<string, MockHandler>> = {
    [api.loginPath]: { GET: login },
    [api.settingsPath]: { GET: guard(() => api.getSettings()), POST: guard((req) => api.postSettings(req.body)) },
  };
  return (req: MockRequest) => {
    const methods = Object.hasOwn(routes, req.path) ? routes[req.path] : undefined;
    if (!methods) return api.routeError(404, 'Not Found');
    const handler = Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (!handler) {
      const r = api.routeError(405, 'Method Not Allowed');
      return { ...r, headers: { ...r.headers, allow: Object.keys(methods).join(', ') } };
    }
    return handler(req);
  };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as a JSON object, or undefined when it is missing, unparseable or not an object. */
export function parseObject(body: Buffer): Record<string, unknown> | undefined {
  const value = parseJson(body);
  return isPlainObject(value) ? value : undefined;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** IPv4 address or DNS name, optionally with a `sip:` prefix and a `:port` suffix (the vendor's own example is "sip:sip.bas-ip.com"). */
export function isHost(value: string, allowSipPrefix = true): boolean {
  // Either reading of a leading "sip:" counts ("sip:5060" is also the host "sip" on port 5060),
  // as it does for the specs' host pattern.
  if (allowSipPrefix && /^sip:/i.test(value) && isHostPort(value.slice(4))) return true;
  return isHostPort(value);
}

function isHostPort(value: string): boolean {
  let rest = value;
  const port = /:(\d{1,5})$/.exec(rest);
  if (port) {
    const n = Number(port[1]);
    if (n < 1 || n > 65535) return false;
    rest = rest.slice(0, port.index);
  }
  if (IPV4.test(rest)) return true;
  if (rest.length === 0 || rest.length > 253) return false;
  const labels = rest.split('.');
  // An all-numeric last label is a malformed IPv4 address, not a DNS name.
  return labels.every((l) => DNS_LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

// The seed's regex ^[0-9a-zA-Z\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$ is garbled (unescaped `]`,
// the `_-+` range is reversed) and invalid in JS, so this is the set its text lists: letters, digits,
// whitespace and ~`!@#$%^&;*()_-+={[}]|"<,>.?/ . Whitespace means ASCII whitespace, as \s does in
// Java, which is what the Android monitors run.
const SIP_CHARSET = /^[0-9A-Za-z \t\n\v\f\r~`!@#$%^&;*()_\-+={[}\]|"<,>.?/]*$/;

export function isSipCharset(value: string): boolean {
  return SIP_CHARSET.test(value);
}

export type Rule =
  | { type: 'string'; min: number; max: number; charset?: boolean }
  | { type: 'host'; sipPrefix?: boolean }
  /** `coerce` (a fault) also takes numeric strings. */
  | { type: 'integer'; min?: number; max?: number; oneOf?: readonly number[]; coerce?: boolean }
  | { type: 'number'; min: number; max: number }
  /** `coerce` (a fault) also takes "true" / "false". */
  | { type: 'boolean'; coerce?: boolean }
  | { type: 'enum'; values: readonly string[]; ignoreCase?: boolean }
  | { type: 'object'; fields: Schema };

export interface Field {
  name: string;
  rule: Rule;
  required?: boolean;
  /** Used when the field is absent. */
  default?: unknown;
}

export type Schema = readonly Field[];

export type Problem = 'missing' | 'type' | 'invalid';

export interface Issue {
  /** Dotted path for nested fields, e.g. `stun.port`. */
  param: string;
  problem: Problem;
  rule: Rule;
}

export interface Checked {
  /** Only the schema's fields: unknown properties are dropped. */
  value: Record<string, unknown>;
  /** At most one per field, in schema order. */
  issues: Issue[];
}

export function validate(input: Record<string, unknown>, schema: Schema, prefix = ''): Checked {
  const value: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const field of schema) {
    const param = prefix + field.name;
    if (!Object.hasOwn(input, field.name)) {
      if (field.required) issues.push({ param, problem: 'missing', rule: field.rule });
      else if (field.default !== undefined) value[field.name] = field.default;
      continue;
    }
    const raw = input[field.name];
    if (field.rule.type === 'object') {
      if (!isPlainObject(raw)) {
        issues.push({ param, problem: 'type', rule: field.rule });
        continue;
      }
      const inner = validate(raw, field.rule.fields, `${param}.`);
      issues.push(...inner.issues);
      value[field.name] = inner.value;
      continue;
    }
    const checked = checkValue(raw, field.rule);
    if ('problem' in checked) issues.push({ param, problem: checked.problem, rule: field.rule });
    else value[field.name] = checked.value;
  }
  return { value, issues };
}

function checkValue(raw: unknown, rule: Rule): { value: unknown } | { problem: 'type' | 'invalid' } {
  const type = { problem: 'type' } as const;
  const invalid = { problem: 'invalid' } as const;
  switch (rule.type) {
    case 'string': {
      if (typeof raw !== 'string') return type;
      const length = [...raw].length;
      if (length < rule.min || length > rule.max) return invalid;
      return rule.charset && !isSipCharset(raw) ? invalid : { value: raw };
    }
    case 'host':
      if (typeof raw !== 'string') return type;
      return isHost(raw, rule.sipPrefix ?? true) ? { value: raw } : invalid;
    case 'integer': {
      const n = rule.coerce && typeof raw === 'string' && /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) return type;
      if (rule.oneOf && !rule.oneOf.includes(n)) return invalid;
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) return invalid;
      return { value: n };
    }
    case 'number':
      if (typeof raw !== 'number') return type;
      return raw >= rule.min && raw <= rule.max ? { value: raw } : invalid;
    case 'boolean': {
      const b = rule.coerce && (raw === 'true' || raw === 'false') ? raw === 'true' : raw;
      return typeof b === 'boolean' ? { value: b } : type;
    }
    case 'enum': {
      if (typeof raw !== 'string') return type;
      const candidate = rule.ignoreCase ? raw.toLowerCase() : raw;
      return rule.values.includes(candidate) ? { value: raw } : invalid;
    }
    case 'object':
      return isPlainObject(raw) ? { value: raw } : type;
  }
}

const LOOSE_RANK: Record<Problem, number> = { invalid: 0, missing: 1, type: 2 };

/** `strict` reports in field order; `loose` checks ranges and values before presence and types. */
export function orderIssues(issues: Issue[], variant: Variant): Issue[] {
  if (variant === 'strict') return issues;
  return [...issues].sort((a, b) => LOOSE_RANK[a.problem] - LOOSE_RANK[b.problem]);
}

/** Holds one instance's settings; copies in and out so callers cannot alias the stored state. */
export class SettingsStore {
  #current: Record<string, unknown>;
  constructor(initial: Record<string, unknown>) {
    this.#current = structuredClone(initial);
  }
  get(): Record<string, unknown> {
    return structuredClone(this.#current);
  }
  set(next: Record<string, unknown>): void {
    this.#current = structuredClone(next);
  }
}

/**
 * The settings after an accepted POST. Omitted optional fields keep their old value in `strict`
 * and fall back to the defaults in `loose`; the documents say neither.
 */
export function mergeSettings(
  current: Record<string, unknown>,
  posted: Record<string, unknown>,
  optionalDefaults: Record<string, unknown>,
  variant: Variant,
): Record<string, unknown> {
  return variant === 'strict' ? { ...current, ...posted } : { ...current, ...optionalDefaults, ...posted };
}

/** GET view of stored settings; `loose` adds a status field the documents do not mention. */
export function settingsView(settings: Record<string, unknown>, revealPassword: boolean, variant: Variant): Record<string, unknown> {
  const view = { ...settings, password: revealPassword ? settings.password : PASSWORD_PLACEHOLDER };
  return variant === 'loose' ? { ...view, registration_status: 'unregistered' } : view;
}
