// Paces requests per credential so a run never sends more than `limit` requests in any window of
// `windowMs`: a slot is taken when a request starts and counted until its answer has come back, so
// the server, counting arrivals, sees at most `limit` in any window whatever the network delays.
// The X-Rate-Limit-* headers a server sends tighten the pace; a 429 pauses the credential.
import type { HttpResponse } from './client.ts';
import { interrupted } from './interrupt.ts';
import { type Policy, type TransportStats } from './transport.ts';

export interface Rate {
  limit: number;
  windowMs: number;
  /** Where the figure comes from (a vendor document, `--rate`, or "inferred"). */
  source: string;
}

/** `N/s` or `N/m` (also `N/Ms`, `N/Mm`: N per M seconds or minutes). */
export function parseRate(text: string, source: string): Rate | undefined {
  const m = /^(\d+)\/(\d*)(s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const limit = Number(m[1]);
  const units = m[2] ? Number(m[2]) : 1;
  if (limit < 1 || units < 1) return undefined;
  return { limit, windowMs: units * (m[3] === 's' ? 1000 : 60_000), source };
}

export const describeRate = (r: Rate) => `${r.limit} per ${r.windowMs % 60_000 === 0 ? `${r.windowMs / 60_000} min` : `${r.windowMs / 1000} s`}`;

/** Milliseconds one request costs at this rate, on average. */
export const intervalOf = (r: Rate) => r.windowMs / r.limit;

class Window {
  inFlight = 0;
  /** When answers of the current window came back, oldest first. */
  readonly done: number[] = [];
  pausedUntil = 0;
  /** Requests waiting for a slot, first come first served. */
  readonly queue: object[] = [];
  private wake: (() => void)[] = [];

  constructor(public rate: Rate | undefined) {}

  /** How long to wait before a slot is free; 0: free now. */
  delay(now: number): number {
    if (this.pausedUntil > now) return this.pausedUntil - now;
    if (!this.rate) return 0;
    while (this.done.length > 0 && this.done[0]! <= now - this.rate.windowMs) this.done.shift();
    if (this.inFlight + this.done.length < this.rate.limit) return 0;
    return this.done.length > 0 ? this.done[0]! + this.rate.windowMs - now + 1 : Infinity;
  }

  /** Whether a request may take a slot at once (free, and nobody waiting before it). */
  ready(now: number): boolean {
    return this.queue.length === 0 && this.delay(now) === 0;
  }

  /**
   * Waits its turn and a free slot, and takes it in the same tick as the last check; resolves with the
   * time waited, or undefined when `stop` ended the wait first (its place in the queue given up).
   */
  async take(stop?: AbortSignal): Promise<number | undefined> {
    const started = Date.now();
    const me = {};
    this.queue.push(me);
    for (let d = this.delay(started); d > 0 || this.queue[0] !== me; d = this.delay(Date.now())) {
      if (stop?.aborted) {
        this.queue.splice(this.queue.indexOf(me), 1);
        this.notify();
        return undefined;
      }
      await (d === Infinity || d === 0 ? this.changed() : this.changedOrAfter(d));
    }
    this.queue.shift();
    this.inFlight++;
    this.notify();
    return Date.now() - started;
  }

  release(): void {
    this.inFlight--;
    if (this.rate) this.done.push(Date.now());
    this.notify();
  }

  changed(): Promise<void> {
    return new Promise((r) => this.wake.push(r));
  }

  /**
   * A change, or `ms` from now. A change clears the timer: every change wakes every waiter, and a
   * timer left behind by each wake piled up hundreds (and under fake clocks, each was scanned again
   * at every tick).
   */
  private changedOrAfter(ms: number): Promise<void> {
    return new Promise((r) => {
      const timer = setTimeout(r, ms);
      this.wake.push(() => {
        clearTimeout(timer);
        r();
      });
    });
  }

  notify(): void {
    if (this.wake.length === 0) return;
    const waiting = this.wake;
    this.wake = [];
    for (const w of waiting) w();
  }
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly rate: Rate | undefined) {}

  window(key: string): Window {
    let w = this.windows.get(key);
    if (!w) this.windows.set(key, (w = new Window(this.rate)));
    return w;
  }

  /** Every waiter looks again (the run was interrupted). */
  wakeAll(): void {
    for (const w of this.windows.values()) w.notify();
  }

  /** No request of `key` starts before `ms` from now (a 429 and its penalty). */
  pause(key: string, ms: number): void {
    const w = this.window(key);
    w.pausedUntil = Math.max(w.pausedUntil, Date.now() + ms);
    w.notify();
  }

  /** Learns from X-Rate-Limit-Limit/-Window (seconds)/-Remaining. */
  observe(w: Window, headers: HttpResponse['headers']): void {
    const limit = Number(headers['x-rate-limit-limit']);
    const windowS = Number(headers['x-rate-limit-window']);
    if (!(limit >= 1 && windowS > 0)) return;
    const told: Rate = { limit, windowMs: windowS * 1000, source: 'X-Rate-Limit-* headers of the target' };
    if (!w.rate || intervalOf(told) > intervalOf(w.rate)) w.rate = told;
    // The server counts requests this run did not send (another client of the same credential):
    // nothing more until its window has passed.
    if (headers['x-rate-limit-remaining'] === '0' && w.inFlight + w.done.length < w.rate.limit) {
      w.pausedUntil = Math.max(w.pausedUntil, Date.now() + told.windowMs);
    }
  }
}

/**
 * Pacing as a policy: every request on the wire, retries included, takes a slot of its credential
 * until its answer is back. A free slot is taken without a wait (the common case costs no tick).
 * Once `signal` aborts, requests waiting for their turn end unsent at once, but the run's cleanup.
 */
export function pacing(limiter: RateLimiter, stats: TransportStats, signal?: AbortSignal): Policy {
  signal?.addEventListener('abort', () => limiter.wakeAll(), { once: true });
  return (next) => (req, o) => {
    const w = limiter.window(o.credential ?? 'default');
    const send = () =>
      next(req, o).then(
        (response) => {
          limiter.observe(w, response.headers);
          w.release();
          return response;
        },
        (err: unknown) => {
          w.release();
          throw err;
        },
      );
    if (w.ready(Date.now())) {
      w.inFlight++;
      return send();
    }
    const take = () => w.take(o.cleanup ? undefined : signal);
    return (o.scope ? o.scope.waiting(take) : take()).then((waitedMs) => {
      if (waitedMs === undefined) return interrupted();
      stats.waitedMs += waitedMs;
      return send();
    });
  };
}
