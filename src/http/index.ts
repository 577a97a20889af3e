// Builds the transport of one spec's run: the raw client under its policies, outermost first.
import { type Budget, budgetCap, type TimeBox, timeBoxEnd } from './budget.ts';
import { InFlight, interruptible } from './interrupt.ts';
import { rateLimitWaits } from './rate-limit-waits.ts';
import { pacing, type Rate, RateLimiter } from './rate-limiter.ts';
import { reachability } from './reachability.ts';
import { reauthentication } from './reauthenticate.ts';
import { staleSocketRetry } from './stale-retry.ts';
import { compose, newStats, type Transport, type Wire, wire } from './transport.ts';

export interface TransportOptions {
  /** Pace per credential; undefined: only what the target's headers and 429s ask for. */
  rate?: Rate;
  /** Shared by every transport of a run that must stay under one cap. */
  budget?: Budget;
  /** `--max-time`: nothing is sent after its end. */
  timeBox?: TimeBox;
  /**
   * The target is the embedded mock, which never closes an idle connection (`EMBEDDED_MOCK_LISTEN`):
   * only the client does, so no connection of it can go stale, and non-idempotent requests may ride
   * kept-alive connections too.
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

export function createTransport(client: Wire, o: TransportOptions = {}): RunTransport {
  const stats = newStats();
  const limiter = new RateLimiter(o.rate);
  const inFlight = new InFlight();
  const send = compose(wire(client, stats, o.ownTarget === true), [
    reauthentication(stats),
    rateLimitWaits(limiter, stats),
    staleSocketRetry(stats),
    reachability(stats),
    ...(o.budget || o.timeBox ? [budgetCap(o.budget, o.timeBox, stats)] : []),
    pacing(limiter, stats, o.signal),
    ...(o.timeBox ? [timeBoxEnd(o.timeBox, stats)] : []),
    interruptible(o.signal, inFlight),
  ]);
  return { send: (req, options = {}) => send(req, options), stats, limiter, budget: o.budget, settled: () => inFlight.settled() };
}

export { Scope, type SendOptions, type Transport, type TransportStats, type Wire } from './transport.ts';
export { parseRate, describeRate, intervalOf, type Rate } from './rate-limiter.ts';
export type { Budget, TimeBox } from './budget.ts';
