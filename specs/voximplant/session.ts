// A Voximplant session: signs JWTs per role (and the faulty ones the auth requirements send), binds
// generated cases to objects of the account, serialises stateful requirements, and deletes every
// registration the run created.
import {
  blankCase, type Case, ConfigError, type ConformanceSpec, type HttpResponse, isRecord, type JsonObject,
  type Requirement, type RequirementResult, type Session, toHttpRequest, type Transport, unrun,
} from '../../src/index.ts';
import { type CaseTargets, caseTargets, type ScenarioTargets, scenarioTargets } from './account.ts';
import { ROLES, type Role, type VoxConfig, type VoxSettings } from './config.ts';
import { isDigits, isReserved } from './formats.ts';
import { type JwtVariant, loadSigners, type Signer, signToken, signVariants } from './jwt.ts';
import { type Method, ROLES_BY_METHOD } from './openapi.ts';
import { BINDING_PARAMS } from './rules.ts';
import { RegistrationPool } from './stateful-pool.ts';

const REFRESH_MS = 10 * 60_000;
export const LEGACY = 'legacy';

export class VoxSession implements Session {
  readonly defaultHeaders: Record<string, string>;
  readonly fixtures: Record<string, string> = {};
  readonly secrets: string[] = [];
  readonly tokens: Partial<Record<Role, string>> = {};
  readonly variants: Partial<Record<JwtVariant, string>> = {};
  /** Registrations the run created and has not deleted. */
  readonly created = new Set<number>();
  /** Cases sent by scenarios, which delete what they create themselves. */
  readonly managed = new WeakSet<Case>();
  /** Sub-requirements of composite scenarios (already inside their parent's lock). */
  readonly nested = new WeakSet<Requirement>();
  readonly cases?: CaseTargets;
  readonly scenario?: ScenarioTargets;
  /** The registrations the model-based tests share on a real target (created on first use). */
  readonly pool?: RegistrationPool;
  scratchId?: number;
  scratchError?: string;
  private readonly pending = new Set<Promise<unknown>>();
  private signing = { at: Date.now(), done: Promise.resolve() };
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** Registrations this session deleted at its close. */
  private readonly deleted: number[] = [];

  constructor(
    readonly config: VoxConfig,
    readonly target: string,
    readonly client: Transport,
    readonly spec: () => ConformanceSpec,
    private readonly signers: Signer[],
    headers: Record<string, string>,
  ) {
    this.defaultHeaders = { Accept: 'application/json', 'User-Agent': 'sip-conformance/0.1.0', ...headers };
    if (config.accountData) {
      this.cases = caseTargets(config.accountData);
      this.scenario = scenarioTargets(config.accountData);
    }
    if (!config.embedded) this.pool = new RegistrationPool(config.registrationPool);
    if (config.apiKey) this.secrets.push(config.apiKey);
    for (const s of signers) this.secrets.push(s.creds.private_key);
  }

  get canCreate(): boolean {
    return this.config.embedded || this.config.allowBillable;
  }

  hasRole(role: string): boolean {
    return role === LEGACY ? this.config.apiKey !== undefined : this.tokens[role as Role] !== undefined;
  }

  /** The role a valid case of `op` is sent as: Owner first, then the other allowed roles, then the legacy key. */
  roleFor(op: string): string | undefined {
    const allowed = ROLES_BY_METHOD[op as Method] ?? ROLES;
    const role = ROLES.find((r) => allowed.includes(r) && this.tokens[r]);
    if (role) return role;
    if (this.config.apiKey) return LEGACY;
    return ROLES.find((r) => this.tokens[r]);
  }

  as(role: string | undefined): { headers?: Record<string, string>; query?: Record<string, string> } {
    if (role === LEGACY) return { query: { account_id: String(this.config.accountId), api_key: this.config.apiKey! } };
    const token = role ? this.tokens[role as Role] : undefined;
    return token ? { headers: { Authorization: `Bearer ${token}` } } : {};
  }

  authorize(c: Case): { headers?: Record<string, string>; query?: Record<string, string> } {
    switch (c.auth.kind) {
      case 'valid':
        return this.as(c.auth.role ?? this.roleFor(c.operation));
      case 'none':
        return {};
      case 'invalid':
        if (c.auth.variant === 'wrongApiKey') return { query: { account_id: String(this.config.accountId ?? 1), api_key: 'sipc-wrong-api-key-0000' } };
        return { headers: { Authorization: `Bearer ${this.variants[c.auth.variant as JwtVariant] ?? 'sipc.invalid.token'}` } };
      case 'fixture':
        return this.as(this.roleFor(c.operation));
    }
  }

  /**
   * Generated ids and names are placeholders: in Create, Update and Bind they become the case
   * application (and its rule and user), and Update/Bind's sip_registration_id the session's own
   * registration. Empty, malformed and reserved "unknown" values stay as generated. Without
   * `accountData` there is nothing to bind to: the placeholders are dropped, except in cases that
   * test the binding parameters themselves.
   */
  prepare(c: Case): Case {
    // Requirements that create are skipped before this; a probe is not, and must not create unasked.
    if (c.operation === 'CreateSipRegistration' && !this.canCreate) throw new Error('creates a SIP registration (billable): run with --allow-billable to probe it');
    if (!['CreateSipRegistration', 'UpdateSipRegistration', 'BindSipRegistration'].includes(c.operation) || !isRecord(c.input)) return c;
    const input: JsonObject = { ...(c.input as JsonObject) };
    if (!this.cases && !testsBinding(c)) for (const k of BINDING_PARAMS) delete input[k];
    const swap = (k: string, v: string | number | undefined) => {
      const cur = input[k];
      if (v === undefined || typeof cur !== 'string' || cur === '' || isReserved(cur) || (k.endsWith('_id') && !isDigits(cur))) return;
      input[k] = String(v);
    };
    if (c.operation !== 'CreateSipRegistration') {
      const id = input.sip_registration_id;
      // Never a registration the run does not own: without the session's own, a placeholder id is not sent.
      if (this.scratchId === undefined && isDigits(id) && !isReserved(id)) throw new Error("needs the session's own registration (created only with --allow-billable)");
      swap('sip_registration_id', this.scratchId);
    }
    const t = this.cases;
    if (t) {
      swap('application_id', t.app.id);
      swap('application_name', t.app.name);
      swap('rule_id', t.rule.id);
      swap('rule_name', t.rule.name);
      swap('user_id', t.user.id);
      swap('user_name', t.user.name);
    }
    return { ...c, input };
  }

  /** Tracks created registrations; those of generated cases are deleted right away. */
  observe(c: Case, response: HttpResponse): void {
    const body = response.json && 'value' in response.json ? (response.json.value as Record<string, unknown> | null) : undefined;
    if (!isRecord(body) || body.result === undefined || body.error !== undefined) return;
    if (c.operation === 'CreateSipRegistration' && typeof body.sip_registration_id === 'number') {
      this.created.add(body.sip_registration_id);
      if (!this.managed.has(c)) this.track(this.remove(body.sip_registration_id));
    }
    if (c.operation === 'DeleteSipRegistration') {
      const id = (c.input as JsonObject | undefined)?.sip_registration_id;
      if (isDigits(id)) this.created.delete(Number(id));
    }
  }

  private track(p: Promise<unknown>): void {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Deletes one registration as a role that may; true when it is gone. */
  async remove(id: number): Promise<boolean> {
    const c = blankCase('cleanup', 'DeleteSipRegistration', 'cleanup', { sip_registration_id: String(id) });
    const op = this.spec().model.operations.DeleteSipRegistration!;
    const response = await this.client.send(toHttpRequest(c, op, this, this.target), { idempotent: op.idempotent, cleanup: true });
    const body = response.json && 'value' in response.json ? (response.json.value as Record<string, unknown>) : undefined;
    const code = isRecord(body?.error) ? body.error.code : undefined;
    if (isRecord(body) && body.result !== undefined && body.error === undefined) this.created.delete(id);
    else if (code === 275) this.created.delete(id);
    return !this.created.has(id);
  }

  /** Waits for deletions in flight. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  skipReason(needs: readonly string[]): string | undefined {
    for (const need of needs) {
      switch (need) {
        case 'create':
        case 'scratch':
          if (!this.canCreate) return 'creates SIP registrations, which reserves the monthly fee on a real account: run with --allow-billable (config voximplant.allowBillable) to check it';
          if (need === 'scratch' && this.scratchId === undefined) return `needs the session's own registration, which could not be created: ${this.scratchError ?? 'unknown reason'}`;
          break;
        case 'accountData':
          if (!this.cases) return 'needs config voximplant.accountData (applications with rules and test-only users to bind registrations to)';
          break;
        case 'jwt':
          if (this.signers.length === 0) return 'needs a service-account credentials.json (config voximplant.credentials.<role>)';
          break;
        case 'apiKey':
          if (!this.config.apiKey) return 'needs config voximplant.accountId and voximplant.apiKey (legacy authentication)';
          break;
        case 'limit':
          if (this.config.registrationLimit === undefined) return "needs config voximplant.registrationLimit (the account's documented SIP registration limit)";
          break;
      }
    }
    return undefined;
  }

  async around(req: Requirement, run: () => Promise<RequirementResult>): Promise<RequirementResult> {
    if (this.nested.has(req)) return run();
    const reason = this.skipReason(req.needs ?? []);
    if (reason) return unrun(req, 'skip', reason);
    // Alone on the account (the engine's turn): no deletion of another requirement still in flight either.
    if (req.exclusive) await this.settle();
    return run();
  }

  async signAll(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    for (const s of this.signers) this.tokens[s.role] = await signToken(s, now);
    const main = this.signers.find((s) => s.role === this.roleFor('GetSipRegistrations')) ?? this.signers[0];
    if (main) Object.assign(this.variants, await signVariants(main, now));
    for (const t of [...Object.values(this.tokens), ...Object.values(this.variants)]) if (t && !this.secrets.includes(t)) this.secrets.push(t);
  }

  /** Tokens are re-signed every REFRESH_MS, well before they expire; a 401 mid-run re-signs at once (once for all requests signed before). */
  reauthenticate(sentAt: number): Promise<void> {
    if (this.signing.at <= sentAt) this.signing = { at: Date.now(), done: this.signAll() };
    return this.signing.done;
  }

  startRefresh(): void {
    this.timer = setInterval(() => void this.signAll(), REFRESH_MS);
    this.timer.unref();
  }

  /** Creates the registration generated Update/Bind cases work on. */
  async createScratch(): Promise<void> {
    if (!this.canCreate) return;
    const c = blankCase('setup', 'CreateSipRegistration', 'session registration', { sip_username: 'sipc-session', proxy: 'sipc-session.example.net' });
    this.managed.add(c);
    const response = await this.client.send(toHttpRequest(c, this.spec().model.operations.CreateSipRegistration!, this, this.target), { idempotent: false });
    this.observe(c, response);
    const body = response.json && 'value' in response.json ? (response.json.value as Record<string, unknown>) : undefined;
    if (isRecord(body) && typeof body.sip_registration_id === 'number' && body.error === undefined) this.scratchId = body.sip_registration_id;
    else this.scratchError = `CreateSipRegistration answered ${response.status} ${response.error?.message ?? response.text.slice(0, 200)}`;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.settle();
    for (const id of [...this.created]) if (await this.remove(id).catch(() => false)) this.deleted.push(id);
    if (this.config.embedded) return;
    // The worker's console is the test runner's; its stderr reaches the user's terminal.
    if (this.deleted.length > 0) process.stderr.write(`voximplant: deleted the ${this.deleted.length} SIP registration(s) the run still had on ${this.target}: ${this.deleted.join(', ')}\n`);
    if (this.created.size > 0) {
      process.stderr.write(`voximplant: could not delete SIP registration(s) ${[...this.created].join(', ')} on ${this.target}: delete them by hand\n`);
    }
  }
}

const BINDING_RULES = new Set(['pair', 'appRequired', 'unknownTarget', 'bindNeedsId']);
const testsBinding = (c: Case) => c.violations.some((v) => (v.location === 'rule' ? BINDING_RULES.has(v.path) : BINDING_PARAMS.includes(v.path.slice(1))));

export async function openSession(s: VoxSettings, client: Transport, spec: () => ConformanceSpec): Promise<VoxSession> {
  const config = s.raw.voximplant;
  const signers = await loadSigners(config);
  const session = new VoxSession(config, s.target!, client, spec, signers, s.headers);
  await session.signAll();
  if (!config.embedded && config.allowBillable && !ROLES_BY_METHOD.DeleteSipRegistration.some((r) => session.hasRole(r)) && !session.hasRole(LEGACY)) {
    throw new ConfigError('config voximplant.allowBillable: needs credentials of a role that may delete registrations (owner or admin) or the legacy apiKey, to delete what the run creates');
  }
  session.startRefresh();
  try {
    await session.createScratch();
  } catch (err) {
    await session.close();
    throw err;
  }
  return session;
}
