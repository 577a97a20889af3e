// Model-based tests of the stateful behaviour (fast-check `fc.commands` + `fc.asyncModelRun`).
// Every run works on registrations of its own, told apart by proxies unique to the run, and deletes
// them afterwards. Each requirement runs the commands that concern it and checks only its property;
// the shrunk command list is reported as replayable steps with the last failing call.
import fc from 'fast-check';
import type { Level, Requirement, ScenarioResult } from '../../src/index.ts';
import { Api, type Call, describeCall, type Params, type VoxContext } from './api.ts';
import { statusRanges } from './formats.ts';
import { BILLABLE_MODEL_RUNS, CREATES_PER_MODEL_RUN } from './session.ts';

type Focus = 'fields' | 'presence' | 'bind' | 'unbind' | 'onePerUser' | 'filter' | 'count' | 'offset' | 'total' | 'status';
const FOCUS: Record<string, Focus> = {
  'VOX-UPDATE-APPLIES': 'fields',
  'VOX-DELETE-REMOVES': 'presence',
  'VOX-BIND-APPLIES': 'bind',
  'VOX-BIND-UNBIND': 'unbind',
  'VOX-ONE-PER-USER': 'onePerUser',
  'VOX-GET-FILTER': 'filter',
  'VOX-GET-COUNT': 'count',
  'VOX-GET-OFFSET': 'offset',
  'VOX-GET-TOTAL': 'total',
  'VOX-GET-STATUS-FILTER': 'status',
};

const UNKNOWN = Symbol('unknown');
type Maybe = number | undefined | typeof UNKNOWN;
type Item = Record<string, unknown>;

interface Reg {
  id: number;
  fields: Record<'sip_username' | 'proxy' | 'auth_user' | 'outbound_proxy', string | undefined>;
  app?: number;
  rule: Maybe;
  user: Maybe;
}

class Model {
  regs: Reg[] = [];
  creates = 0;
  pick(n: number): Reg {
    return this.regs[n % this.regs.length]!;
  }
}

class ModelFailure extends Error {
  constructor(message: string, readonly call: Call | undefined, readonly level: Level = 'MUST') {
    super(message);
  }
}

const USERNAMES = ['sipc-u0', 'sipc-u1', 'sipc-u2'];
const KINDS = ['ok', 'fail', 'timeout', 'pending'] as const;
let runCounter = 0;

/** The system under test for one run: its own registrations, its own proxies. */
class Real {
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

interface Binding { app: number; byName: boolean; rule?: number; user?: number }

function bindingParams(api: Api, b: Binding): { params: Params; app: number; rule?: number; user?: number; text: string } {
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
function applyBinding(m: Model, reg: Reg, b: { app: number; rule?: number; user?: number }): void {
  const sameApp = reg.app === b.app;
  reg.app = b.app;
  reg.rule = b.rule ?? (sameApp ? reg.rule : UNKNOWN);
  reg.user = b.user ?? (sameApp ? reg.user : UNKNOWN);
  if (b.user !== undefined) for (const other of m.regs) if (other !== reg && other.user === b.user) other.user = undefined;
}

/** Learns what the model left unknown from the server's items. */
function learn(m: Model, items: Item[]): void {
  for (const reg of m.regs) {
    const item = items.find((i) => i.sip_registration_id === reg.id);
    if (!item) continue;
    if (reg.rule === UNKNOWN) reg.rule = item.rule_id as number | undefined;
    if (reg.user === UNKNOWN) reg.user = item.user_id as number | undefined;
  }
}

const itemOf = (items: Item[], id: number) => items.find((i) => i.sip_registration_id === id);

type Cmd = fc.AsyncCommand<Model, Real>;

abstract class Base implements Cmd {
  constructor(readonly focus: Focus) {}
  abstract check(m: Readonly<Model>): boolean;
  abstract step(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    r.steps.push(this.toString());
    await this.step(m, r);
  }
}

class Create extends Base {
  constructor(focus: Focus, readonly user: number, readonly kind: number, readonly persistent: boolean | undefined, readonly binding: Binding | undefined, readonly extras: boolean) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.creates < CREATES_PER_MODEL_RUN;
  }
  toString() {
    return `Create(sip_username=${USERNAMES[this.user]}, proxy=<${KINDS[this.kind % KINDS.length]}>${this.persistent === undefined ? '' : `, is_persistent=${this.persistent}`}${this.binding ? `, binding#${JSON.stringify(this.binding)}` : ''}${this.extras ? ', auth_user, outbound_proxy' : ''})`;
  }
  async step(m: Model, r: Real) {
    m.creates++;
    const b = this.binding && bindingParams(r.api, this.binding);
    const fields = { sip_username: USERNAMES[this.user]!, proxy: r.proxies[this.kind % KINDS.length]!, auth_user: this.extras ? 'sipc-auth' : undefined, outbound_proxy: this.extras ? r.proxies[0] : undefined };
    const call = await r.call('CreateSipRegistration', { ...fields, is_persistent: this.persistent === undefined ? undefined : String(this.persistent), ...b?.params }, this.toString());
    const body = r.ok(call, 'CreateSipRegistration');
    const id = body.sip_registration_id as number;
    r.own.add(id);
    const reg: Reg = { id, fields, rule: undefined, user: undefined };
    m.regs.push(reg);
    if (b) applyBinding(m, reg, b);
    if (this.focus === 'presence') await checkPresence(m, r);
    if (this.focus === 'onePerUser' && b?.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

class Update extends Base {
  constructor(focus: Focus, readonly target: number, readonly change: { user?: number; kind?: number; auth?: boolean }, readonly binding: Binding | undefined) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.regs.length > 0;
  }
  toString() {
    return `Update(#${this.target}${this.change.user === undefined ? '' : `, sip_username=${USERNAMES[this.change.user]}`}${this.change.kind === undefined ? '' : `, proxy=<${KINDS[this.change.kind % KINDS.length]}>`}${this.change.auth ? ', auth_user, outbound_proxy' : ''}${this.binding ? `, binding#${JSON.stringify(this.binding)}` : ''})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    const b = this.binding && bindingParams(r.api, this.binding);
    const fields: Params = {
      sip_username: this.change.user === undefined ? undefined : USERNAMES[this.change.user],
      proxy: this.change.kind === undefined ? undefined : r.proxies[this.change.kind % KINDS.length],
      auth_user: this.change.auth ? `sipc-auth-${this.target}` : undefined,
      outbound_proxy: this.change.auth ? r.proxies[(this.target + 1) % KINDS.length] : undefined,
    };
    r.ok(await r.call('UpdateSipRegistration', { sip_registration_id: String(reg.id), ...fields, ...b?.params }, `${this.toString()} on ${reg.id}`), 'UpdateSipRegistration');
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) reg.fields[k as keyof Reg['fields']] = v;
    if (b) applyBinding(m, reg, b);
    if (this.focus === 'fields') await checkListed(r, reg, reg.fields, 'after UpdateSipRegistration');
    if (this.focus === 'onePerUser' && b?.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

class Bind extends Base {
  constructor(focus: Focus, readonly target: number, readonly binding: Binding) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.regs.length > 0;
  }
  toString() {
    return `Bind(#${this.target}, bind=true, binding#${JSON.stringify(this.binding)})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    const b = bindingParams(r.api, this.binding);
    r.ok(await r.call('BindSipRegistration', { sip_registration_id: String(reg.id), ...b.params, bind: 'true' }, `Bind ${reg.id} to ${b.text}`), 'BindSipRegistration');
    applyBinding(m, reg, b);
    if (this.focus === 'bind') await checkListed(r, reg, { application_id: b.app, rule_id: b.rule, user_id: b.user }, `after binding to ${b.text}`);
    if (this.focus === 'onePerUser' && b.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

class Unbind extends Base {
  constructor(focus: Focus, readonly target: number, readonly withApp: boolean) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.regs.length > 0;
  }
  toString() {
    return `Bind(#${this.target}, bind=false${this.withApp ? ', application_id=<its application>' : ''})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    const app = this.withApp && reg.app !== undefined ? String(reg.app) : undefined;
    r.ok(await r.call('BindSipRegistration', { sip_registration_id: String(reg.id), application_id: app, bind: 'false' }, `unbind ${reg.id}${app ? ` from application ${app}` : ''}`), 'BindSipRegistration bind=false');
    reg.app = undefined;
    reg.rule = undefined;
    reg.user = undefined;
    if (this.focus === 'unbind') {
      const { call, items } = await r.listing({ sip_registration_id: String(reg.id) });
      const item = itemOf(items, reg.id);
      for (const k of ['application_id', 'rule_id', 'user_id']) {
        if (item?.[k] !== undefined && item[k] !== null) throw new ModelFailure(`after bind=false, registration ${reg.id} still shows ${k} ${JSON.stringify(item[k])}`, call);
      }
    }
  }
}

class Delete extends Base {
  constructor(focus: Focus, readonly target: number) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.regs.length > 0;
  }
  toString() {
    return `Delete(#${this.target})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    r.ok(await r.call('DeleteSipRegistration', { sip_registration_id: String(reg.id) }, `Delete ${reg.id}`), 'DeleteSipRegistration');
    m.regs = m.regs.filter((x) => x !== reg);
    const { call, items } = await r.listing({ sip_registration_id: String(reg.id) });
    if (itemOf(items, reg.id)) throw new ModelFailure(`registration ${reg.id} is still listed after DeleteSipRegistration`, call);
    await checkPresence(m, r);
  }
}

/** Get lists the registration with every given (defined) field at the expected value. */
async function checkListed(r: Real, reg: Reg, want: Record<string, unknown>, after: string): Promise<void> {
  const { call, items } = await r.listing({ sip_registration_id: String(reg.id) });
  const item = itemOf(items, reg.id);
  for (const [k, v] of Object.entries(want)) {
    if (v !== undefined && item?.[k] !== v) throw new ModelFailure(`${after}, registration ${reg.id} shows ${k} ${JSON.stringify(item?.[k])}, expected ${JSON.stringify(v)}`, call);
  }
}

async function checkPresence(m: Model, r: Real): Promise<void> {
  const { call, items } = await r.listing();
  const listed = items.map((i) => i.sip_registration_id as number).sort((a, b) => a - b);
  const expected = m.regs.map((x) => x.id).sort((a, b) => a - b);
  if (JSON.stringify(listed) !== JSON.stringify(expected)) {
    throw new ModelFailure(`GetSipRegistrations lists [${listed.join(', ')}], the model has [${expected.join(', ')}]`, call);
  }
}

async function checkUser(m: Model, r: Real, reg: Reg, user: number): Promise<void> {
  const { call, items } = await r.listing();
  learn(m, items);
  const holders = items.filter((i) => i.user_id === user).map((i) => i.sip_registration_id);
  if (holders.length !== 1 || holders[0] !== reg.id) {
    throw new ModelFailure(`user ${user} was just bound to ${reg.id}; registrations bound to it: [${holders.join(', ')}]`, call);
  }
}

type Filter = Record<string, string>;
const STATUS_FILTERS = ['200', '200:403', '403:408', '400:499', '403;408', '100:199;200', '408:699', '100:200;403:403'];

/** Which of this run's items a filter must return; `either` when the documents allow two readings. */
function matching(items: Item[], f: Filter): { exact: Item[]; either?: Item[] } {
  const [key, value] = Object.entries(f)[0]!;
  const list = value.split(';');
  const bool = (k: string) => (i: Item) => (k === 'is_bound_to_application' ? i.application_id !== undefined && i.application_id !== null : i[k] === true) === (value === 'true');
  let pred: (i: Item) => boolean;
  switch (key) {
    case 'sip_registration_id': pred = (i) => String(i.sip_registration_id) === value; break;
    case 'sip_username': pred = (i) => i.sip_username === value; break;
    case 'status_code': {
      const ranges = statusRanges(value);
      pred = (i) => typeof i.status_code === 'number' && ranges.some(([a, b]) => (i.status_code as number) >= a && (i.status_code as number) <= b);
      break;
    }
    case 'deactivated': case 'successful': case 'is_persistent': case 'in_progress': case 'is_bound_to_application': pred = bool(key); break;
    default: pred = (i) => list.includes(String(i[key]));
  }
  const exact = items.filter(pred);
  // "Whether to show the frozen/successful registrations only": false may also mean "no filter".
  return (key === 'deactivated' || key === 'successful') && value === 'false' ? { exact, either: items } : { exact };
}

class GetFilter extends Base {
  constructor(focus: Focus, readonly pick: number, readonly key: string, readonly choice: number[]) {
    super(focus);
  }
  check() {
    return true;
  }
  toString() {
    return `GetFilter(${this.key}, choice ${JSON.stringify(this.choice)})`;
  }
  filter(m: Model, r: Real): Filter {
    const t = r.api.session.scenario ?? { apps: [], users: [] };
    const rules = t.apps.flatMap((a) => a.rules);
    const sub = <T,>(xs: T[]) => xs.filter((_, i) => this.choice.includes(i % 4)).concat(xs.length ? [xs[this.pick % xs.length]!] : []);
    const uniq = (xs: string[]) => [...new Set(xs)].join(';');
    switch (this.key) {
      case 'sip_registration_id': return { [this.key]: m.regs.length ? String(m.pick(this.pick).id) : '1' };
      case 'sip_username': return { [this.key]: USERNAMES[this.pick % USERNAMES.length]! };
      // Range ends at the codes registrations commonly report (200, 403, 408), so inclusive ends matter.
      case 'status_code': return { [this.key]: STATUS_FILTERS[this.pick % STATUS_FILTERS.length]! };
      case 'application_id': return { [this.key]: uniq(sub(t.apps).map((a) => String(a.id))) };
      case 'application_name': return { [this.key]: uniq(sub(t.apps).map((a) => a.name)) };
      case 'rule_id': return { [this.key]: uniq(sub(rules).map((x) => String(x.id))) };
      case 'rule_name': return { [this.key]: uniq(sub(rules).map((x) => x.name)) };
      case 'user_id': return { [this.key]: uniq(sub(t.users).map((x) => String(x.id))) };
      case 'user_name': return { [this.key]: uniq(sub(t.users).map((x) => x.name)) };
      case 'proxy': return { [this.key]: uniq(sub(r.proxies)) };
      default: return { [this.key]: this.pick % 2 === 0 ? 'true' : 'false' };
    }
  }
  async step(m: Model, r: Real) {
    const f = this.filter(m, r);
    const all = await r.listing();
    const scope = f.proxy ? {} : { proxy: r.proxies.join(';') };
    const call = await r.call('GetSipRegistrations', { ...scope, count: '1000', ...f }, `GetSipRegistrations ${JSON.stringify(f)} (this run's proxies)`);
    const body = r.ok(call, `GetSipRegistrations ${JSON.stringify(f)}`);
    const got = ((body.result as Item[]) ?? []).map((i) => i.sip_registration_id as number).sort((a, b) => a - b);
    const { exact, either } = matching(all.items, f);
    const ids = (xs: Item[]) => xs.map((i) => i.sip_registration_id as number).sort((a, b) => a - b);
    const same = (xs: Item[]) => JSON.stringify(ids(xs)) === JSON.stringify(got);
    if (!same(exact) && !(either && same(either))) {
      throw new ModelFailure(`filter ${JSON.stringify(f)} returned [${got.join(', ')}]; of this run's [${ids(all.items).join(', ')}] exactly [${ids(exact).join(', ')}] match`, call);
    }
  }
}

class Page extends Base {
  constructor(focus: Focus, readonly count: number | undefined, readonly offset: number | undefined) {
    super(focus);
  }
  check() {
    return true;
  }
  toString() {
    return `Page(${this.count === undefined ? '' : `count=${this.count}`}${this.offset === undefined ? '' : ` offset=${this.offset}`})`;
  }
  async step(_m: Model, r: Real) {
    const all = await r.listing();
    const n = all.items.length;
    const params: Params = { proxy: r.proxies.join(';'), count: String(this.count ?? 1000), offset: this.offset === undefined ? undefined : String(this.offset) };
    const call = await r.call('GetSipRegistrations', params, `GetSipRegistrations ${this.toString()} of ${n}`);
    const body = r.ok(call, 'GetSipRegistrations');
    const got = (body.result as Item[]).map((i) => i.sip_registration_id);
    const ids = all.items.map((i) => i.sip_registration_id);
    const offset = this.offset ?? 0;
    if (this.focus === 'count' && got.length !== Math.min(this.count ?? 1000, n - offset)) {
      throw new ModelFailure(`count=${this.count} returned ${got.length} of ${n} registrations`, call);
    }
    if (this.focus === 'offset' && (got.some((id, i) => id !== ids[offset + i]) || (got.length === 0 && offset < n))) {
      throw new ModelFailure(`offset=${offset} returned [${got.join(', ')}], the listing is [${ids.join(', ')}]`, call);
    }
    // Total before paging or page size: the documents allow both (undecided point get-count-meaning).
    if (this.focus === 'total' && body.count !== n && body.count !== got.length) {
      throw new ModelFailure(`count in the response is ${JSON.stringify(body.count)}: ${n} registrations match, ${got.length} were returned`, call);
    }
  }
}

const bindingArb: fc.Arbitrary<Binding> = fc.record({ app: fc.nat(3), byName: fc.boolean(), rule: fc.option(fc.nat(3), { nil: undefined }), user: fc.option(fc.nat(3), { nil: undefined }) }, { requiredKeys: ['app', 'byName'] });
const userBindingArb: fc.Arbitrary<Binding> = fc.record({ app: fc.constant(0), byName: fc.boolean(), user: fc.nat(3) });

function commands(focus: Focus): Array<fc.Arbitrary<Cmd>> {
  const persistent = fc.option(fc.boolean(), { nil: undefined });
  const create = (binding: fc.Arbitrary<Binding | undefined>, persist = persistent) =>
    fc.tuple(fc.nat(2), fc.nat(3), persist, binding, fc.boolean()).map(([u, k, p, b, x]) => new Create(focus, u, k, b?.user !== undefined ? undefined : p, b, x));
  const target = fc.nat(7);
  const noBinding = fc.constant(undefined);
  const plainCreate = create(noBinding);
  switch (focus) {
    case 'fields':
      return [plainCreate, fc.tuple(target, fc.record({ user: fc.option(fc.nat(2), { nil: undefined }), kind: fc.option(fc.nat(3), { nil: undefined }), auth: fc.boolean() })).map(([t, ch]) => new Update(focus, t, ch, undefined))];
    case 'presence':
      return [plainCreate, target.map((t) => new Delete(focus, t))];
    case 'bind':
      return [plainCreate, fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b))];
    case 'unbind':
      return [create(fc.option(bindingArb, { nil: undefined })), fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b)), fc.tuple(target, fc.boolean()).map(([t, w]) => new Unbind(focus, t, w))];
    case 'onePerUser':
      return [
        create(fc.option(userBindingArb, { nil: undefined })),
        fc.tuple(target, userBindingArb).map(([t, b]) => new Update(focus, t, {}, b)),
        fc.tuple(target, userBindingArb).map(([t, b]) => new Bind(focus, t, b)),
      ];
    case 'filter': {
      const keys = ['sip_registration_id', 'sip_username', 'is_persistent', 'application_id', 'application_name', 'is_bound_to_application', 'rule_id', 'rule_name', 'user_id', 'user_name', 'proxy', 'deactivated', 'successful', 'in_progress'];
      return [
        create(fc.option(bindingArb, { nil: undefined })),
        fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b)),
        fc.tuple(fc.nat(7), fc.constantFrom(...keys), fc.array(fc.nat(3), { maxLength: 3 })).map(([p, k, c]) => new GetFilter(focus, p, k, c)),
      ];
    }
    case 'status':
      return [create(noBinding), fc.tuple(fc.nat(9), fc.array(fc.nat(3), { maxLength: 2 })).map(([p, c]) => new GetFilter(focus, p, 'status_code', c))];
    case 'count':
      return [plainCreate, fc.integer({ min: 1, max: 5 }).map((c) => new Page(focus, c, undefined))];
    case 'offset':
      return [plainCreate, fc.tuple(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.integer({ min: 0, max: 5 })).map(([c, o]) => new Page(focus, c === undefined ? undefined : Math.max(c, 5), o))];
    case 'total':
      return [plainCreate, fc.tuple(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined })).map(([c, o]) => new Page(focus, c, o))];
  }
}

async function runModel(req: Requirement, ctx: VoxContext, focus: Focus): Promise<ScenarioResult> {
  const api = new Api(ctx, req);
  const embedded = api.session.config.embedded;
  const numRuns = embedded ? ctx.runs : Math.min(ctx.runs, BILLABLE_MODEL_RUNS);
  let last: { real: Real; error: unknown } | undefined;
  const details = await fc.check(
    fc.asyncProperty(fc.commands(commands(focus), { maxCommands: 10 }), async (cmds) => {
      const real = new Real(api);
      const model = new Model();
      try {
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      } catch (error) {
        last = { real, error };
        throw error;
      } finally {
        await real.cleanup();
      }
    }),
    { seed: ctx.seed, numRuns, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
  );
  if (details.failed) {
    const error = last?.error;
    const steps = last?.real.steps ?? [];
    const f = error instanceof ModelFailure ? error : undefined;
    const text = `minimal command sequence (fast-check seed ${ctx.seed}, path ${details.counterexamplePath ?? '-'}):\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`;
    api.fail(f?.call ?? last?.real.last, {
      level: f ? (req.level === 'SHOULD' ? 'SHOULD' : f.level) : 'MUST',
      check: 'stateful_model',
      expected: `${req.title}`,
      message: f ? f.message : `suite error: ${String(error)}`,
      case: text,
    });
  }
  return api.result(details.interrupted ? `stopped after 60 s (${details.numRuns} runs)` : undefined);
}

export const modelScenario = (req: Requirement, ctx: VoxContext) => runModel(req, ctx, FOCUS[req.id]!);
export const statusModel = (req: Requirement, ctx: VoxContext) => runModel(req, ctx, 'status');
