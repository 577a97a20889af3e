// The model of Voximplant's model-based tests: what the run expects of its registrations (`Model`),
// the target as fast-check's system under test (`Real`: this run's own registrations and proxies),
// and bindings to the account's applications, rules and users.
import type { Level } from '../../src/index.ts';
import { type Api, type Call, describeCall, type Params } from './api.ts';
import type { RegistrationPool } from './stateful-pool.ts';

export type Focus = 'fields' | 'presence' | 'bind' | 'unbind' | 'onePerUser' | 'filter' | 'count' | 'offset' | 'total' | 'status';

const UNKNOWN = Symbol('unknown');
type Maybe = number | undefined | typeof UNKNOWN;
export type Item = Record<string, unknown>;

export interface Reg {
  id: number;
  fields: Record<'sip_username' | 'proxy' | 'auth_user' | 'outbound_proxy', string | undefined>;
  app?: number;
  rule: Maybe;
  user: Maybe;
}

export class Model {
  regs: Reg[] = [];
  creates = 0;
  /**
   * `maxCreates`: the registrations a run may have (its own creates, or the pool's); `deletesLeft`:
   * the deletes it may send (a pool's deletes are replaced by billed creates, so they are counted).
   */
  constructor(readonly maxCreates: number, public deletesLeft = Infinity) {}
  pick(n: number): Reg {
    return this.regs[n % this.regs.length]!;
  }
}

export class ModelFailure extends Error {
  constructor(message: string, readonly call: Call | undefined, readonly level: Level = 'MUST') {
    super(message);
  }
}

/** The largest documented page size of GetSipRegistrations (`count`), and the pages a full read may take. */
export const PAGE = 20;
const MAX_PAGES = 50;

export const USERNAMES = ['sipc-u0', 'sipc-u1', 'sipc-u2'];
export const KINDS = ['ok', 'fail', 'timeout', 'pending'] as const;
let runCounter = 0;

/**
 * The system under test for one run: its own proxies, and its own registrations (created and
 * deleted by the run on the embedded mock, taken from the pool on a real target).
 */
export class Real {
  readonly tag = `${process.pid.toString(36)}${(runCounter++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  readonly proxies = KINDS.map((k) => `sipc-${k}-${this.tag}.example.net`);
  readonly own = new Set<number>();
  last?: Call;
  steps: string[] = [];
  constructor(readonly api: Api, readonly pool?: RegistrationPool) {}

  /**
   * A registration of this run with these fields (and binding): created, or a pool registration
   * updated to them (unbound first when an earlier run may have bound it). Its `is_persistent` is
   * then the pool's (Update has no such parameter).
   */
  async provision(params: Params, bound: boolean, note: string): Promise<{ call: Call; id: number }> {
    if (!this.pool) {
      const call = await this.call('CreateSipRegistration', params, note);
      const id = this.ok(call, 'CreateSipRegistration').sip_registration_id as number;
      this.own.add(id);
      return { call, id };
    }
    const id = await this.pool.take(this.own, async () => {
      const call = await this.call('CreateSipRegistration', { sip_username: 'sipc-pool', proxy: 'sipc-pool.example.net' }, 'a registration of the pool the model-based tests share');
      return this.ok(call, 'CreateSipRegistration (a registration of the pool)').sip_registration_id as number;
    });
    this.own.add(id);
    if (this.pool.bound.delete(id)) this.ok(await this.call('BindSipRegistration', { sip_registration_id: String(id), bind: 'false' }, `unbind pool registration ${id}`), 'BindSipRegistration bind=false');
    const { is_persistent: _, ...fields } = params;
    const call = await this.call('UpdateSipRegistration', { sip_registration_id: String(id), ...fields }, `${note}: pool registration ${id}`);
    this.ok(call, 'UpdateSipRegistration (a pool registration)');
    if (bound) this.pool.bound.add(id);
    return { call, id };
  }

  /** Notes a binding sent to a pool registration (unbound before the pool hands it out again). */
  binds(id: number): void {
    this.pool?.bound.add(id);
  }

  /** A registration this run deleted. */
  removed(id: number): void {
    this.own.delete(id);
    this.pool?.deleted(id);
  }

  async call(op: string, params: Params, note: string): Promise<Call> {
    const call = await this.api.call(op, params, { note });
    this.last = call;
    return call;
  }

  ok(call: Call, what: string): Record<string, unknown> {
    if (!call.ok) throw new ModelFailure(`${what} was refused: ${describeCall(call)}`, call);
    return call.body!;
  }

  /** This run's registrations, in the server's order. */
  async listing(extra: Params = {}): Promise<{ call: Call; items: Item[] }> {
    return this.readAll({ proxy: this.proxies.join(';'), ...extra }, 'GetSipRegistrations of this run');
  }

  /**
   * Every registration GetSipRegistrations returns for `params`, read in pages of the documented
   * size (count 1 to 20; above 20 a server may cap, clamp or refuse: undecided point page-size),
   * with `offset`, until a page is not full (at most MAX_PAGES pages). `call` is the last page's.
   */
  async readAll(params: Params, note: string): Promise<{ call: Call; items: Item[] }> {
    const items: Item[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const offset = page * PAGE;
      const call = await this.call('GetSipRegistrations', { ...params, count: String(PAGE), offset: offset ? String(offset) : undefined }, offset ? `${note}, offset ${offset}` : note);
      const body = this.ok(call, 'GetSipRegistrations');
      if (!Array.isArray(body.result)) throw new ModelFailure('GetSipRegistrations result is not a list', call);
      items.push(...(body.result as Item[]));
      if (body.result.length < PAGE) return { call, items };
    }
    throw new ModelFailure(`GetSipRegistrations returned ${MAX_PAGES} full pages of ${PAGE}: a run has far fewer registrations (is offset ignored?)`, this.last);
  }

  /** Deletes what the run created; pool registrations stay for the next run (the session deletes them at its end). */
  async cleanup(): Promise<void> {
    if (this.pool) return;
    for (const id of this.own) await this.api.session.remove(id);
  }
}

export interface Binding { app: number; byName: boolean; rule?: number; user?: number }

export function bindingParams(api: Api, b: Binding): { params: Params; app: number; rule?: number; user?: number; text: string } {
  const t = api.session.scenario!;
  const app = t.apps[b.app % t.apps.length]!;
  const rule = b.rule === undefined ? undefined : app.rules[b.rule % app.rules.length];
  const users = t.users.filter((u) => u.app === app.id);
  const user = b.user === undefined || users.length === 0 ? undefined : users[b.user % users.length];
  const params: Params = b.byName
    ? { application_name: app.name, rule_name: rule?.name, user_name: user?.name }
    : { application_id: String(app.id), rule_id: rule && String(rule.id), user_id: user && String(user.id) };
  const text = [`application ${app.name}`, rule && `rule ${rule.name}`, user && `user ${user.name}`].filter(Boolean).join(', ');
  return { params, app: app.id, rule: rule?.id, user: user?.id, text };
}

/** Applies a binding to the model: the user moves here; rule and user not named become unknown. */
export function applyBinding(m: Model, reg: Reg, b: { app: number; rule?: number; user?: number }): void {
  const sameApp = reg.app === b.app;
  reg.app = b.app;
  reg.rule = b.rule ?? (sameApp ? reg.rule : UNKNOWN);
  reg.user = b.user ?? (sameApp ? reg.user : UNKNOWN);
  if (b.user !== undefined) for (const other of m.regs) if (other !== reg && other.user === b.user) other.user = undefined;
}

/** Learns what the model left unknown from the server's items. */
export function learn(m: Model, items: Item[]): void {
  for (const reg of m.regs) {
    const item = items.find((i) => i.sip_registration_id === reg.id);
    if (!item) continue;
    if (reg.rule === UNKNOWN) reg.rule = item.rule_id as number | undefined;
    if (reg.user === UNKNOWN) reg.user = item.user_id as number | undefined;
  }
}

export const itemOf = (items: Item[], id: number) => items.find((i) => i.sip_registration_id === id);
