// Keeps one registration alive as a device or a platform does (RFC 3261 10.2.4): REGISTER, refresh
// before the expiry the registrar granted lapses (same Call-ID, rising CSeq), try again after a failure,
// and on stop remove the binding (Expires: 0, RFC 3261 10.2.2) whenever one may exist: after a 200, and
// after a REGISTER that got no final answer (the registrar may have bound it and its 200 been lost). A
// plain stop ends any transaction at once: a REGISTER to a proxy that never answers held a stopped
// mock's process for Timer F (32 s). The reference mocks' user agents use it.
import { expiresOf } from './headers.ts';
import { register, type RegisterOptions, type RegisterResult } from './user-agent.ts';

export interface KeeperOptions {
  register: Omit<RegisterOptions, 'callId' | 'cseq' | 'timeoutMs'>;
  /** Seconds after a 200 at which to register again, given the expiry granted; undefined: never again. */
  refreshAfter(granted: number): number | undefined;
  /** Seconds after an attempt without a 200 before the next. */
  retryAfter: number;
  /** The clocks run this much faster (intervals and retries are scaled; the transaction limit down to MIN_TRANSACTION_MS). */
  timeScale: number;
  /** Each attempt's outcome, while the keeper runs. */
  onResult?(r: RegisterResult): void;
}

/** RFC 3261 Timer F (64 x T1): how long a REGISTER transaction may go unanswered. */
const TIMER_F_MS = 32_000;

/**
 * The least a transaction waits for its answer, whatever the time scale. The embedded mocks' clocks run
 * 50 times faster, but the event loop they share with the suite's registrar does not: a scaled Timer F
 * (0.64 s) read an answer slowed by a loaded machine as none, and the mock's platform reported 408 where
 * the registrar had answered 403 (a false VOX-WIRE-REFUSED failure at a load of 30).
 */
const MIN_TRANSACTION_MS = 10_000;

/** The expiry a 200 granted: its Expires header (the suite's registrar sends one), else what was asked. */
function granted(r: RegisterResult, asked: number): number {
  try {
    return (r.final && expiresOf(r.final)) ?? asked;
  } catch {
    return asked;
  }
}

export class RegistrationKeeper {
  #stopped = false;
  #timer?: NodeJS.Timeout;
  #callId?: string;
  #cseq?: number;
  #mayBeBound = false;
  #inFlight?: Promise<RegisterResult>;
  readonly #abort = new AbortController();

  constructor(private readonly o: KeeperOptions) {}

  #transactionMs(): number {
    return Math.max(TIMER_F_MS * this.o.timeScale, MIN_TRANSACTION_MS);
  }

  start(): this {
    void this.#attempt();
    return this;
  }

  async #attempt(): Promise<void> {
    if (this.#stopped) return;
    this.#inFlight = register({ ...this.o.register, callId: this.#callId, cseq: this.#cseq, timeoutMs: this.#transactionMs(), signal: this.#abort.signal });
    const r = await this.#inFlight;
    ({ callId: this.#callId, cseq: this.#cseq } = r);
    const ok = r.final?.status === 200;
    this.#mayBeBound ||= ok || (r.final === undefined && r.exchange.messages.length > 0);
    if (this.#stopped) return;
    this.o.onResult?.(r);
    const seconds = ok ? this.o.refreshAfter(granted(r, this.o.register.expires)) : this.o.retryAfter;
    if (seconds === undefined) return;
    this.#timer = setTimeout(() => void this.#attempt(), seconds * 1000 * this.o.timeScale);
    this.#timer.unref();
  }

  /**
   * Stops registering. With `unregister`, first removes a binding it may have made (after an attempt in
   * flight); without, ends at once whatever is in flight (an unregister an earlier stop began too).
   */
  async stop(unregister = false): Promise<RegisterResult | undefined> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    if (!unregister) {
      this.#abort.abort();
      return undefined;
    }
    await this.#inFlight;
    if (!this.#mayBeBound) return undefined;
    return register({ ...this.o.register, expires: 0, callId: this.#callId, cseq: this.#cseq, timeoutMs: this.#transactionMs(), signal: this.#abort.signal });
  }
}
