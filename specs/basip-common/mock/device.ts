// The BAS-IP mocks' device: a SIP user agent that registers as the stored settings say (proxy,
// realm, user, password, transport, registration_interval) and re-registers 6 s before the
// registration lapses (seed 003 line 10), with the faults of the wire requirements.
import { defaultSipPort, proxyHostPort, RegistrationKeeper, type SipTransportName } from '../../../src/index.ts';
import { type FaultInfo, type MockOptions, sipServerFor } from '../../../mocks/kit.ts';

export function deviceFaults(prefix: string): FaultInfo[] {
  return [
    { name: 'sip-never-registers', description: 'settings are stored but the device never sends a REGISTER', breaks: [`${prefix}-WIRE-REGISTER`] },
    { name: 'sip-old-password-after-change', description: 'a changed SIP password takes effect only after a reboot: the device keeps registering with the old one', breaks: [`${prefix}-WIRE-NEW-SETTINGS`] },
    { name: 'sip-transport-ignored', description: 'the device registers over UDP whatever transport is set', breaks: [`${prefix}-WIRE-TRANSPORT`] },
    { name: 'sip-interval-ignored', description: 'the device asks for Expires: 3600 whatever registration_interval is set', breaks: [`${prefix}-WIRE-INTERVAL`] },
    { name: 'sip-no-refresh', description: 'the device registers once and never refreshes', breaks: [`${prefix}-WIRE-INTERVAL`] },
  ];
}

/** Seconds before expiry at which the device registers again (seed 003 line 10). */
const REFRESH_BEFORE_S = 6;
/** After a failed attempt the device tries again this much later (scaled). */
const RETRY_S = 20;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export class Device {
  #keeper?: RegistrationKeeper;
  /** With `sip-old-password-after-change`: the first password the device took for each user. */
  readonly #bootPasswords = new Map<string, string>();
  readonly #faults: Set<string>;
  readonly #scale: number;

  constructor(private readonly options: MockOptions) {
    this.#faults = new Set(options.faults);
    this.#scale = options.sip?.timeScale ?? 1;
    options.signal?.addEventListener('abort', () => void this.#keeper?.stop());
  }

  /** New settings: the current registration stops, a new one starts when they name a reachable registrar. */
  apply(settings: Record<string, unknown>): void {
    void this.#keeper?.stop();
    this.#keeper = undefined;
    if (this.#faults.has('sip-never-registers') || settings.enable === false || this.options.signal?.aborted) return;
    const { host, port } = proxyHostPort(text(settings.proxy) ?? '');
    const transport: SipTransportName = this.#faults.has('sip-transport-ignored') ? 'udp' : ((text(settings.transport) ?? 'udp').trim().toLowerCase() as SipTransportName);
    if (!['udp', 'tcp', 'tls'].includes(transport)) return;
    const server = sipServerFor(this.options.sip, transport, host, port ?? defaultSipPort(transport));
    const user = text(settings.user);
    const password = text(settings.password);
    if (!server || !user || !password) return;
    if (!this.#bootPasswords.has(user)) this.#bootPasswords.set(user, password);
    const interval = typeof settings.registration_interval === 'number' ? settings.registration_interval : 300;
    this.#keeper = new RegistrationKeeper({
      register: {
        server: { ...server, transport },
        user,
        domain: proxyHostPort(text(settings.realm) ?? host).host || host,
        authUser: text(settings.user_id) || user,
        password: this.#faults.has('sip-old-password-after-change') ? this.#bootPasswords.get(user)! : password,
        expires: this.#faults.has('sip-interval-ignored') ? 3600 : interval,
        insecureTls: true,
        userAgent: 'BAS-IP mock device',
      },
      refreshAfter: (granted) => (this.#faults.has('sip-no-refresh') ? undefined : Math.max(1, granted - REFRESH_BEFORE_S)),
      retryAfter: RETRY_S,
      timeScale: this.#scale,
    }).start();
  }
}
