// The BAS-IP mocks' device: a SIP user agent that registers as the stored settings say (proxy,
// realm, user, password, transport, registration_interval) and re-registers 6 s before the
// registration lapses (seed 003 line 10), with the faults of the wire requirements.
import { register, SIP_DEFAULT_PORT, SIP_DEFAULT_TLS_PORT, type SipTransportName } from '../../../src/index.ts';
import type { FaultInfo, MockOptions } from '../../../mocks/kit.ts';

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

const isLoopback = (host: string) => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** Host and port of a proxy value, read as the lenient reading does (`sip:` prefix, `:port`). */
function proxyOf(value: string): { host: string; port?: number } {
  const m = /^(?:sips?:)?([^:]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return m ? { host: m[1]!.toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) } : { host: '' };
}

export class Device {
  #generation = 0;
  #timer?: NodeJS.Timeout;
  /** With `sip-old-password-after-change`: the first password the device took for each user. */
  readonly #bootPasswords = new Map<string, string>();
  readonly #faults: Set<string>;
  readonly #scale: number;

  constructor(private readonly options: MockOptions) {
    this.#faults = new Set(options.faults);
    this.#scale = options.sip?.timeScale ?? 1;
    options.signal?.addEventListener('abort', () => this.#stop());
  }

  /** New settings: the current registration loop stops, a new one starts when they name a reachable registrar. */
  apply(settings: Record<string, unknown>): void {
    this.#stop();
    if (this.#faults.has('sip-never-registers') || settings.enable === false || this.options.signal?.aborted) return;
    const { host, port } = proxyOf(text(settings.proxy) ?? '');
    const transport: SipTransportName = this.#faults.has('sip-transport-ignored') ? 'udp' : ((text(settings.transport) ?? 'udp').trim().toLowerCase() as SipTransportName);
    if (!['udp', 'tcp', 'tls'].includes(transport)) return;
    const wanted = port ?? (transport === 'tls' ? SIP_DEFAULT_TLS_PORT : SIP_DEFAULT_PORT);
    // Only to a registrar the run routes to, or one on this machine: never anywhere else.
    const server = this.options.sip?.route(transport, host, wanted) ?? (isLoopback(host) ? { host, port: wanted } : undefined);
    const user = text(settings.user);
    const password = text(settings.password);
    if (!server || !user || !password) return;
    if (!this.#bootPasswords.has(user)) this.#bootPasswords.set(user, password);
    const interval = typeof settings.registration_interval === 'number' ? settings.registration_interval : 300;
    const domain = proxyOf(text(settings.realm) ?? host).host || host;
    const generation = ++this.#generation;
    const o = {
      server: { ...server, transport },
      user,
      domain,
      authUser: text(settings.user_id) || user,
      password: this.#faults.has('sip-old-password-after-change') ? this.#bootPasswords.get(user)! : password,
      expires: this.#faults.has('sip-interval-ignored') ? 3600 : interval,
      timeoutMs: 32_000 * this.#scale,
      insecureTls: true,
      userAgent: 'BAS-IP mock device',
    };
    let callId: string | undefined;
    let cseq: number | undefined;
    const attempt = async () => {
      const r = await register({ ...o, callId, cseq });
      if (generation !== this.#generation) return;
      ({ callId, cseq } = r);
      const ok = r.final?.status === 200;
      if (ok && this.#faults.has('sip-no-refresh')) return;
      const seconds = ok ? Math.max(1, o.expires - REFRESH_BEFORE_S) : RETRY_S;
      this.#timer = setTimeout(() => void attempt(), seconds * 1000 * this.#scale);
      this.#timer.unref();
    };
    void attempt();
  }

  #stop(): void {
    this.#generation++;
    clearTimeout(this.#timer);
  }
}
