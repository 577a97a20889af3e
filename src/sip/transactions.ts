// Server transactions (RFC 3261 17.2): a request that matches one already answered is a
// retransmission (UDP resends until it hears a final answer, 17.1.2.2), answered again with the same
// response (17.2.2: "the last response ... is passed to the transport layer") and not handled anew.
import { callIdOf, cseqOf, fromOf, toOf, viasOf } from './headers.ts';
import type { SipRequest } from './message.ts';

/** Timer J: how long a non-INVITE server transaction absorbs retransmissions over UDP (64*T1, RFC 3261 17.2.2). */
export const TIMER_J_MS = 64 * 500;
const MAX_KEPT = 2000;

/**
 * What identifies a request's transaction (RFC 3261 17.2.3): the top Via's branch (with the magic
 * cookie) and sent-by with the CSeq method; RFC 2543 requests (no cookie) by Request-URI, From and To
 * tags, Call-ID, CSeq and the whole top Via. Call-ID and CSeq number are part of the key either way:
 * a retransmission repeats them byte for byte. Undefined when the request lacks what it takes.
 */
export function transactionKey(m: SipRequest): string | undefined {
  try {
    const via = viasOf(m)[0];
    if (!via) return undefined;
    const cseq = cseqOf(m);
    const branch = via.params.get('branch');
    const common = [callIdOf(m), cseq.seq, cseq.method, `${via.host}:${via.port ?? ''}`];
    if (branch?.startsWith('z9hG4bK')) return JSON.stringify([branch, ...common]);
    return JSON.stringify([m.uri, fromOf(m).params.get('tag') ?? '', toOf(m).params.get('tag') ?? '', [...via.params].join(';'), ...common]);
  } catch {
    return undefined;
  }
}

/** The answered transactions of the last Timer J, each with what it answered and what the caller attached. */
export class ServerTransactions<T> {
  readonly #answered = new Map<string, { at: number; response: string; value: T }>();

  /** The answer and value of the transaction `key` belongs to, if it is still alive. */
  find(key: string | undefined, now = Date.now()): { response: string; value: T } | undefined {
    this.#expire(now);
    return key === undefined ? undefined : this.#answered.get(key);
  }

  answered(key: string | undefined, response: string, value: T, now = Date.now()): void {
    if (key === undefined) return;
    this.#answered.set(key, { at: now, response, value });
    this.#expire(now);
  }

  #expire(now: number): void {
    for (const [key, t] of this.#answered) {
      if (now - t.at <= TIMER_J_MS && this.#answered.size <= MAX_KEPT) break;
      this.#answered.delete(key);
    }
  }
}
