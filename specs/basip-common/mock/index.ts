// What the two BAS-IP mocks share: the admin account and its tokens, routing,
// host/charset checks, a small field validator and the settings store.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { json, parseJson, type MockHandler, type MockRequest, type MockResponse, type Variant } from '../../../mocks/kit.ts';

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

/** `loose` and `lenient` announce the charset; otherwise replies are identical. */
export function replyFor(variant: Variant): Reply {
  const headers: Record<string, string> = variant === 'loose' || variant === 'lenient' ? { 'content-type': 'application/json; charset=utf-8' } : {};
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

/**
 * Routes login and settings; unknown paths 404, other methods 405 (`strictest`: 404, the documents
 * name no 405), auth before the settings handlers. `strictest` answers a POST that has neither a
 * body nor a Content-Type with 415 (docs/undecided: body-missing).
 */
export function basipHandler(api: BasipApi): MockHandler {
  const guard = (handler: MockHandler): MockHandler => (req) =>
    api.authBypass || api.auth.accepts(req.headers) ? handler(req) : api.unauthorized();
  const login: MockHandler = (req) => {
    const token = api.auth.login(req.query);
    if (token === undefined) return api.unauthorized();
    const extra = api.variant === 'loose' ? { expires_in: TOKEN_TTL_MS / 1000 } : {};
    return api.reply(200, { account_type: 'admin', token, ...extra });
  };
  const post: MockHandler = (req) =>
    api.variant === 'strictest' && req.body.length === 0 && req.headers['content-type'] === undefined
      ? api.routeError(415, 'Unsupported Media Type')
      : api.postSettings(req.body);
  const routes: Record<string, Record<string, MockHandler>> = {
    [api.loginPath]: { GET: login },
    [api.settingsPath]: { GET: guard(() => api.getSettings()), POST: guard(post) },
  };
  return (req: MockRequest) => {
    const methods = Object.hasOwn(routes, req.path) ? routes[req.path] : undefined;
    if (!methods) return api.routeError(404, 'Not Found');
    const handler = Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (!handler && api.variant === 'strictest') return api.routeError(404, 'Not Found');
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

// Hosts ("ipv4|dns" in both seeds), in the three zones of docs/undecided/basip-*.md.
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The plainest host every reading accepts: a unicast IPv4 address without leading zeros (first
 * octet 1..223 but not 127, last 1..254), or a lowercase DNS name of 2-3 labels that start with a
 * letter, hold at most one inner hyphen and end in an alphabetic top-level label; at most 48 characters.
 */
export function isPlainHost(value: string): boolean {
  if (IPV4.test(value)) {
    const [first, , , last] = value.split('.').map(Number) as [number, number, number, number];
    return first >= 1 && first <= 223 && first !== 127 && last >= 1 && last <= 254;
  }
  const labels = value.split('.');
  return (
    value.length <= 48 &&
    labels.length >= 2 &&
    labels.length <= 3 &&
    labels.every((l) => /^[a-z][a-z0-9]*(?:-[a-z0-9]+)?$/.test(l)) &&
    /^[a-z]{2,}$/.test(labels[labels.length - 1]!)
  );
}

/** A middle reading: IPv4 or LDH DNS name (any case), optionally with a `sip:` prefix (any case) and a `:port` 1..65535. */
export function isHost(value: string): boolean {
  // Either reading of a leading "sip:" counts ("sip:5060" is also the host "sip" on port 5060).
  if (/^sip:/i.test(value) && isHostPort(value.slice(4))) return true;
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
  return labels.every((l) => DNS_LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]!);
}

const WIDE_LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}_-]*[\p{L}\p{N}_])?$/u;

/**
 * The widest reading: edge whitespace trimmed, `sip:`/`sips:` in any case, any `:digits` port,
 * IPv6 (bracketed or bare), and names of letters (any script), digits and underscores in any case,
 * numeric, single or long labels and a trailing dot. Still rejected: inner whitespace, other
 * punctuation, empty labels and hyphens at a label's edge.
 */
export function isWideHost(value: string): boolean {
  const rest = value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '').replace(/^sips?:/i, '');
  if (/^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(rest) || /^[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}$/.test(rest)) return true;
  const name = rest.replace(/:\d{1,5}$/, '').replace(/\.$/, '');
  return name.length > 0 && name.split('.').every((l) => WIDE_LABEL.test(l));
}

// The seed-004 regex ^[0-9a-zA-Z\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$ is garbled (unescaped `]`,
// the `_-+` range is reversed) and invalid in JS; three readings of the set its text lists:
/** Letters, digits and the specials every reading keeps. */
export const PLAIN_CHARSET = /^[0-9A-Za-z~!@#$%^&*()_\-+={},.?/]*$/;
/** The text's full list with ASCII whitespace (\s as Java, which the Android monitors run, reads it). */
export const SIP_CHARSET = /^[0-9A-Za-z \t\n\v\f\r~`!@#$%^&;*()_\-+={[}\]|"<,>.?/]*$/;
/** The text's full list with Unicode whitespace (\s as JS reads it). */
export const WIDE_CHARSET = /^[0-9A-Za-z\s~`!@#$%^&;*()_\-+={[}\]|"<,>.?/]*$/u;

/**
 * How a field converts a value of another JSON type before checking it: `convert` (validators such
 * as Joi: numeric strings to numbers), `org.json` (Android's JSON library: any value to text, numeric
 * strings and fractions truncated to int, "true"/"false" to booleans), `any` (a fault: truthiness).
 */
export type Coerce = 'convert' | 'org.json' | 'any';

export type Rule =
  | { type: 'string'; min: number; max: number; accepts?: (value: string) => boolean; coerce?: Coerce }
  | { type: 'host'; accepts: (value: string) => boolean; coerce?: Coerce }
  | { type: 'integer'; min?: number; max?: number; oneOf?: readonly number[]; coerce?: Coerce }
  /** `whole`: the narrow reading that an interval in seconds has no fraction. */
  | { type: 'number'; min: number; max: number; whole?: boolean; coerce?: Coerce }
  | { type: 'boolean'; coerce?: Coerce }
  | { type: 'enum'; values: readonly string[]; ignoreCase?: boolean; trim?: boolean }
  | { type: 'object'; fields: Schema };

export interface Field {
  name: string;
  rule: Rule;
  required?: boolean;
  /** Used when the field is absent. */
  default?: unknown;
  /** `null` reads as absent (an optional field under a lenient reading). */
  nullIsAbsent?: boolean;
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
    if (!Object.hasOwn(input, field.name) || (field.nullIsAbsent && input[field.name] === null)) {
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

const NUMERIC = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** org.json's getString: any value as text (arrays and objects as JSON). */
const asText = (raw: unknown, coerce?: Coerce) =>
  coerce === 'org.json' && raw !== null && typeof raw !== 'string' ? (typeof raw === 'object' ? JSON.stringify(raw) : String(raw)) : raw;

function asNumber(raw: unknown, coerce: Coerce | undefined, integer: boolean): unknown {
  const n = (coerce === 'convert' || coerce === 'org.json') && typeof raw === 'string' && NUMERIC.test(raw) ? Number(raw) : raw;
  return coerce === 'org.json' && integer && typeof n === 'number' ? Math.trunc(n) : n;
}

function asBoolean(raw: unknown, coerce: Coerce | undefined): unknown {
  if (coerce === 'any') return Boolean(raw);
  if (coerce === 'org.json' && typeof raw === 'string' && /^(?:true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return raw;
}

function checkValue(raw: unknown, rule: Rule): { value: unknown } | { problem: 'type' | 'invalid' } {
  const type = { problem: 'type' } as const;
  const invalid = { problem: 'invalid' } as const;
  switch (rule.type) {
    case 'string': {
      const text = asText(raw, rule.coerce);
      if (typeof text !== 'string') return type;
      const length = [...text].length;
      if (length < rule.min || length > rule.max) return invalid;
      return rule.accepts && !rule.accepts(text) ? invalid : { value: text };
    }
    case 'host': {
      const text = asText(raw, rule.coerce);
      if (typeof text !== 'string') return type;
      return rule.accepts(text) ? { value: text } : invalid;
    }
    case 'integer': {
      const n = asNumber(raw, rule.coerce, true);
      if (typeof n !== 'number' || !Number.isInteger(n)) return type;
      if (rule.oneOf && !rule.oneOf.includes(n)) return invalid;
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) return invalid;
      return { value: n };
    }
    case 'number': {
      const n = asNumber(raw, rule.coerce, false);
      if (typeof n !== 'number' || (rule.whole && !Number.isInteger(n))) return type;
      return n >= rule.min && n <= rule.max ? { value: n } : invalid;
    }
    case 'boolean': {
      const b = asBoolean(raw, rule.coerce);
      return typeof b === 'boolean' ? { value: b } : type;
    }
    case 'enum': {
      if (typeof raw !== 'string') return type;
      const trimmed = rule.trim ? raw.trim() : raw;
      const candidate = rule.ignoreCase ? trimmed.toLowerCase() : trimmed;
      return rule.values.includes(candidate) ? { value: raw } : invalid;
    }
    case 'object':
      return isPlainObject(raw) ? { value: raw } : type;
  }
}

const VALUES_FIRST: Record<Problem, number> = { invalid: 0, missing: 1, type: 2 };

/** `strict` and `strictest` report in field order; `loose` and `lenient` check values before presence and types. */
export function orderIssues(issues: Issue[], variant: Variant): Issue[] {
  if (variant === 'strict' || variant === 'strictest') return issues;
  return [...issues].sort((a, b) => VALUES_FIRST[a.problem] - VALUES_FIRST[b.problem]);
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
 * and `strictest` and fall back to the defaults in `loose` and `lenient`; the documents say neither.
 */
function mergeSettings(
  current: Record<string, unknown>,
  posted: Record<string, unknown>,
  optionalDefaults: Record<string, unknown>,
  variant: Variant,
): Record<string, unknown> {
  return variant === 'strict' || variant === 'strictest' ? { ...current, ...posted } : { ...current, ...optionalDefaults, ...posted };
}

/** An accepted POST: merged into the stored settings (unless `persist` is off, a fault) and answered as the reading does. */
export function acceptSettings(
  store: SettingsStore,
  posted: Record<string, unknown>,
  optionalDefaults: Record<string, unknown>,
  o: { variant: Variant; persist: boolean; reply: Reply },
): MockResponse {
  const next = mergeSettings(store.get(), posted, optionalDefaults, o.variant);
  if (o.persist) store.set(next);
  return o.variant === 'loose' ? o.reply(200, settingsView(next, 'placeholder', 'loose')) : o.reply(200);
}

/** What GET shows for the SIP password (docs/undecided: password-on-get). */
export type PasswordShown = 'placeholder' | 'stored' | 'absent';

/** GET view of stored settings; `loose` adds a status field the documents do not mention. */
export function settingsView(settings: Record<string, unknown>, password: PasswordShown, variant: Variant): Record<string, unknown> {
  const { password: stored, ...rest } = settings;
  const view = password === 'absent' ? rest : { ...rest, password: password === 'stored' ? stored : PASSWORD_PLACEHOLDER };
  return variant === 'loose' ? { ...view, registration_status: 'unregistered' } : view;
}
