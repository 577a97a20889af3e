// Sends requests over a keep-alive undici pool: bounded concurrency, per-request timeout,
// capped response size, never following redirects. The raw client under the transport policies
// (src/http/): nothing else should call it directly.
import { createRequire } from 'node:module';
import type { Agent, Dispatcher } from 'undici';

/**
 * undici's Agent is loaded by the first client, not on import: the CLI's main process imports this
 * module (through the specs) but sends nothing in a run against the embedded mocks. Only the Agent's
 * own module is loaded: undici's whole entry (fetch, cookies, websockets, caches) cost every process
 * that sends 0.22 s of CPU, the Agent alone 0.07 s. It is the same class the entry exports; should a
 * later undici move the file, the entry is the fallback.
 */
let agentClass: typeof Agent | undefined;
function loadAgent(): typeof Agent {
  if (agentClass) return agentClass;
  const require = createRequire(import.meta.url);
  try {
    agentClass = require('undici/lib/dispatcher/agent.js') as typeof Agent;
  } catch {
    agentClass = (require('undici') as typeof import('undici')).Agent;
  }
  return agentClass;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type TransportCause = 'timeout' | 'reset' | 'refused' | 'dns' | 'too-large' | 'protocol' | 'rate-limited' | 'network' | 'budget' | 'unreachable' | 'interrupted';

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON; `invalid` when it claimed or looked like JSON but did not parse. */
  json?: { value: unknown } | { invalid: string };
  /** Set when no complete response arrived (or, for `budget`, no request was sent). */
  error?: { cause: TransportCause; message: string };
  ms: number;
}

export interface HttpClientOptions {
  timeoutMs: number;
  concurrency: number;
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export class HttpClient {
  private readonly agent: Agent;
  /** Sockets used once (`Connection: close`): a request sent here never rides a connection the server may have closed while idle. */
  private readonly oneShot: Agent;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: HttpClientOptions) {
    const Agent = loadAgent();
    this.agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000, pipelining: 1 });
    this.oneShot = new Agent({ connections: options.concurrency, pipelining: 1 });
  }

  /** `fresh`: on a new connection, closed after the answer. */
  async send(req: HttpRequest, fresh = false): Promise<HttpResponse> {
    await this.acquire();
    try {
      return await this.exchange(req, fresh);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.destroy(), this.oneShot.destroy()]);
  }

  /**
   * Uses undici's dispatch API directly: no stream per response, which matters at thousands of cases
   * per second. headersTimeout/bodyTimeout catch silence; the deadline check in the collector catches
   * a slow drip that never goes silent.
   */
  private exchange(req: HttpRequest, fresh: boolean): Promise<HttpResponse> {
    const { origin, path } = splitUrl(req.url);
    return new Promise((resolve) => {
      const collector = new ResponseCollector(this.options.timeoutMs, this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, resolve);
      try {
        (fresh ? this.oneShot : this.agent).dispatch(
          { origin, path, method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body, reset: fresh, headersTimeout: this.options.timeoutMs, bodyTimeout: this.options.timeoutMs },
          collector,
        );
      } catch (err) {
        // undici rejects some requests synchronously (e.g. a header value with a newline).
        collector.onResponseError(undefined, err as Error);
      }
    });
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

const splitUrl = (url: string) => {
  const at = url.indexOf('/', url.indexOf('//') + 2);
  return at === -1 ? { origin: url, path: '/' } : { origin: url.slice(0, at), path: url.slice(at) };
};

/** Collects one response; a class rather than closures because it is built for every request. */
class ResponseCollector implements Dispatcher.DispatchHandler {
  private readonly started = performance.now();
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private failure: HttpResponse['error'];

  constructor(
    private readonly timeoutMs: number,
    private readonly limit: number,
    private readonly resolve: (r: HttpResponse) => void,
  ) {}

  onRequestStart(): void {}

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.limit) return this.fail(controller, { cause: 'too-large', message: `response body larger than ${this.limit} bytes` });
    if (performance.now() - this.started > this.timeoutMs) return this.fail(controller, { cause: 'timeout', message: `no complete response within ${this.timeoutMs} ms` });
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const text = Buffer.concat(this.chunks).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, text, json: parseJson(text, this.headers['content-type']), ms: this.ms() });
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, err: Error): void {
    this.resolve({ status: this.status, headers: this.headers, text: '', ms: this.ms(), error: this.failure ?? classify(err, this.timeoutMs) });
  }

  private fail(controller: Dispatcher.DispatchController, error: NonNullable<HttpResponse['error']>): void {
    this.failure = error;
    controller.abort(new Error(error.message));
  }

  private ms(): number {
    return Math.round(performance.now() - this.started);
  }
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The body as JSON when it claims or looks like JSON. */
export function parseJson(text: string, contentType: string | undefined): HttpResponse['json'] {
  const claimsJson = /json/i.test(contentType ?? '');
  const looksJson = /^\s*[[{"]/.test(text);
  if (!claimsJson && !looksJson) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { invalid: (err as Error).message };
  }
}

function classify(err: unknown, timeoutMs: number): NonNullable<HttpResponse['error']> {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (/TIMEOUT/.test(code) || e.name === 'TimeoutError') {
    return { cause: 'timeout', message: `no complete response within ${timeoutMs} ms` };
  }
  if (code === 'ECONNREFUSED') return { cause: 'refused', message: 'connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { cause: 'dns', message: `host not found (${code})` };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { cause: 'reset', message: 'connection reset by the server' };
  if (code.startsWith('HPE_') || code === 'UND_ERR_INFO') return { cause: 'protocol', message: `not a valid HTTP response (${code})` };
  return { cause: 'network', message: `${code || e.name || 'error'}: ${e.message ?? String(err)}`.slice(0, 200) };
}
