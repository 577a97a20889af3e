// The one way out to the network: a raw client wrapped in policies that compose the way undici
// composes interceptors (each policy takes the next `send` and returns a new one).
import type { HttpClient, HttpRequest, HttpResponse } from './client.ts';

export interface SendOptions {
  /**
   * Whether sending the request twice has the effect of sending it once. Default: from the method
   * (GET, HEAD, OPTIONS, PUT, DELETE, TRACE). Callers set false for creates whatever the method
   * (Voximplant's GET CreateSipRegistration is billed).
   */
  idempotent?: boolean;
  /** Who the vendor counts the request against (rate limits are per credential). Default `default`. */
  credential?: string;
  /** Re-authenticates and rebuilds the request with fresh credentials; given only for requests sent with valid ones. */
  reauthenticate?: () => Promise<HttpRequest>;
  /** The requirement the request belongs to: its time limit, and what the budget refused it. */
  scope?: Scope;
  /** Deletes what the run created: the budget never refuses it. */
  cleanup?: boolean;
  /** On a new connection used once (the stale-socket retry sets it; non-idempotent requests always go so). */
  fresh?: boolean;
  /** Called as the request goes on the wire (the budget counts it then, not while it waits its turn). */
  onWire?: () => void;
}

/** Why the transport did not send a request: the run's budget or time box, or a target that answered none of the first requests. */
export interface Refusal {
  kind: 'budget' | 'unreachable';
  why: string;
}

/** A request not sent: counted for the report and the requirement, answered with the cause. */
export function refuse(r: Refusal, o: SendOptions, stats: TransportStats): HttpResponse {
  if (r.kind === 'budget') stats.overBudget++;
  if (o.scope) {
    o.scope.refused++;
    o.scope.refusal = r;
  }
  return { status: 0, headers: {}, text: '', ms: 0, error: { cause: r.kind, message: `${r.why}; not sent` } };
}

/**
 * What the transport tracks for one requirement. Its time limit covers its own work only: the clock
 * stands still while any of its requests waits (for the rate limiter, or out a 429), so a run at 10
 * requests a minute is slow, not late.
 */
export class Scope {
  /** Requests the transport did not send (budget, time box, unreachable target), and why the last one was not. */
  refused = 0;
  refusal?: Refusal;
  /** Requests put on the wire for this scope (retries included). */
  sent = 0;
  private readonly started = Date.now();
  private waits = 0;
  private waitingSince = 0;
  private stoodStillMs = 0;

  constructor(readonly limitMs: number) {}

  /** Runs a wait (pacing, a 429's Retry-After) with the requirement's clock stopped. */
  async waiting<T>(wait: () => Promise<T>): Promise<T> {
    if (this.waits++ === 0) this.waitingSince = Date.now();
    try {
      return await wait();
    } finally {
      if (--this.waits === 0) this.stoodStillMs += Date.now() - this.waitingSince;
    }
  }

  /** Time of its own work so far: wall time less the time any of its requests was waiting. */
  workMs(now = Date.now()): number {
    return now - this.started - this.stoodStillMs - (this.waits > 0 ? now - this.waitingSince : 0);
  }

  /** Whether its own work has used up its time limit. */
  get expired(): boolean {
    return this.workMs() >= this.limitMs;
  }

  /** Work time left, at least 0. */
  get remainingMs(): number {
    return Math.max(0, this.limitMs - this.workMs());
  }
}

/** What the transport sends through: the raw client (or, in tests, a mock answering in memory). */
export type Wire = Pick<HttpClient, 'send'>;

/** One step of the chain, with the options every policy may read. */
export type Send = (req: HttpRequest, o: SendOptions) => Promise<HttpResponse>;
export type Policy = (next: Send) => Send;

/** What the transport did beyond sending, for the report. */
export interface TransportStats {
  /** Requests put on the wire (retries, logins and cleanup included). */
  requests: number;
  /** Idempotent requests sent again on a fresh connection after the server closed a kept-alive one. */
  staleRetries: number;
  /** 429 answers waited out instead of failing. */
  rateLimitWaits: number;
  /** Time requests spent waiting (pacing and 429s), summed over requests. */
  waitedMs: number;
  /** 401s to valid credentials recovered by re-authenticating once. */
  reauthentications: number;
  /** Requests the budget refused. */
  overBudget: number;
  /** Set when the target answered none of the run's first requests: why (the rest is not sent). */
  unreachable?: string;
}

export const newStats = (): TransportStats => ({ requests: 0, staleRetries: 0, rateLimitWaits: 0, waitedMs: 0, reauthentications: 0, overBudget: 0 });

/** What specs, sessions and scenarios send through; never the raw client. */
export interface Transport {
  send(req: HttpRequest, o?: SendOptions): Promise<HttpResponse>;
  readonly stats: TransportStats;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

export const isIdempotent = (req: HttpRequest, o: SendOptions): boolean => o.idempotent ?? IDEMPOTENT_METHODS.has(req.method.toUpperCase());

/**
 * The innermost step: counts what goes on the wire. Non-idempotent requests never reuse a kept-alive
 * connection (a reset on one could not be retried), unless no connection to the target can go stale.
 */
export function wire(client: Wire, stats: TransportStats, neverStale = false): Send {
  return (req, o) => {
    stats.requests++;
    if (o.scope) o.scope.sent++;
    o.onWire?.();
    return client.send(req, o.fresh === true || (!neverStale && !isIdempotent(req, o)));
  };
}

/** `policies` outermost first. */
export function compose(inner: Send, policies: Policy[]): Send {
  return policies.reduceRight((next, policy) => policy(next), inner);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
