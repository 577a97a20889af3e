// The model of Voximplant's model-based tests: what the run expects of its registrations (`Model`),
// the target as fast-check's system under test (`Real`: this run's own registrations and proxies),
// and bindings to the account's applications, rules and users.
import type { Level } from '../../src/index.ts';
import { type Api, type Call, describeCall, type Params } from './api.ts';

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
  pick(n: number): Reg {
    return this.regs[n % this.regs.length]!;
  }
}

export class ModelFailure extends Error {
  constructor(message: string, readonly call: Call | undefined, readonly level: Level = 'MUST') {
    super(message);
  }
}

export const USERNAMES = ['sipc-u0', 'sipc-u1', 'sipc-u2'];
export const KINDS = ['ok', 'fail', 'timeout', 'pending'] as const;
let runCounter = 0;

/** The system under test for one run: its own registrations, its own proxies. */
export class Real {
  readonly tag = `${process.pid.toString(36)}${(runCounter++).toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  readonly proxies = KINDS.map((k) => `sipc-${k}-${this.tag}.example.net`);
  readonly own = new Set<number>();
  last?: Call;
  steps: string[] = [];
  constructor(readonly api: Api) {}

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
    const call = await this.call('GetSipRegistrations', { proxy: this.proxies.join(';'), count: '1000', ...extra }, 'GetSipRegistrations of this run');
    const body = this.ok(call, 'GetSipRegistrations');
    if (!Array.isArray(body.result)) throw new ModelFailure('GetSipRegistrations result is not a list', call);
    return { call, items: body.result as Item[] };
  }

  async cleanup(): Promise<void> {
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
