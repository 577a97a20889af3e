// Sends requests over a keep-alive undici pool: bounded concurrency, per-request timeout,
// capped response size, never following redirects.
import { Agent, request } from 'undici';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type TransportCause = 'timeout' | 'reset' | 'refused' | 'dns' | 'too-large' | 'network';

export interface HttpResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
  /** Parsed body when it is JSON; `invalid` when it claimed or looked like JSON but did not parse. */
  json?: { value: unknown } | { invalid: string };
  /** Set when no complete response arrived. */
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
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: HttpClientOptions) {
    this.agent = new Agent({ connections: options.concurrency, keepAliveTimeout: 10_000, pipelining: 1 });
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    await this.acquire();
    try {
      return await this.exchange(req);
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private async exchange(req: HttpRequest): Promise<HttpResponse> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const limit = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let status = 0;
    let headers: Record<string, string> = {};
    try {
      const res = await request(req.url, {
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        dispatcher: this.agent,
        signal,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
      });
      status = res.statusCode;
      headers = flattenHeaders(res.headers);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > limit) {
          res.body.destroy();
          return { status, headers, text: '', ms: ms(), error: { cause: 'too-large', message: `response body larger than ${limit} bytes` } };
        }
        chunks.push(chunk as Buffer);
      }
      const text = Buffer.concat(chunks).toString('utf8');
      return { status, headers, text, json: parseJson(text, headers['content-type']), ms: ms() };
    } catch (err) {
      return { status, headers, text: '', ms: ms(), error: classify(err, signal.aborted, this.options.timeoutMs) };
    }
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

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseJson(text: string, contentType: string | undefined): HttpResponse['json'] {
  const claimsJson = /json/i.test(contentType ?? '');
  const looksJson = /^\s*[[{"]/.test(text);
  if (!claimsJson && !looksJson) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { invalid: (err as Error).message };
  }
}

function classify(err: unknown, aborted: boolean, timeoutMs: number): NonNullable<HttpResponse['error']> {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  if (aborted || /TIMEOUT/.test(code) || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return { cause: 'timeout', message: `no complete response within ${timeoutMs} ms` };
  }
  if (code === 'ECONNREFUSED') return { cause: 'refused', message: 'connection refused' };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { cause: 'dns', message: `host not found (${code})` };
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return { cause: 'reset', message: 'connection reset by the server' };
  return { cause: 'network', message: `${code || e.name || 'error'}: ${e.message ?? String(err)}`.slice(0, 200) };
}
