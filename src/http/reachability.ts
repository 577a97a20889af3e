// A target that answers none of a run's first requests (connection refused, resets, timeouts) is
// unreachable: the rest of the run is not sent, instead of pacing through the whole plan one timeout
// at a time. Once any request has been answered, the target is reachable for the rest of the run
// (a server that hangs on some inputs is judged on them, not stopped).
import type { HttpResponse, TransportCause } from './client.ts';
import { refuse, type Policy, type TransportStats } from './transport.ts';

/** Failed requests in a row, none answered before, after which the target counts as unreachable. */
export const UNREACHABLE_AFTER = 5;

const NO_ANSWER: ReadonlySet<TransportCause> = new Set(['refused', 'reset', 'timeout', 'dns', 'network']);

/** Stands before the budget and the pacing: once the target is unreachable, nothing waits for a slot. */
export function reachability(stats: TransportStats): Policy {
  let answered = false;
  let failed = 0;
  const learn = (response: HttpResponse): HttpResponse => {
    const cause = response.error?.cause;
    if (answered || cause === 'budget' || cause === 'unreachable') return response;
    if (!cause || !NO_ANSWER.has(cause)) answered = true;
    else if (++failed >= UNREACHABLE_AFTER) stats.unreachable ??= `the first ${failed} requests all failed; the last: ${cause}: ${response.error!.message}`;
    return response;
  };
  return (next) => (req, o) => {
    if (stats.unreachable && !o.cleanup) return Promise.resolve(refuse({ kind: 'unreachable', why: `target unreachable (${stats.unreachable})` }, o, stats));
    return next(req, o).then(learn);
  };
}
