// A hard cap on the requests a run sends, and the end of its time box. The planner spends the
// budget; this is the guard that makes it exact whatever scenarios, retries and logins add: once
// spent, or once the time box is over, nothing more goes out. It stands before the pacing, so a
// refused request never waits for a slot.
import { type Policy, refuse, type TransportStats } from './transport.ts';

export interface Budget {
  limit: number;
  used: number;
  /** Deletes of what the run created: never refused (a refused cleanup leaves a billed object behind), counted apart. */
  cleanup: number;
}

/** The run's time box (`--max-time`): no request starts after `endsAt` (epoch ms). */
export interface TimeBox {
  endsAt: number;
  /** How the user gave it, e.g. `--max-time 15 min`. */
  label: string;
}

const boxOver = (box: TimeBox | undefined) => (box && Date.now() >= box.endsAt ? `time box over (${box.label})` : undefined);

export function budgetCap(budget: Budget | undefined, box: TimeBox | undefined, stats: TransportStats): Policy {
  // Admitted and not yet on the wire (waiting for their turn): they hold a share of the budget, but
  // `used` counts what was sent, so an interrupted run's count is what it cost.
  let waiting = 0;
  return (next) => async (req, o) => {
    if (o.cleanup) {
      if (budget) budget.cleanup++;
      return next(req, o);
    }
    const spent = budget && budget.used + waiting >= budget.limit ? `request budget of ${budget.limit} spent` : boxOver(box);
    if (spent) return refuse({ kind: 'budget', why: spent }, o, stats);
    if (!budget) return next(req, o);
    waiting++;
    // No policy between here and the wire sends twice: it is called at most once.
    let sent = false;
    const onWire = () => {
      o.onWire?.();
      sent = true;
      waiting--;
      budget.used++;
    };
    try {
      return await next(req, { ...o, onWire });
    } finally {
      if (!sent) waiting--;
    }
  };
}

/** After the pacing: a request whose wait for a slot outlasted the time box is not sent either. */
export function timeBoxEnd(box: TimeBox, stats: TransportStats): Policy {
  return (next) => async (req, o) => {
    const over = o.cleanup ? undefined : boxOver(box);
    return over ? refuse({ kind: 'budget', why: over }, o, stats) : next(req, o);
  };
}
