// The HTTP shell every reference mock runs in: body limit, crash guard, JSON replies.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, type MockHandler, type MockRequest, type MockResponse } from './exchange.ts';
import { type MockRateLimit, throttle } from './throttle.ts';
import { isLoopbackIPv4 } from '../src/sip/address.ts';

export { json, type MockHandler, type MockRequest, type MockResponse } from './exchange.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How a mock reads the points the documents leave open: `strict` and `loose` are the two everyday
 * readings; `strictest` rejects every undecided value and takes the narrowest legitimate reading of
 * every silent point, `lenient` accepts every undecided value and takes the widest.
 */
export const VARIANTS = ['strict', 'loose', 'strictest', 'lenient'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface MockOptions {
  /** Names of deliberate deviations to switch on (see each mock's `faults`). */
  faults: string[];
  /** Which legitimate reading the mock takes wherever the documents leave a choice. */
  variant: Variant;
  /** Enforce a rate limit per credential, with its penalty (`mock --rate-limit`). */
  rateLimit?: MockRateLimit;
  /** Bearer tokens expire this long after login, for mocks that issue them (BAS-IP: 2 h). */
  tokenLifetimeMs?: number;
  /** How the mock's SIP user agents (devices, platforms) reach a registrar; absent: loopback only, directly. */
  sip?: MockSip;
  /** Aborted when the mock stops: its user agents stop registering. Set by `startMock`. */
  signal?: AbortSignal;
}

export interface MockSip {
  /** Where a REGISTER for host:port goes instead (a port forward), or undefined to send it as addressed. */
  route(transport: 'udp' | 'tcp' | 'tls', host: string, port: number): { host: string; port: number } | undefined;
  /** Clocks of the mock's user agents run this much faster (intervals and refreshes are scaled). */
  timeScale: number;
}

/**
 * Where a mock's user agent sends a REGISTER for host:port: where the run routes it, else an IPv4
 * loopback address as given; undefined: nowhere (a mock never sends SIP anywhere else).
 */
export function sipServerFor(sip: MockSip | undefined, transport: 'udp' | 'tcp' | 'tls', host: string, port: number): { host: string; port: number } | undefined {
  return sip?.route(transport, host, port) ?? (isLoopbackIPv4(host) ? { host, port } : undefined);
}

export interface FaultInfo {
  name: string;
  description: string;
  /** Requirement ids a conforming suite must name when this fault is on. */
  breaks: string[];
  /**
   * Readings under which the fault changes no answer a requirement can see, each with the reason: the
   * fault score expects no detection there (and test/mutation.test.ts checks that none happens).
   */
  unseenUnder?: Partial<Record<Variant, string>>;
}

export interface MockDefinition {
  spec: string;
  /** What a user needs to know to talk to the mock: tokens, accounts, fixture ids. */
  fixtures: Record<string, string>;
  faults: FaultInfo[];
  create(options: MockOptions): MockHandler;
  /** For a mock started by hand: writes what a user needs as files (credentials, a config) and names them. */
  standalone?(url: string): Promise<StandaloneFiles>;
}

/** What a mock started by hand wrote: lines to print, and the folder (its config, private keys) removed when it stops. */
export interface StandaloneFiles {
  printed: Record<string, string>;
  dir: string;
}

/** A new folder for what a standalone mock of `spec` writes. */
export const standaloneDir = (spec: string): Promise<string> => mkdtemp(join(tmpdir(), `sipc-${spec}-mock-`));

/** Writes a standalone mock's ready config into `dir` (mode 0600: it holds credentials); the line to print for it. */
export async function writeReadyConfig(dir: string, spec: string, section: Record<string, unknown>): Promise<Record<string, string>> {
  const config = join(dir, `${spec}.config.json`);
  await writeFile(config, `${JSON.stringify({ [spec]: section }, null, 2)}\n`, { mode: 0o600 });
  return { config: `${config} (run --spec ${spec} --config ${config})` };
}

/**
 * Deviations from what HTTP itself requires (RFC 9110), which the shell applies to any mock's answers;
 * each breaks a requirement every spec with such a resource has (`src/run/http-semantics.ts`).
 */
export const HTTP_FAULTS = {
  methodNotAllowed: { name: 'http-405-without-allow', description: 'a 405 answer carries no Allow header (RFC 9110 15.5.6: MUST)', breaks: ['HTTP-METHOD-NOT-ALLOWED', 'HTTP-OPTIONS'] },
  options: { name: 'http-options-misreports-allow', description: 'OPTIONS answers 204 with an Allow that lists none of the documented methods', breaks: ['HTTP-OPTIONS'] },
  head: { name: 'http-head-claimed-not-served', description: 'OPTIONS claims HEAD (and every method), but HEAD answers 404 where GET answers', breaks: ['HTTP-HEAD'] },
  contentType: { name: 'http-success-as-text', description: 'success answers with content are typed text/plain, not the documented media type', breaks: ['HTTP-CONTENT-TYPE'] },
} as const satisfies Record<string, FaultInfo>;

/** The HTTP faults a mock offers: those whose requirement its spec has. */
export const httpFaults = (...kinds: (keyof typeof HTTP_FAULTS)[]): FaultInfo[] => kinds.map((k) => ({ ...HTTP_FAULTS[k], breaks: [...HTTP_FAULTS[k].breaks] }));

const ALL_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS';

/** The mock's handler with the HTTP faults switched on. */
function withHttpFaults(handler: MockHandler, faults: string[]): MockHandler {
  const on = (f: { name: string }) => faults.includes(f.name);
  if (!Object.values(HTTP_FAULTS).some(on)) return handler;
  return async (req) => {
    if (req.method === 'OPTIONS' && on(HTTP_FAULTS.options)) return { status: 204, headers: { allow: 'OPTIONS' } };
    if (req.method === 'OPTIONS' && on(HTTP_FAULTS.head)) return { status: 204, headers: { allow: ALL_METHODS } };
    if (req.method === 'HEAD' && on(HTTP_FAULTS.head)) return { status: 404 };
    const r = await handler(req);
    const headers = Object.fromEntries(Object.entries(r.headers ?? {}).filter(([k]) => !(r.status === 405 && on(HTTP_FAULTS.methodNotAllowed) && k.toLowerCase() === 'allow')));
    if (r.status >= 200 && r.status < 300 && r.body !== undefined && on(HTTP_FAULTS.contentType)) {
      return { ...r, headers: { ...Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type')), 'content-type': 'text/plain' } };
    }
    return { ...r, headers };
  };
}

export interface RunningMock {
  url: string;
  /** Requests seen, and those the rate limit refused. */
  stats(): { requests: number; rateLimited: number };
  close(): Promise<void>;
}

export class MockOptionError extends Error {}

export function checkFaults(def: MockDefinition, faults: string[]): void {
  const known = new Set(def.faults.map((f) => f.name));
  const unknown = faults.filter((f) => !known.has(f));
  if (unknown.length > 0) {
    throw new MockOptionError(
      `unknown fault "${unknown[0]}" for mock ${def.spec}; known: ${[...known].join(', ')}`,
    );
  }
}

/** Parses a JSON request body; undefined when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startMock(
  def: MockDefinition,
  options: MockOptions,
  listen: { port?: number; host?: string; keepAliveTimeoutMs?: number } = {},
): Promise<RunningMock> {
  checkFaults(def, options.faults);
  const stopping = new AbortController();
  const created = withHttpFaults(def.create({ ...options, signal: stopping.signal }), options.faults);
  const throttled = options.rateLimit && throttle(created, options.rateLimit);
  const handler = throttled?.handler ?? created;
  let requests = 0;
  const server = createServer({ keepAlive: true }, (req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const send = (r: MockResponse) => {
        if (res.headersSent || res.destroyed) return;
        const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        const headers: Record<string, string> = { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers };
        res.writeHead(r.status, headers);
        res.end(text);
      };
      if (tooLarge) return send(json(413, { error: 'request body larger than 1 MiB' }));
      const url = new URL(req.url ?? '/', 'http://mock');
      const request: MockRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      Promise.resolve()
        .then(() => handler(request))
        .then(send, (err: unknown) => send(json(500, { error: `mock internal error: ${String(err)}` })));
    });
  });
  // Node's default keep-alive (5 s): a socket the mock closes while idle must never become a
  // verdict (the transport's stale-socket retry), and the project's tests exercise that.
  server.on('clientError', (_err, socket) => socket.destroy());
  // 0: the mock never closes an idle connection (the embedded mock: src/run/run-spec.ts EMBEDDED_MOCK_LISTEN).
  if (listen.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = listen.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, listen.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ requests, rateLimited: throttled?.refused() ?? 0 }),
    close: () => {
      stopping.abort();
      return closeServer(server);
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
