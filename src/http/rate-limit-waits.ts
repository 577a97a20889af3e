// A 429 is waited out as the server tells (Retry-After, seconds or an HTTP date; else the
// X-Rate-Limit-Window; else a doubling back-off), not judged. Every request of the credential waits
// with it, since some servers restart a penalty on each request made during it. The wait does not
// count against the requirement's time limit; a server that keeps refusing, or asks for a wait
// longer than any rate limit's penalty, ends the request as `rate-limited`.
import type { HttpRequest, HttpResponse } from './client.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { type Policy, type Send, type SendOptions, sleep, type TransportStats } from './transport.ts';

/** Consecutive 429s on one request before giving up (a server answering 429 with Retry-After: 0 forever). */
const MAX_RATE_LIMITED_TRIES = 6;
const FIRST_BACKOFF_MS = 1000;
/** The longest single wait the suite accepts (RingCentral's penalty is 60 s). */
const MAX_WAIT_MS = 600_000;

/** How long the server asks to wait, in ms; undefined when it does not say. */
function retryAfterMs(headers: HttpResponse['headers'], now = Date.now()): number | undefined {
  const raw = headers['retry-after']?.trim();
  if (raw) {
    if (/^\d+$/.test(raw)) return Number(raw) * 1000;
    const at = Date.parse(raw);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const window = Number(headers['x-rate-limit-window']);
  return window > 0 ? window * 1000 : undefined;
}

export function rateLimitWaits(limiter: RateLimiter, stats: TransportStats): Policy {
  // Most answers are no 429: they pass through a plain `then` (the waiting loop's async frame cost
  // about 1.4 kB of garbage a request).
  return (next) => (req, o) => next(req, o).then((response) => (response.status === 429 ? waitOut(next, req, o, response) : response));

  async function waitOut(next: Send, req: HttpRequest, o: SendOptions, first: HttpResponse): Promise<HttpResponse> {
    let response = first;
    for (let attempt = 1; response.status === 429; attempt++) {
      const told = retryAfterMs(response.headers);
      const wait = told ?? FIRST_BACKOFF_MS * 2 ** (attempt - 1);
      const why =
        attempt === MAX_RATE_LIMITED_TRIES
          ? `429 Too Many Requests ${attempt} times in a row`
          : wait > MAX_WAIT_MS
            ? `429 Too Many Requests, with a wait of ${Math.ceil(wait / 1000)} s (more than the ${MAX_WAIT_MS / 1000} s the suite waits)`
            : undefined;
      if (why) return { ...response, error: { cause: 'rate-limited', message: why } };
      stats.rateLimitWaits++;
      stats.waitedMs += wait;
      limiter.pause(o.credential ?? 'default', wait);
      await (o.scope ? o.scope.waiting(() => sleep(wait)) : sleep(wait));
      response = await next(req, o);
    }
    return response;
  }
}
