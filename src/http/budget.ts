// A hard cap on the requests a run sends. The planner spends the budget; this is the guard that
// makes it exact whatever scenarios, retries and logins add: once spent, nothing more goes out.
import type { Policy, TransportStats } from './transport.ts';

export interface Budget {
  limit: number;
  used: number;
  /** Deletes of what the run created: never refused (a refused cleanup leaves a billed object behind), counted apart. */
  cleanup: number;
}

export function budgetCap(budget: Budget, stats: TransportStats): Policy {
  return (next) => async (req, o) => {
    if (o.cleanup) {
      budget.cleanup++;
      return next(req, o);
    }
    if (budget.used >= budget.limit) {
      stats.overBudget++;
      if (o.scope) o.scope.refused++;
      return { status: 0, headers: {}, text: '', ms: 0, error: { cause: 'budget', message: `request budget of ${budget.limit} spent; not sent` } };
    }
    budget.used++;
    return next(req, o);
  };
}
