// A kept-alive connection the server closed while idle is not a verdict. An idempotent request
// reset before any byte of the answer came back is sent once more, on a fresh connection.
// Non-idempotent requests are never re-sent: from the client, a reset cannot prove the server did
// not act on them. They go out on a fresh connection instead (see `wire`), so no idle one can fail them.
import type { HttpResponse } from './client.ts';
import { isIdempotent, type Policy, type TransportStats } from './transport.ts';

const resetBeforeAnswer = (r: HttpResponse) => r.error?.cause === 'reset' && r.status === 0;

export function staleSocketRetry(stats: TransportStats): Policy {
  return (next) => (req, o) =>
    next(req, o).then((response) => {
      if (!resetBeforeAnswer(response) || !isIdempotent(req, o)) return response;
      stats.staleRetries++;
      return next(req, { ...o, fresh: true });
    });
}
