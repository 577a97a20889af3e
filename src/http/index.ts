// Builds the transport of one spec's run: the raw client under its policies, outermost first.
import type { HttpClient } from './client.ts';
import { type Budget, budgetCap } from './budget.ts';
import { InFlight, interruptible } from './interrupt.ts';
import { rateLimitWaits } from './rate-limit-waits.ts';
import { pacing, type Rate, RateLimiter } from './rate-limiter.ts';
import { reauthentication } from './reauthenticate.ts';
import { staleSocketRetry } from './stale-retry.ts';
import { compose, newStats, type Transport, wire } from './transport.ts';

export interface TransportOptions {
  /** Pace per credential; undefined: only what the target's headers and 429s ask for. */
  rate?: Rate;
  /** Shared by every transport of a run that must stay under one cap. */
  budget?: Budget;
  /**
   * The target is the embedded mock, whose keep-alive (Node's 5 s, announced in `Keep-Alive`) outlasts
   * the client's idle sockets (closed 2 s before the announced timeout): no connection of it can go
   * stale, so non-idempotent requests may ride kept-alive connections too.
   */
  ownTarget?: boolean;
  /** Aborted when the run is interrupted: from then on only cleanup requests are sent. */
  signal?: AbortSignal;
}

export interface RunTransport extends Transport {
  readonly limiter: RateLimiter;
  readonly budget?: Budget;
  /** Resolves once no request is on the wire. */
  settled(): Promise<void>;
}

export function createTransport(client: HttpClient, o: TransportOptions = {}): RunTransport {
  const stats = newStats();
  const limiter = new RateLimiter(o.rate);
  const inFlight = new InFlight();
  const send = compose(wire(client, stats, o.ownTarget === true), [
    reauthentication(stats),
    rateLimitWaits(limiter, stats),
    staleSocketRetry(stats),
    pacing(limiter, stats),
    ...(o.budget ? [budgetCap(o.budget, stats)] : []),
    interruptible(o.signal, inFlight),
  ]);
  return { send: (req, options = {}) => send(req, options), stats, limiter, budget: o.budget, settled: () => inFlight.settled() };
}

export { Scope, type SendOptions, type Transport, type TransportStats } from './transport.ts';
export { parseRate, describeRate, intervalOf, type Rate } from './rate-limiter.ts';
export type { Budget } from './budget.ts';
