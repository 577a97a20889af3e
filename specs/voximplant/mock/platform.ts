// The Voximplant mock's platform: for each persistent registration whose proxy it may reach (the run's
// registrar, or an IPv4 loopback address) a SIP user agent registers with sip_username, auth_user and
// password, refreshes at half the expiry granted, and unregisters when the registration is deleted;
// GetSipRegistrations then reports the answer. Other proxies keep the name-based outcome (state.ts).
import { proxyHostPort, type RegisterResult, RegistrationKeeper, SIP_DEFAULT_PORT } from '../../../src/index.ts';
import { type FaultInfo, type MockOptions, sipServerFor } from '../../../mocks/kit.ts';
import type { Registration } from './state.ts';

const fault = (name: string, description: string, breaks: string[]): FaultInfo => ({ name, description, breaks });

export const PLATFORM_FAULTS: FaultInfo[] = [
  fault('sip-auth-user-ignored', 'the platform uses sip_username as the digest username even when auth_user is given', ['VOX-WIRE-REGISTER']),
  fault('sip-never-registers', 'persistent registrations are reported successful, but the platform never sends a REGISTER', ['VOX-WIRE-REGISTER']),
  fault('sip-status-from-challenge', 'successful and status_code come from the first answer (the 401 challenge), not the final one', ['VOX-WIRE-STATUS']),
  fault('sip-refusal-reported-successful', 'GetSipRegistrations reports successful true and status_code 200 whatever the proxy answered (a 403 too)', ['VOX-WIRE-REFUSED']),
  fault('sip-stale-password-after-update', 'after UpdateSipRegistration with a new password the platform keeps registering with the old one', ['VOX-WIRE-UPDATE']),
  fault('sip-delete-keeps-registering', 'after DeleteSipRegistration the platform neither unregisters nor stops refreshing', ['VOX-WIRE-DELETE']),
];

/** The expiry the platform asks for (undocumented; a registrar may grant less, and the platform follows the grant). */
const EXPIRES_S = 300;
/** After an attempt without a 200 the platform tries again this much later (scaled). */
const RETRY_S = 20;

const FIRST_ANSWER = /^SIP\/2\.0 (\d{3}) ([^\r\n]*)/;

export class Platform {
  readonly #running = new Map<number, { keeper: RegistrationKeeper; password: string }>();
  /** Keepers of deleted registrations, until their unregister ends: the mock's stop ends it at once. */
  readonly #leaving = new Set<RegistrationKeeper>();
  readonly #faults: Set<string>;

  constructor(private readonly options: MockOptions) {
    this.#faults = new Set(options.faults);
    options.signal?.addEventListener('abort', () => {
      for (const { keeper } of this.#running.values()) void keeper.stop();
      for (const keeper of this.#leaving) void keeper.stop();
      this.#running.clear();
      this.#leaving.clear();
    });
  }

  /** A registration created or its SIP fields updated: registers anew when its proxy is one the mock may reach. */
  apply(reg: Registration): void {
    const previous = this.#running.get(reg.id);
    void previous?.keeper.stop();
    this.#running.delete(reg.id);
    if (this.#faults.has('sip-never-registers') || !reg.is_persistent || reg.deactivated || this.options.signal?.aborted) return;
    const { host, port } = proxyHostPort(reg.proxy);
    const server = sipServerFor(this.options.sip, 'udp', host, port ?? SIP_DEFAULT_PORT);
    if (!server) return;
    const password = previous && this.#faults.has('sip-stale-password-after-update') ? previous.password : (reg.password ?? '');
    Object.assign(reg, { successful: false, in_progress: true });
    delete reg.status_code;
    delete reg.error_message;
    const keeper = new RegistrationKeeper({
      register: {
        server: { ...server, transport: 'udp' },
        user: reg.sip_username,
        domain: host,
        authUser: this.#faults.has('sip-auth-user-ignored') ? undefined : reg.auth_user,
        password,
        expires: EXPIRES_S,
        userAgent: 'Voximplant mock platform',
      },
      refreshAfter: (granted) => Math.max(1, granted / 2),
      retryAfter: RETRY_S,
      timeScale: this.options.sip?.timeScale ?? 1,
      onResult: (r) => this.#report(reg, r),
    }).start();
    this.#running.set(reg.id, { keeper, password });
  }

  /**
   * A registration deleted: the platform removes its binding (Expires: 0) and stops; `lenient` takes the
   * other reading the documents allow, and only stops (the binding lapses).
   */
  remove(reg: Registration): void {
    if (this.#faults.has('sip-delete-keeps-registering')) return;
    const keeper = this.#running.get(reg.id)?.keeper;
    this.#running.delete(reg.id);
    if (!keeper) return;
    this.#leaving.add(keeper);
    void keeper.stop(this.options.variant !== 'lenient').finally(() => this.#leaving.delete(keeper));
  }

  /** The answer as GetSipRegistrations reports it; no answer at all reads as 408 (RFC 3261 8.1.3.1: a transaction timeout). */
  #report(reg: Registration, r: RegisterResult): void {
    let answer = r.final && { status: r.final.status, reason: r.final.reason };
    const first = FIRST_ANSWER.exec(r.exchange.messages.find((m) => m.startsWith('SIP/2.0')) ?? '');
    if (first && this.#faults.has('sip-status-from-challenge')) answer = { status: Number(first[1]), reason: first[2]! };
    if (this.#faults.has('sip-refusal-reported-successful')) answer = { status: 200, reason: 'OK' };
    answer ??= { status: 408, reason: 'Request Timeout' };
    const ok = answer.status === 200;
    Object.assign(reg, { successful: ok, in_progress: false, status_code: answer.status, last_updated: Math.floor(Date.now() / 1000) });
    if (ok) delete reg.error_message;
    else reg.error_message = answer.reason;
  }
}
