// The commands of the model-based tests that change registrations (fast-check `AsyncCommand`s): each
// runs on the real target, updates the model, and checks the property its requirement is about.
import type fc from 'fast-check';
import type { Params } from './api.ts';
import {
  applyBinding, type Binding, bindingParams, type Focus, itemOf, KINDS, learn, type Model, ModelFailure, type Real, type Reg,
  USERNAMES,
} from './stateful-state.ts';

export type Cmd = fc.AsyncCommand<Model, Real>;

export abstract class Base implements Cmd {
  constructor(readonly focus: Focus) {}
  abstract check(m: Readonly<Model>): boolean;
  abstract step(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
  async run(m: Model, r: Real): Promise<void> {
    r.steps.push(this.toString());
    await this.step(m, r);
  }
}

/** A command on one of the run's registrations (picked by `target`): possible once one exists. */
abstract class OnRegistration extends Base {
  constructor(
    focus: Focus,
    readonly target: number,
  ) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.regs.length > 0;
  }
}

export class Create extends Base {
  constructor(focus: Focus, readonly user: number, readonly kind: number, readonly persistent: boolean | undefined, readonly binding: Binding | undefined, readonly extras: boolean) {
    super(focus);
  }
  check(m: Readonly<Model>) {
    return m.creates < m.maxCreates;
  }
  toString() {
    return `Create(sip_username=${USERNAMES[this.user]}, proxy=<${KINDS[this.kind % KINDS.length]}>${this.persistent === undefined ? '' : `, is_persistent=${this.persistent}`}${this.binding ? `, binding#${JSON.stringify(this.binding)}` : ''}${this.extras ? ', auth_user, outbound_proxy' : ''})`;
  }
  async step(m: Model, r: Real) {
    m.creates++;
    const b = this.binding && bindingParams(r.api, this.binding);
    const fields = { sip_username: USERNAMES[this.user]!, proxy: r.proxies[this.kind % KINDS.length]!, auth_user: this.extras ? 'sipc-auth' : undefined, outbound_proxy: this.extras ? r.proxies[0] : undefined };
    const params = { ...fields, is_persistent: this.persistent === undefined ? undefined : String(this.persistent), ...b?.params };
    const { id } = await r.provision(params, b !== undefined, this.toString());
    const reg: Reg = { id, fields, rule: undefined, user: undefined };
    m.regs.push(reg);
    if (b) applyBinding(m, reg, b);
    if (this.focus === 'presence') await checkPresence(m, r);
    if (this.focus === 'onePerUser' && b?.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

export class Update extends OnRegistration {
  constructor(focus: Focus, target: number, readonly change: { user?: number; kind?: number; auth?: boolean }, readonly binding: Binding | undefined) {
    super(focus, target);
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
    if (b) r.binds(reg.id);
    r.ok(await r.call('UpdateSipRegistration', { sip_registration_id: String(reg.id), ...fields, ...b?.params }, `${this.toString()} on ${reg.id}`), 'UpdateSipRegistration');
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) reg.fields[k as keyof Reg['fields']] = v;
    if (b) applyBinding(m, reg, b);
    if (this.focus === 'fields') await checkListed(r, reg, reg.fields, 'after UpdateSipRegistration');
    if (this.focus === 'onePerUser' && b?.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

export class Bind extends OnRegistration {
  constructor(focus: Focus, target: number, readonly binding: Binding) {
    super(focus, target);
  }
  toString() {
    return `Bind(#${this.target}, bind=true, binding#${JSON.stringify(this.binding)})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    const b = bindingParams(r.api, this.binding);
    r.binds(reg.id);
    r.ok(await r.call('BindSipRegistration', { sip_registration_id: String(reg.id), ...b.params, bind: 'true' }, `Bind ${reg.id} to ${b.text}`), 'BindSipRegistration');
    applyBinding(m, reg, b);
    if (this.focus === 'bind') await checkListed(r, reg, { application_id: b.app, rule_id: b.rule, user_id: b.user }, `after binding to ${b.text}`);
    if (this.focus === 'onePerUser' && b.user !== undefined) await checkUser(m, r, reg, b.user);
  }
}

export class Unbind extends OnRegistration {
  constructor(focus: Focus, target: number, readonly withApp: boolean) {
    super(focus, target);
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

export class Delete extends OnRegistration {
  constructor(focus: Focus, target: number) {
    super(focus, target);
  }
  override check(m: Readonly<Model>) {
    return m.regs.length > 0 && m.deletesLeft > 0;
  }
  toString() {
    return `Delete(#${this.target})`;
  }
  async step(m: Model, r: Real) {
    const reg = m.pick(this.target);
    m.deletesLeft--;
    r.ok(await r.call('DeleteSipRegistration', { sip_registration_id: String(reg.id) }, `Delete ${reg.id}`), 'DeleteSipRegistration');
    r.removed(reg.id);
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

