// A reference mock answered in memory, as the raw client would: for runs under fake clocks, where a
// real socket's I/O would not advance with the clock (a paced run of minutes takes milliseconds).
import type { MockDefinition, MockOptions } from '../../mocks/kit.ts';
import { type MockRateLimit, throttle } from '../../mocks/throttle.ts';
import { type HttpRequest, type HttpResponse, parseJson } from '../../src/http/client.ts';

export interface MemoryClient {
  send(req: HttpRequest): Promise<HttpResponse>;
  close(): Promise<void>;
  /** Requests the mock answered, and those its rate limit refused with 429. */
  stats(): { requests: number; rateLimited: number };
}

/** `latencyMs`: each answer comes back after this long on the (fake) clock. */
export function memoryClient(def: MockDefinition, options: MockOptions & { rateLimit?: MockRateLimit }, latencyMs = 100): MemoryClient {
  const throttled = options.rateLimit && throttle(def.create(options), options.rateLimit);
  const handler = throttled?.handler ?? def.create(options);
  let requests = 0;
  return {
    async send(req) {
      requests++;
      const url = new URL(req.url);
      const sent = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const r = await handler({ method: req.method, path: url.pathname, query: url.searchParams, headers: sent, body: Buffer.from(req.body ?? '') });
      await new Promise((done) => setTimeout(done, latencyMs));
      const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
      const answered = { ...(r.body === undefined ? {} : { 'content-type': 'application/json' }), ...r.headers };
      const answer: HttpResponse = { status: r.status, headers: answered, text, json: parseJson(text, answered['content-type']), ms: latencyMs };
      return answer;
    },
    close: async () => {},
    stats: () => ({ requests, rateLimited: throttled?.refused() ?? 0 }),
  };
}
