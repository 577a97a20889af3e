// A rate limit a mock can enforce, the way RingCentral's throttling groups work: at most `limit`
// requests per credential (the Authorization header) in any `windowMs`; past it, 429 with
// Retry-After, and a penalty that restarts on every request made during it.
import { parseRate } from '../src/http/rate-limiter.ts';
import { json, type MockHandler, type MockResponse } from './exchange.ts';

export interface MockRateLimit {
  limit: number;
  windowMs: number;
  penaltyMs: number;
  /** Name sent in X-Rate-Limit-Group. */
  group: string;
  /** False: answers carry no X-Rate-Limit-* headers (only a 429's Retry-After), as many servers do. */
  announce?: boolean;
}

/** RingCentral's Heavy group: 10 requests per 60 s per user, 60 s penalty. */
const HEAVY: MockRateLimit = { limit: 10, windowMs: 60_000, penaltyMs: 60_000, group: 'heavy' };

/** `heavy`, or a rate as `--rate` takes it (`N/s`, `N/m`, `N/Ws`), with a penalty of one window. */
export function parseMockRateLimit(text: string): MockRateLimit | undefined {
  if (text === 'heavy') return HEAVY;
  const rate = parseRate(text, 'mock --rate-limit');
  return rate && { limit: rate.limit, windowMs: rate.windowMs, penaltyMs: rate.windowMs, group: 'custom' };
}

export interface Throttle {
  handler: MockHandler;
  /** Requests that arrived over the limit or during a penalty (a client that keeps its pace sees none). */
  refused(): number;
}

export function throttle(inner: MockHandler, rule: MockRateLimit): Throttle {
  const seen = new Map<string, { arrivals: number[]; penaltyUntil: number }>();
  let refused = 0;
  const headers = (remaining: number, extra: Record<string, string> = {}): Record<string, string> => {
    if (rule.announce === false) return extra;
    return {
      'x-rate-limit-group': rule.group,
      'x-rate-limit-limit': String(rule.limit),
      'x-rate-limit-remaining': String(Math.max(0, remaining)),
      'x-rate-limit-window': String(Math.ceil(rule.windowMs / 1000)),
      ...extra,
    };
  };
  const handler: MockHandler = async (req) => {
    const key = req.headers.authorization ?? '';
    const now = Date.now();
    const state = seen.get(key) ?? { arrivals: [], penaltyUntil: 0 };
    seen.set(key, state);
    while (state.arrivals.length > 0 && state.arrivals[0]! <= now - rule.windowMs) state.arrivals.shift();
    if (now < state.penaltyUntil || state.arrivals.length >= rule.limit) {
      refused++;
      state.penaltyUntil = now + rule.penaltyMs;
      const retryAfter = String(Math.ceil(rule.penaltyMs / 1000));
      return json(429, { errorCode: 'CMN-301', message: `Request rate exceeded`, errors: [{ errorCode: 'CMN-301', message: 'Request rate exceeded' }] }, headers(0, { 'retry-after': retryAfter }));
    }
    state.arrivals.push(now);
    const r: MockResponse = await inner(req);
    return { ...r, headers: { ...r.headers, ...headers(rule.limit - state.arrivals.length) } };
  };
  return { handler, refused: () => refused };
}
