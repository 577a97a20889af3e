// Wire requirements: after settings that point at the suite's registrar, the device registers
// there as they say (user, password and realm in the digest, transport, interval), and follows new
// settings. Each posts settings through the API and judges the REGISTERs the registrar records.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  type CatalogueEntry, type JsonObject, outcome, type Registration, type Requirement, type ScenarioResult, proxySetting, sendCase, SIP_DEFAULT_PORT,
  type SipAccess, type SipTransportName, statusOutcome, type Step, Tally, usesPassword, wireOf,
} from '../../src/index.ts';
import { entry } from './catalogue.ts';
import { type BasipContext, type BasipScenario, caseFor } from './scenarios.ts';
import { OPS } from './openapi.ts';

export interface WireOptions {
  prefix: string;
  /** Fields the model requires besides proxy, realm, user, password, stun, transport and interval. */
  extra: (user: string) => JsonObject;
  /** Seed lines: proxy/realm, user, password, transport, interval (its meaning). */
  sources: { proxy: string; user: string; password: string; transport: string; interval: string };
}

const RFC3261 = 'RFC 3261';
/** How long a device may take to register after new settings (inferred: no document gives a bound). */
const REGISTER_WITHIN_S = 30;
/** The documented minimum interval (seed 003 line 10, seed 004 lines 45-49), so refreshes come soonest. */
const MIN_INTERVAL = 30;
/** Scheduling slack past a lapse before a missing refresh is a failure (never a verdict on pacing). */
const SLACK_MS = 1000;
/**
 * The least real time the suite waits for a REGISTER after settings, however fast the device's clock
 * runs (the embedded mock's): a loaded machine's scheduling delays are real seconds, never a verdict.
 */
const REGISTER_FLOOR_MS = 3000;

const scenario = (name: string) => ({ kind: 'scenario' as const, scenario: name });

export function wireRequirements(o: WireOptions): CatalogueEntry[] {
  const P = o.prefix;
  const base = { level: 'MUST' as const, expect: { status: [200], statusLevel: 'MUST' as const }, exclusive: true };
  return [
    entry({
      ...base,
      id: `${P}-WIRE-REGISTER`,
      title: `after settings that point at the suite's registrar the device REGISTERs within ${REGISTER_WITHIN_S} s: the To user and the digest username are the configured user (a From other than To, a third-party registration RFC 3261 10.2 allows, is shown, not judged), and the digest response verifies with the configured password and realm`,
      source: `${o.sources.proxy}; ${o.sources.user}; ${o.sources.password}; ${RFC3261} 10.2 (To carries the address of record; From is the same unless the registration is third-party), 22.2 and 22.4 (digest with username, realm and password); the ${REGISTER_WITHIN_S} s bound is inferred`,
      trigger: scenario('wireRegister'),
    }),
    entry({
      ...base,
      id: `${P}-WIRE-TRANSPORT`,
      title: 'the device registers over the configured transport (udp, tcp; tls when the suite\'s registrar has a certificate)',
      source: `${o.sources.transport}; ${RFC3261} 18.1 and 19.1.2`,
      trigger: scenario('wireTransport'),
    }),
    entry({
      ...base,
      id: `${P}-WIRE-INTERVAL`,
      title: `with registration_interval ${MIN_INTERVAL} the device asks for Expires ${MIN_INTERVAL} and registers again before the registration lapses`,
      source: `${o.sources.interval}; ${RFC3261} 10.2.1.1 (Expires header or Contact expires parameter) and 10.2.4 (refreshing bindings)`,
      trigger: scenario('wireInterval'),
    }),
    entry({
      ...base,
      id: `${P}-WIRE-NEW-SETTINGS`,
      title: 'after new settings (a new password) the device registers with the new password, not the old one',
      source: `${o.sources.password}; ${RFC3261} 22.4; inferred: settings that are accepted take effect`,
      trigger: scenario('wireNewSettings'),
    }),
  ];
}

const token = (n: number) => randomBytes(n).toString('hex');

/** What a wire scenario sets up: a fresh account at the registrar, and a settings POST for it. */
const newUser = () => `7${parseInt(token(4), 16).toString().padStart(8, '0').slice(0, 8)}`;

class WireRun {
  /** The account the settings name; a step that must not see an earlier one's REGISTERs takes a new one. */
  user = newUser();
  readonly #users = new Set([this.user]);
  readonly tally: Tally;
  constructor(
    readonly req: Requirement,
    readonly ctx: BasipContext,
    readonly sip: SipAccess,
    readonly o: WireOptions,
  ) {
    this.tally = new Tally(req, ctx, { cap: 3, counterexamples: false });
  }

  renew(): void {
    this.user = newUser();
    this.#users.add(this.user);
  }

  ms = (seconds: number) => seconds * 1000 * this.sip.timeScale;

  /** How long a REGISTER after new settings may take: REGISTER_WITHIN_S on the device's clock, at least REGISTER_FLOOR_MS. */
  registerBound = () => Math.max(this.ms(REGISTER_WITHIN_S), REGISTER_FLOOR_MS);

  /** Sets the device's settings; `since` is when they were sent. */
  async post(password: string, transport: SipTransportName, interval: number): Promise<{ step: Step; since: number }> {
    const { host, ports } = this.sip.advertise;
    const proxy = proxySetting(host, ports[transport]!, transport);
    this.sip.registrar.accounts.set(this.user, { password });
    const body: JsonObject = { ...this.o.extra(this.user), proxy, realm: this.sip.registrar.realm, user: this.user, password, transport, registration_interval: interval, stun: { ip: 'stun.sipc.test', port: 3478 } };
    const since = Date.now();
    const x = await sendCase(this.ctx, caseFor(this.req, OPS.set, `settings for the suite's registrar (user ${this.user}, ${transport}, interval ${interval})`, body));
    const step: Step = { ...x, outcomes: [statusOutcome(x.response, '2xx', 'MUST', 'POST of settings pointing at the registrar')], expected: '2xx' };
    return { step, since };
  }

  /**
   * The next REGISTER of this user after `since`, if it came by `due` (epoch ms). This process's own
   * stalls (a loaded machine delays its timers and its socket reads alike; the embedded mock's device
   * shares its event loop) are no verdict on the device: when none came by then, the longest stall seen
   * is waited for once more. `stalledMs` says how long that was.
   */
  async nextBy(since: number, due: number): Promise<{ r?: Registration; stalledMs: number }> {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    try {
      const stalled = () => Math.round(lag.max / 1e6);
      const r = (await this.next(since, Math.max(0, due - Date.now()))) ?? (await this.next(since, stalled()));
      return { r, stalledMs: stalled() };
    } finally {
      lag.disable();
    }
  }

  /** The next REGISTER of this user after `since` that `test` accepts. */
  next(since: number, waitMs: number, test: (r: Registration) => boolean = () => true) {
    return this.sip.registrar.waitFor((r) => r.user === this.user && test(r), waitMs, since);
  }

  mine = () => this.sip.registrar.registrations.filter((r) => r.user !== undefined && this.#users.has(r.user));

  /**
   * Whether the device's SIP is known to reach the registrar over `transport`: always for the embedded
   * mock's devices; for a real device, once a request naming a user the run gave it (they are the
   * registrar's accounts) arrived that way. The self-check proves only this machine's path.
   */
  reaches = (transport: SipTransportName) => this.sip.pathKnown || this.sip.registrar.heardFromAccounts(transport);

  /** Why a requirement whose device sent nothing is not judged: nothing shows that its SIP can reach the registrar. */
  unreached(transport: SipTransportName): string {
    const T = transport.toUpperCase();
    return `no SIP request from the device reached the registrar over ${T} during the run, and nothing else shows that the device can reach ${this.sip.advertise.host}:${this.sip.advertise.ports[transport]} over ${T} (the suite's own REGISTER from this machine got through): the device may send none, or a firewall or NAT between it and this machine drops it; check sip.listen, sip.advertise and the firewall (README "Wire requirements")`;
  }

  /** The result: the failing step (if any) first, this user's REGISTERs as the wire exchanges; `unreached` skips it when nothing failed. */
  result(steps: Step[], skip?: string, unreached?: string): ScenarioResult {
    const skipped = (reason: string): ScenarioResult => ({ operation: this.req.operation, verdict: 'skip', cases: 0, reason, failures: [], wire: wireOf(this.mine().slice(-8)) });
    if (skip) return skipped(skip);
    let failing: Step | undefined;
    for (const s of steps) if (this.tally.judge(s) && !failing) failing = s;
    if (!failing && unreached) return skipped(unreached);
    return { ...this.tally.result(undefined, failing), wire: wireOf(this.mine().slice(-8)) };
  }

  /** Whether the current user has no REGISTER since `since`, and nothing proves the device could have sent one over `transport`. */
  unheard = (since: number, transport: SipTransportName) => !this.sip.registrar.registrations.some((x) => x.user === this.user && x.at >= since) && !this.reaches(transport);
}

/** A step judged by the SIP it led to. */
const wireStep = (posted: Step, outcomes: Step['outcomes'], expected: string): Step => ({ ...posted, outcomes, expected });

/** Wire scenarios skip, with the reason, when the registrar cannot be had; a refused POST of a `host:port` proxy skips too. */
function wireScenario(o: WireOptions, body: (w: WireRun) => Promise<ScenarioResult>): BasipScenario {
  return async (req, ctx) => {
    const sip = await ctx.sip();
    if ('skip' in sip) return { operation: req.operation, verdict: 'skip', cases: 0, reason: `SIP registrar: ${sip.skip}`, failures: [] };
    return body(new WireRun(req, ctx, sip, o));
  };
}

const refusedPortSkip = (w: WireRun, s: Step) =>
  !s.outcomes[0]!.ok && /:\d+$/.test(String((s.case.input as JsonObject).proxy))
    ? `the device refused proxy "${(s.case.input as JsonObject).proxy}" (a :port after the host is undecided, docs/undecided host-port): advertise the registrar on port ${SIP_DEFAULT_PORT}`
    : undefined;

const describe = (r: Registration | undefined) => (r ? r.summary : 'no REGISTER');

export function wireScenarios(o: WireOptions): Record<string, BasipScenario> {
  return {
    wireRegister: wireScenario(o, async (w) => {
      const password = `Pw${token(5)}`;
      const { step, since } = await w.post(password, 'udp', 300);
      if (!step.outcomes[0]!.ok) return w.result([step], refusedPortSkip(w, step));
      const r = await w.next(since, w.registerBound(), (x) => x.auth !== undefined);
      const first = w.mine().find((x) => x.at >= since);
      if (w.unheard(since, 'udp')) return w.result([step], undefined, w.unreached('udp'));
      const outcomes = [
        outcome('sip_register_sent', first !== undefined, 'MUST', first ? `REGISTER arrived: ${first.summary}` : `no REGISTER for user ${w.user} reached the registrar within ${REGISTER_WITHIN_S} s, though the device's path to it is proven (${w.sip.pathKnown ? "the embedded mock's devices are routed to it in-process" : 'REGISTERs of other settings arrived from the device'})`),
        ...(first ? [outcome('sip_digest_sent', r !== undefined, 'MUST', r ? 'credentials answered the challenge' : 'the challenge was never answered with credentials')] : []),
        ...(r ? [outcome('sip_digest_username', r.auth!.username === w.user, 'MUST', `digest username ${JSON.stringify(r.auth!.username)}, expected ${JSON.stringify(w.user)}`)] : []),
        ...(r ? [outcome('sip_digest_verifies', r.auth!.verified, 'MUST', r.auth!.verified ? 'digest verified' : `digest (${r.auth!.algorithm}, realm ${JSON.stringify(r.auth!.realm)}) does not verify with the configured password and realm ${JSON.stringify(w.sip.registrar.realm)}`)] : []),
      ];
      return w.result([step, wireStep(step, outcomes, `a REGISTER of ${w.user} whose digest verifies with the configured password`)]);
    }),

    wireTransport: wireScenario(o, async (w) => {
      const steps: Step[] = [];
      let unreached: string | undefined;
      for (const transport of w.sip.transports) {
        w.renew();
        const { step, since } = await w.post(`Pw${token(5)}`, transport, 300);
        steps.push(step);
        if (!step.outcomes[0]!.ok) return w.result(steps, refusedPortSkip(w, step));
        const r = await w.next(since, w.registerBound());
        if (w.unheard(since, transport)) {
          unreached ??= w.unreached(transport);
          continue;
        }
        steps.push(wireStep(step, [outcome('sip_transport', r?.transport === transport, 'MUST', r ? `transport ${transport} set, REGISTER came over ${r.transport.toUpperCase()}` : `transport ${transport} set, ${describe(r)} within ${REGISTER_WITHIN_S} s`)], `a REGISTER over ${transport.toUpperCase()}`));
      }
      return w.result(steps, undefined, unreached);
    }),

    wireInterval: wireScenario(o, async (w) => {
      const { step, since } = await w.post(`Pw${token(5)}`, 'udp', MIN_INTERVAL);
      if (!step.outcomes[0]!.ok) return w.result([step], refusedPortSkip(w, step));
      const ok = await w.next(since, w.registerBound(), (x) => x.status === 200);
      if (w.unheard(since, 'udp')) return w.result([step], undefined, w.unreached('udp'));
      const outcomes = [outcome('sip_registered', ok !== undefined, 'MUST', ok ? ok.summary : `no successful REGISTER within ${REGISTER_WITHIN_S} s (${describe(w.mine().at(-1))})`)];
      if (ok) {
        outcomes.push(outcome('sip_expires', ok.expires === MIN_INTERVAL, 'MUST', `registration_interval ${MIN_INTERVAL}, REGISTER asked for Expires ${ok.expires ?? '(none)'}`));
        // A device that asked for longer is already wrong; the configured interval bounds the wait.
        const lapse = ok.answeredAt + w.ms(Math.min(ok.expires ?? MIN_INTERVAL, MIN_INTERVAL));
        const { r: refresh, stalledMs } = await w.nextBy(ok.answeredAt + 1, lapse + SLACK_MS);
        const allowed = stalledMs > SLACK_MS ? ` (this machine stalled up to ${stalledMs} ms meanwhile, allowed on top)` : '';
        const late = w.mine().find((x) => x.at > ok.answeredAt);
        outcomes.push(outcome('sip_refresh', refresh !== undefined, 'MUST', refresh ? `refreshed ${((refresh.at - ok.answeredAt) / 1000 / w.sip.timeScale).toFixed(1)} s after the 200${allowed}` : `no REGISTER again before the registration lapsed (${Math.min(ok.expires ?? MIN_INTERVAL, MIN_INTERVAL)} s after the 200)${late ? `: refreshed ${((late.at - ok.answeredAt) / 1000 / w.sip.timeScale).toFixed(1)} s after it` : ''}${allowed}`));
      }
      return w.result([step, wireStep(step, outcomes, `Expires ${MIN_INTERVAL}, and a refresh before it lapses`)]);
    }),

    wireNewSettings: wireScenario(o, async (w) => {
      const old = `Pw${token(5)}`;
      const first = await w.post(old, 'udp', 300);
      if (!first.step.outcomes[0]!.ok) return w.result([first.step], refusedPortSkip(w, first.step));
      const before = await w.next(first.since, w.registerBound(), (x) => x.status === 200);
      if (w.unheard(first.since, 'udp')) return w.result([first.step], undefined, w.unreached('udp'));
      const fresh = `Pw${token(5)}`;
      const second = await w.post(fresh, 'udp', 300);
      if (!second.step.outcomes[0]!.ok) return w.result([first.step, second.step]);
      const after = await w.next(second.since, w.registerBound(), (x) => x.status === 200 && usesPassword(x, fresh));
      const stale = w.mine().filter((x) => x.at >= second.since && usesPassword(x, old));
      const outcomes = [
        outcome('sip_registered_before', before !== undefined, 'MUST', before ? `with the first settings: ${before.summary}` : 'never registered with the first settings'),
        outcome('sip_new_password', after !== undefined, 'MUST', after ? `with the new password: ${after.summary}` : `no REGISTER with the new password within ${REGISTER_WITHIN_S} s${stale.length ? `; ${stale.length} REGISTER(s) still used the old password` : ''}`),
      ];
      return w.result([first.step, wireStep(second.step, outcomes, 'a REGISTER whose digest uses the new password')]);
    }),
  };
}
