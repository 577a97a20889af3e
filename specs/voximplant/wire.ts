// Voximplant's wire requirements: a SIP registration created with `proxy` at the suite's registrar
// makes the platform REGISTER there with its sip_username, auth_user and password; GetSipRegistrations
// then reports the registrar's answer (its 200, or a 403 it was told to give); an updated password is
// the one used; a delete ends the registration. How fast the platform does each is undocumented: the
// bounds below are inferred, scaled with the embedded mock's clock, and together stay inside the
// default --time-limit (60 s of work, 30 s grace): at most 30 s to register, then 41 s to a lapse.
import { randomBytes } from 'node:crypto';
import { isLoopbackHost, proxySetting, type Registration, type ScenarioResult, SIP_DEFAULT_PORT, type SipAccess, usesPassword, wireOf } from '../../src/index.ts';
import { Api, type Call, CREATE, GET, type VoxContext, type VoxScenario } from './api.ts';

/** How long the platform may take to REGISTER after a create or an update (inferred). */
export const REGISTER_WITHIN_S = 30;
/** How long GetSipRegistrations may lag behind the registrar's answer (inferred). */
const STATUS_WITHIN_S = 30;
/** The registrar grants at most this expiry (RFC 3261 10.3 step 7), so a refresh or a lapse comes within it. */
const GRANT_S = 40;
/** A REGISTER the platform began before the delete was answered is not a refresh after it. */
const GRACE_S = 2;
const POLL_S = 1;
/** Past a lapse, before silence counts as "stopped refreshing". */
const SLACK_S = 1;

const DELETE = 'DeleteSipRegistration';
const UPDATE = 'UpdateSipRegistration';

type Item = Record<string, unknown>;

const token = () => randomBytes(4).toString('hex');
const wait = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

class WireRun {
  readonly api: Api;
  /** sip_username and auth_user differ, so the digest username shows which one the platform used. */
  readonly user = `sipc-wire-${token()}`;
  readonly authUser = `sipc-auth-${token()}`;
  readonly #own: number[] = [];

  constructor(
    req: Parameters<VoxScenario>[0],
    readonly ctx: VoxContext,
    readonly sip: SipAccess,
  ) {
    this.api = new Api(ctx, req);
  }

  ms = (seconds: number) => seconds * 1000 * this.sip.timeScale;
  /** Seconds from `from` to `to` on the platform's clock (how fast is undocumented: reported, never judged). */
  took = (from: number, to = Date.now()) => `${((to - from) / this.ms(1)).toFixed(1)} s`;

  /**
   * The platform's path to the registrar is proven: the embedded mock's platform is routed to it in-process,
   * or a REGISTER naming one of the run's registrations has arrived. A platform on this machine is no proof
   * (in a container it has a loopback of its own), nor is the suite's self-check (this machine's path only).
   */
  get reaches(): boolean {
    return this.sip.pathKnown || this.sip.registrar.heardFromAccounts('udp');
  }

  /** `proxy`: the advertised host, with `:port` only off the default port (a form the documents leave undecided). */
  get proxy(): string {
    const { host, ports } = this.sip.advertise;
    return proxySetting(host, ports.udp!, 'udp');
  }

  account(password: string, refuse = false): void {
    this.sip.registrar.accounts.set(this.authUser, { password, aor: this.user, maxExpires: GRANT_S, ...(refuse && { refuse: { status: 403, reason: 'Forbidden' } }) });
  }

  /** Creates the registration (persistent, pointing at the registrar); its id, or a skip/failure already recorded. */
  async create(password: string, refuse = false): Promise<{ id?: number; call: Call; skip?: string }> {
    this.account(password, refuse);
    const call = await this.api.call(CREATE, { sip_username: this.user, auth_user: this.authUser, password, proxy: this.proxy, is_persistent: 'true' }, { note: `a registration at the suite's registrar (${this.proxy})` });
    if (call.ok && typeof call.body!.sip_registration_id === 'number') {
      this.#own.push(call.body!.sip_registration_id);
      return { id: call.body!.sip_registration_id, call };
    }
    if (call.error && this.proxy.includes(':')) return { call, skip: `the platform refused proxy "${this.proxy}" (a :port is undecided, docs/undecided/voximplant.md proxy-forms): advertise the registrar on port ${SIP_DEFAULT_PORT}` };
    this.api.expectOk(call, 'CreateSipRegistration');
    return { call };
  }

  mine = (r: Registration) => r.user === this.user || r.fromUser === this.user || r.auth?.username === this.authUser;
  seen = () => this.sip.registrar.registrations.filter(this.mine);

  /** The first REGISTER of this registration from `since` that `test` takes, waiting at most `seconds` (scaled). */
  next(since: number, seconds: number, test: (r: Registration) => boolean = () => true) {
    return this.until(since, Date.now() + this.ms(seconds), test);
  }

  until(since: number, deadline: number, test: (r: Registration) => boolean) {
    return this.sip.registrar.waitFor((r) => this.mine(r) && test(r), deadline - Date.now(), since);
  }

  async item(id: number): Promise<{ call: Call; item?: Item }> {
    const call = await this.api.call(GET, { sip_registration_id: String(id) }, { note: `the status of registration ${id}` });
    const list = call.ok && Array.isArray(call.body!.result) ? (call.body!.result as Item[]) : [];
    return { call, item: list.find((x) => x.sip_registration_id === id) };
  }

  /** Polls the item until `done` holds or the bound passes; the last one read. */
  async poll(id: number, done: (item: Item) => boolean): Promise<{ call: Call; item?: Item }> {
    const end = Date.now() + this.ms(STATUS_WITHIN_S);
    for (;;) {
      const got = await this.item(id);
      if (!got.call.ok || (got.item && done(got.item)) || Date.now() >= end) return got;
      await wait(Math.min(this.ms(POLL_S), end - Date.now()));
    }
  }

  /**
   * No REGISTER arrived: a failure when the platform claims success or its path to the registrar is
   * proven; otherwise a skip, since a firewall or NAT may drop what it sends.
   */
  async nothingArrived(id: number, created: Call): Promise<ScenarioResult> {
    const { call, item } = await this.item(id);
    const status = item ? `successful ${JSON.stringify(item.successful)}, status_code ${JSON.stringify(item.status_code)}` : 'no item';
    const none = `no REGISTER for ${this.user} reached the registrar at ${this.proxy} within ${REGISTER_WITHIN_S} s`;
    if (item?.successful === true) this.api.fail(call, { check: 'sip_register_sent', expected: 'a REGISTER at the registrar behind a successful registration', message: `GetSipRegistrations reports the registration successful, yet ${none}` });
    else if (this.reaches) this.api.fail(created, { check: 'sip_register_sent', expected: `a REGISTER within ${REGISTER_WITHIN_S} s`, message: `${none} (${status}), though the platform's path to it is proven (${this.sip.pathKnown ? "the embedded mock's platform is routed to it in-process" : 'REGISTERs of other registrations of the run arrived'})` });
    else return this.skip(`${none} and the platform does not report success (${status}): nothing proves it can reach this address (firewall, NAT, a container's own loopback: README "Wire requirements")`);
    return this.result();
  }

  skip(reason: string): ScenarioResult {
    return { operation: this.api.req.operation, verdict: 'skip', cases: this.api.tally.cases, reason, failures: [], wire: wireOf(this.seen().slice(-8)) };
  }

  result(reason?: string): ScenarioResult {
    return { ...this.api.result(reason), wire: wireOf(this.seen().slice(-8)) };
  }

  /** Deletes what the scenario created and has not deleted itself. */
  async close(): Promise<void> {
    for (const id of this.#own) await this.api.session.remove(id);
  }

  deleted(id: number): void {
    this.#own.splice(this.#own.indexOf(id), 1);
  }
}

/**
 * Why a platform at `target` cannot reach a registrar advertised at `host`: a loopback address, unless
 * the platform runs on this machine too (the embedded mock, a mock on the loopback); undefined when it may.
 */
export function unreachableAdvertise(target: string | undefined, embedded: boolean, host: string): string | undefined {
  const local = embedded || (target !== undefined && isLoopbackHost(new URL(target).hostname));
  return !local && isLoopbackHost(host) ? `sip.advertise ${host} is this machine's loopback: the platform at ${target ?? 'the target'} cannot reach it; advertise an address it can reach (README "Wire requirements")` : undefined;
}

/** Runs a wire scenario when the registrar can be had and the platform can reach it; skips with the reason otherwise. */
function wireScenario(body: (w: WireRun) => Promise<ScenarioResult>): VoxScenario {
  return async (req, ctx) => {
    const sip = await ctx.sip();
    const skip = (reason: string): ScenarioResult => ({ operation: req.operation, verdict: 'skip', cases: 0, reason, failures: [] });
    if ('skip' in sip) return skip(`SIP registrar: ${sip.skip}`);
    const unreachable = unreachableAdvertise(ctx.target, ctx.session.config.embedded, sip.advertise.host);
    if (unreachable) return skip(unreachable);
    const w = new WireRun(req, ctx, sip);
    try {
      return await body(w);
    } finally {
      await w.close();
    }
  };
}

/** Creates a registration and waits for the registrar's `status` answer to it; what to judge next, or the result already. */
async function registered(w: WireRun, password: string, status: number, refuse = false): Promise<{ id: number; call: Call; answer: Registration } | ScenarioResult> {
  const since = Date.now();
  const { id, call, skip } = await w.create(password, refuse);
  if (skip) return w.skip(skip);
  if (id === undefined) return w.result();
  const answer = await w.next(since, REGISTER_WITHIN_S, (r) => r.status === status);
  if (answer) return { id, call, answer };
  const any = w.seen().find((r) => r.at >= since);
  if (!any) return w.nothingArrived(id, call);
  // REGISTERs came, but their digest never verified: VOX-WIRE-REGISTER judges that.
  return w.skip(`the registrar never answered ${status}: ${w.seen().at(-1)!.summary} (VOX-WIRE-REGISTER judges the credentials)`);
}

const describeItem = (item: Item | undefined) =>
  item ? `successful ${JSON.stringify(item.successful)}, status_code ${JSON.stringify(item.status_code)}, in_progress ${JSON.stringify(item.in_progress)}` : 'no item for the registration';
/** Still at work: in progress, or no outcome reported yet. */
const pending = (item: Item | undefined) => !item || item.in_progress === true || (item.successful !== true && item.status_code === undefined);

const wireRegister = wireScenario(async (w) => {
  const since = Date.now();
  const password = `Pw${token()}`;
  const { id, call, skip } = await w.create(password);
  if (skip) return w.skip(skip);
  if (id === undefined) return w.result();
  const withCredentials = await w.next(since, REGISTER_WITHIN_S, (r) => r.auth !== undefined);
  const first = w.seen().find((r) => r.at >= since);
  if (!first) return w.nothingArrived(id, call);
  const fail = (check: string, expected: string, message: string) => w.api.fail(call, { check, expected, message });
  if (first.user !== w.user) fail('sip_aor_user', `To user ${JSON.stringify(w.user)} (sip_username)`, `To user ${JSON.stringify(first.user)}`);
  if (!withCredentials) fail('sip_digest_sent', 'credentials in answer to the challenge', `the challenge was never answered with credentials: ${first.summary}`);
  else {
    const auth = withCredentials.auth!;
    if (auth.username !== w.authUser) fail('sip_digest_username', `digest username ${JSON.stringify(w.authUser)} (auth_user)`, `digest username ${JSON.stringify(auth.username)}`);
    else if (!auth.verified) fail('sip_digest_verifies', 'a digest response that verifies with password', `digest (${auth.algorithm}, realm ${JSON.stringify(auth.realm)}) does not verify with password and realm ${JSON.stringify(w.sip.registrar.realm)}`);
  }
  return w.result(withCredentials?.auth?.verified ? `first REGISTER ${w.took(since, first.at)} after the create; ${withCredentials.summary}` : undefined);
});

const wireStatus = wireScenario(async (w) => {
  const got = await registered(w, `Pw${token()}`, 200);
  if (!('answer' in got)) return got;
  const { call, item } = await w.poll(got.id, (x) => x.successful === true);
  if (!w.api.expectOk(call, 'GetSipRegistrations')) return w.result();
  if (item?.successful === true) {
    if (item.status_code !== undefined && item.status_code !== 200) w.api.fail(call, { check: 'sip_status_code', expected: 'status_code 200 (the registrar\'s answer)', message: `successful true, status_code ${JSON.stringify(item.status_code)}` });
    return w.result(`reported ${w.took(got.answer.answeredAt)} after the registrar's 200: ${describeItem(item)}`);
  }
  if (pending(item)) return w.skip(`the registrar answered 200, and ${STATUS_WITHIN_S} s later the registration is still reported without an outcome (${describeItem(item)}); how fast the status follows is undocumented`);
  w.api.fail(call, { check: 'sip_status_successful', expected: 'successful true after the registrar\'s 200', message: `the registrar answered 200 (${got.answer.summary}); GetSipRegistrations reports ${describeItem(item)}` });
  return w.result();
});

const wireRefused = wireScenario(async (w) => {
  const got = await registered(w, `Pw${token()}`, 403, true);
  if (!('answer' in got)) return got;
  const { call, item } = await w.poll(got.id, (x) => x.successful === false && x.status_code === 403);
  if (!w.api.expectOk(call, 'GetSipRegistrations')) return w.result();
  const seen = `the registrar answered 403 (${got.answer.summary}); GetSipRegistrations reports ${describeItem(item)}`;
  if (item?.successful === true) w.api.fail(call, { check: 'sip_status_refused', expected: 'successful false after the registrar\'s 403', message: seen });
  else if (item?.status_code !== undefined && item.status_code !== 403) w.api.fail(call, { check: 'sip_status_code', expected: 'status_code 403 (the registrar\'s answer)', message: seen });
  else if (item && item.in_progress === false && item.status_code === undefined) w.api.fail(call, { level: 'SHOULD', check: 'sip_status_code', expected: 'status_code 403 (the registrar\'s answer)', message: `${seen}: no status_code (optional in SIPRegistrationType)` });
  else if (pending(item)) return w.skip(`${seen} ${STATUS_WITHIN_S} s later; how fast the status follows is undocumented`);
  else return w.result(seen);
  return w.result();
});

const wireUpdate = wireScenario(async (w) => {
  const old = `Pw${token()}`;
  const got = await registered(w, old, 200);
  if (!('answer' in got)) return got;
  const fresh = `Pw${token()}`;
  w.account(fresh);
  const since = Date.now();
  const call = await w.api.call(UPDATE, { sip_registration_id: String(got.id), password: fresh }, { note: 'a new password' });
  if (!w.api.expectOk(call, 'UpdateSipRegistration')) return w.result();
  // The new password may wait for the next refresh, which the grant bounds.
  const after = await w.next(since, Math.max(REGISTER_WITHIN_S, GRANT_S) + SLACK_S, (r) => r.status === 200 && usesPassword(r, fresh));
  if (after) return w.result(`with the new password ${w.took(since, after.at)} after the update: ${after.summary}`);
  const stale = w.seen().filter((r) => r.at >= since && usesPassword(r, old)).length;
  w.api.fail(call, { check: 'sip_new_password', expected: 'a REGISTER whose digest uses the new password, answered 200', message: `no REGISTER with the new password within ${Math.max(REGISTER_WITHIN_S, GRANT_S)} s${stale ? `; ${stale} REGISTER(s) still used the old password` : ''}` });
  return w.result();
});

const wireDelete = wireScenario(async (w) => {
  const got = await registered(w, `Pw${token()}`, 200);
  if (!('answer' in got)) return got;
  const sent = Date.now();
  const call = await w.api.call(DELETE, { sip_registration_id: String(got.id) }, { note: 'delete the registration' });
  if (!w.api.expectOk(call, 'DeleteSipRegistration')) return w.result();
  w.deleted(got.id);
  const graceEnd = Date.now() + w.ms(GRACE_S);
  const granted = (r: Registration) => Math.min(r.expires ?? 3600, GRANT_S);
  // Until the binding lapses: the last 200 before the grace ended, plus what it granted (a refresh in the grace extends it).
  const lapse = () => Math.max(...w.seen().filter((r) => r.status === 200 && (r.expires ?? 1) > 0 && r.at <= graceEnd).map((r) => r.answeredAt + w.ms(granted(r))));
  let end = 0;
  let seen: Registration | undefined;
  for (let round = 0; round < 3 && !seen && lapse() > end; round++) {
    end = lapse();
    seen = await w.until(sent, end + w.ms(SLACK_S), (r) => r.expires === 0 || r.at > graceEnd);
  }
  if (seen && seen.expires !== 0) {
    w.api.fail(call, { check: 'sip_stopped', expected: 'an unregister (Expires: 0) or no REGISTER after the delete', message: `${w.took(sent, seen.at)} after the delete the platform registered again: ${seen.summary}` });
    return w.result();
  }
  return w.result(seen ? `unregistered ${w.took(sent, seen.at)} after the delete: ${seen.summary}` : `no REGISTER after the delete until the binding lapsed (${GRANT_S} s at most)`);
});

export const wireScenarios: Record<string, VoxScenario> = { wireRegister, wireStatus, wireRefused, wireUpdate, wireDelete };
