// What the two BAS-IP mocks share: the admin account and its tokens, routing and the settings
// store; host and charset checks in hosts.ts, the field validator in fields.ts.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { json, parseJson, type MockHandler, type MockRequest, type MockResponse, type StandaloneFiles, standaloneDir, type Variant, writeReadyConfig } from '../../../mocks/kit.ts';
import { isPlainObject } from './fields.ts';

// The zones' checks, as the specs' tests reach them.
export { isHost, isPlainHost, isWideHost, PLAIN_CHARSET, WIDE_CHARSET } from './hosts.ts';

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

/**
 * A standalone mock's ready config, written and printed as the mock starts: its address as `target`,
 * the account, unpaced (a local mock needs no device's pace), and the suite's registrar on the loopback,
 * which the mock's device can reach: `run --spec NAME --config <printed>` runs the wire requirements too.
 */
export function writeStandaloneConfig(spec: string): (url: string) => Promise<StandaloneFiles> {
  return async (url) => {
    const dir = await standaloneDir(spec);
    const section = { target: url, username: ACCOUNT.username, password: ACCOUNT.password, rate: 'none', sip: { listen: '127.0.0.1:0' } };
    return { dir, printed: await writeReadyConfig(dir, spec, section) };
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
  /** Other methods on a known path answer 404 (`strictest`: the documents name no 405), unless the 405 fault needs its 405s. */
  methodsNotFound: boolean;
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
    if (!handler && api.methodsNotFound) return api.routeError(404, 'Not Found');
    if (!handler) {
      const r = api.routeError(405, 'Method Not Allowed');
      return { ...r, headers: { ...r.headers, allow: Object.keys(methods).join(', ') } };
    }
    return handler(req);
  };
}

/** The request body as a JSON object, or undefined when it is missing, unparseable or not an object. */
export function parseObject(body: Buffer): Record<string, unknown> | undefined {
  const value = parseJson(body);
  return isPlainObject(value) ? value : undefined;
}

/** Holds one instance's settings; copies in and out so callers cannot alias the stored state. */
export class SettingsStore {
  #current: Record<string, unknown>;
  /** `onSet`: the device acting on new settings (mock/device.ts). */
  constructor(
    initial: Record<string, unknown>,
    private readonly onSet?: (settings: Record<string, unknown>) => void,
  ) {
    this.#current = structuredClone(initial);
  }
  get(): Record<string, unknown> {
    return structuredClone(this.#current);
  }
  set(next: Record<string, unknown>): void {
    this.#current = structuredClone(next);
    this.onSet?.(this.get());
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
