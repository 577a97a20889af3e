// The five SIP-registration methods of the Voximplant mock.
import type { Role } from './keys.ts';
import { ApiError, parseValue, type ParamType, type StatusRanges, type Value } from './params.ts';
import type { Platform } from './platform.ts';
import type { Reading } from './readings.ts';
import {
  ACCOUNT_INFO, APPLICATIONS, REGISTRATION_LIMIT, RULES, USERS,
  registrationItem, type Binding, type Child, type Registration, type VoxStore,
} from './state.ts';

export interface Ctx {
  store: VoxStore;
  faults: Set<string>;
  loose: boolean;
  reading: Reading;
  /** The SIP user agents that register what the account holds. */
  platform: Platform;
}

type Values = Record<string, Value | undefined>;

export interface MethodSpec {
  roles: readonly Role[];
  params: Record<string, ParamType>;
  required: readonly string[];
  run(ctx: Ctx, p: Values): Record<string, unknown>;
}

const PAIRS = [['application_id', 'application_name'], ['rule_id', 'rule_name'], ['user_id', 'user_name']] as const;

/** Type, presence and pair checks; strict and loose run them in different orders. */
export function validate(name: string, spec: MethodSpec, raw: Map<string, string>, ctx: Ctx): Values {
  const values: Values = {};
  const required = () => {
    if (name === 'CreateSipRegistration' && ctx.faults.has('required-missing-accepted')) return;
    for (const r of spec.required) if (!raw.has(r) || raw.get(r) === '') throw new ApiError(134, r);
  };
  const syntax = () => {
    const anyBool = ctx.faults.has('bad-bool-accepted');
    for (const param in spec.params) {
      const v = raw.get(param);
      if (v === undefined) continue;
      const type = spec.params[param]!;
      values[param] = parseValue(type, v, ctx.reading, anyBool);
      if (values[param] === undefined) throw new ApiError(496, param, type === 'intlist' || type === 'stringlist');
    }
  };
  const pairs = () => {
    if (ctx.faults.has('pair-accepted') || (name === 'GetSipRegistrations' && !ctx.reading.readPairsRefused)) return;
    for (const [a, b] of PAIRS) if (a in spec.params && raw.has(a) && raw.has(b)) throw new ApiError(458, `${a}, ${b}`);
  };
  for (const step of ctx.loose ? [syntax, pairs, required] : [required, syntax, pairs]) step();
  return values;
}

const num = (v: Value | undefined) => v as number | undefined;
const str = (v: Value | undefined) => v as string | undefined;
const bool = (v: Value | undefined) => v as boolean | undefined;

function checkFields(ctx: Ctx, p: Values): void {
  const r = ctx.reading;
  const username = str(p.sip_username);
  if (username !== undefined && !r.username(username)) throw new ApiError(273, 'sip_username');
  const proxy = str(p.proxy);
  if (proxy !== undefined && !r.proxy(proxy) && !ctx.faults.has('invalid-proxy-accepted')) throw new ApiError(274, 'proxy');
  const authUser = str(p.auth_user);
  if (authUser !== undefined && !r.authUser(authUser)) throw new ApiError(496, 'auth_user');
  const outbound = str(p.outbound_proxy);
  if (outbound !== undefined && !r.outboundProxy(outbound)) throw new ApiError(496, 'outbound_proxy');
  const password = str(p.password);
  if (password !== undefined && !r.password(password)) throw new ApiError(496, 'password');
}

function findChild(list: Child[], kind: 'rule' | 'user', p: Values, app: number | undefined, acceptUnknown: boolean): Child | undefined {
  const id = num(p[`${kind}_id`]);
  const name = str(p[`${kind}_name`]);
  if (id === undefined && name === undefined) return undefined;
  const found = id !== undefined
    ? list.find((c) => c.id === id)
    : list.find((c) => c.name === name && (app === undefined || c.application_id === app));
  if (!found && id !== undefined && acceptUnknown) return { id, name: '', application_id: app ?? 0 };
  const param = id !== undefined ? `${kind}_id` : `${kind}_name`;
  if (!found || (app !== undefined && found.application_id !== app)) throw new ApiError(496, param);
  return found;
}

/** The application/rule/user the call names, checked against the account. */
function resolveBinding(ctx: Ctx, p: Values): Binding {
  const hasApp = p.application_id !== undefined || p.application_name !== undefined;
  const hasChild = ['rule_id', 'rule_name', 'user_id', 'user_name'].some((k) => p[k] !== undefined);
  if (hasChild && !hasApp && !ctx.faults.has('application-not-required')) throw new ApiError(485, 'application_id');
  const acceptUnknown = ctx.faults.has('unknown-target-accepted');
  let app: number | undefined;
  const appId = num(p.application_id);
  const appName = str(p.application_name);
  if (appId !== undefined) {
    app = APPLICATIONS.find((a) => a.id === appId)?.id ?? (acceptUnknown ? appId : undefined);
    if (app === undefined) throw new ApiError(496, 'application_id');
  } else if (appName !== undefined) {
    app = APPLICATIONS.find((a) => a.name === appName)?.id;
    if (app === undefined) throw new ApiError(496, 'application_name');
  }
  const rule = findChild(RULES, 'rule', p, app, acceptUnknown);
  app ??= rule?.application_id;
  const user = findChild(USERS, 'user', p, app, acceptUnknown);
  app ??= user?.application_id;
  return { application_id: app, rule_id: rule?.id, user_id: user?.id };
}

/** The registration, or undefined when the `unknown-id-accepted` fault lets an unknown id through. */
function registration(ctx: Ctx, p: Values): Registration | undefined {
  const reg = ctx.store.registrations.get(num(p.sip_registration_id) ?? -1);
  if (!reg && !ctx.faults.has('unknown-id-accepted')) throw new ApiError(275, 'sip_registration_id');
  return reg;
}

const BINDING_PARAMS = {
  application_id: 'int', application_name: 'string', rule_id: 'int', rule_name: 'string', user_id: 'int', user_name: 'string',
} as const;
const FIELD_PARAMS = { sip_username: 'string', proxy: 'string', auth_user: 'string', outbound_proxy: 'string', password: 'string' } as const;

const create: MethodSpec = {
  roles: ['Owner', 'Admin', 'Accountant'],
  params: { ...FIELD_PARAMS, is_persistent: 'bool', ...BINDING_PARAMS },
  required: ['sip_username', 'proxy'],
  run(ctx, p) {
    checkFields(ctx, p);
    const binding = resolveBinding(ctx, p);
    if (ctx.reading.persistentWithUser && bool(p.is_persistent) === false && binding.user_id !== undefined) throw new ApiError(496, 'is_persistent');
    if (ctx.store.registrations.size >= REGISTRATION_LIMIT && !ctx.faults.has('cap-unenforced')) throw new ApiError(272);
    const reg = ctx.store.add({
      sip_username: str(p.sip_username) ?? '',
      proxy: str(p.proxy) ?? '',
      auth_user: str(p.auth_user),
      outbound_proxy: str(p.outbound_proxy),
      password: str(p.password),
      is_persistent: bool(p.is_persistent) ?? true,
    });
    if (binding.application_id !== undefined) ctx.store.bind(reg, binding, ctx.faults.has('bind-keeps-previous'));
    ctx.platform.apply(reg);
    const accountInfo = ctx.loose ? { ...ACCOUNT_INFO, account_name: 'sipc', frozen: false } : ACCOUNT_INFO;
    return { result: 1, sip_registration_id: reg.id, account_info: accountInfo };
  },
};

const update: MethodSpec = {
  roles: ['Owner', 'Admin', 'Developer'],
  params: { sip_registration_id: 'int', ...FIELD_PARAMS, ...BINDING_PARAMS },
  required: ['sip_registration_id'],
  run(ctx, p) {
    const reg = registration(ctx, p);
    checkFields(ctx, p);
    const binding = resolveBinding(ctx, p);
    if (!reg || ctx.faults.has('update-ignored')) return { result: 1 };
    const fields = (Object.keys(FIELD_PARAMS) as (keyof typeof FIELD_PARAMS)[]).filter((field) => str(p[field]) !== undefined);
    for (const field of fields) reg[field] = str(p[field])!;
    ctx.store.touch(reg);
    if (fields.length) ctx.platform.apply(reg);
    if (binding.application_id !== undefined) ctx.store.bind(reg, binding, ctx.faults.has('bind-keeps-previous'));
    return { result: 1 };
  },
};

/**
 * bind=true binds sip_registration_id to the named application (and rule/user).
 * bind=false with sip_registration_id unbinds it from what is named (everything when nothing
 * is named); without sip_registration_id it unbinds every registration from what is named.
 */
const bindMethod: MethodSpec = {
  roles: ['Owner', 'Admin', 'Developer'],
  params: { sip_registration_id: 'int', ...BINDING_PARAMS, bind: 'bool' },
  required: [],
  run(ctx, p) {
    const bind = bool(p.bind) ?? true;
    const id = num(p.sip_registration_id);
    if (bind && id === undefined) throw new ApiError(485, 'sip_registration_id');
    const binding = resolveBinding(ctx, p);
    if (bind && binding.application_id === undefined) {
      if (ctx.reading.bindNeedsTarget) throw new ApiError(485, 'application_id');
      registration(ctx, p);
      return { result: 1 };
    }
    if (!bind && id === undefined && binding.application_id === undefined) throw new ApiError(485, 'sip_registration_id');
    const reg = id === undefined ? undefined : registration(ctx, p);
    if (id !== undefined && !reg) return { result: 1 };
    if (bind) ctx.store.bind(reg!, binding, ctx.faults.has('bind-keeps-previous'));
    else if (!ctx.faults.has('unbind-ignored')) {
      for (const r of reg ? [reg] : ctx.store.registrations.values()) ctx.store.unbind(r, binding);
    }
    return { result: 1 };
  },
};

const remove: MethodSpec = {
  roles: ['Owner', 'Admin'],
  params: { sip_registration_id: 'int' },
  required: ['sip_registration_id'],
  run(ctx, p) {
    const reg = registration(ctx, p);
    if (reg && !ctx.faults.has('delete-noop')) {
      ctx.store.registrations.delete(reg.id);
      ctx.platform.remove(reg);
    }
    return { result: 1 };
  },
};

const get: MethodSpec = {
  roles: ['Owner', 'Admin', 'Developer', 'Supervisor', 'Accountant', 'Support'],
  params: {
    sip_registration_id: 'int', sip_username: 'string', deactivated: 'bool', successful: 'bool', is_persistent: 'bool',
    application_id: 'intlist', application_name: 'stringlist', is_bound_to_application: 'bool',
    rule_id: 'intlist', rule_name: 'stringlist', user_id: 'intlist', user_name: 'stringlist',
    proxy: 'stringlist', in_progress: 'bool', status_code: 'status', count: 'int', offset: 'int',
  },
  required: [],
  run(ctx, p) {
    const f = ctx.faults;
    const [least, most] = ctx.reading.countRange;
    const asked = num(p.count);
    if (asked !== undefined && (asked < least || asked > most)) throw new ApiError(496, 'count');
    const status = p.status_code as StatusRanges | undefined;
    const inRange = (c: number, [a, b]: [number, number]) => (f.has('range-exclusive') && a !== b ? c > a && c < b : c >= a && c <= b);
    const oneOf = (list: Value | undefined, v: unknown) => list === undefined || (list as unknown[]).includes(v);
    const is = (want: Value | undefined, v: boolean) => want === undefined || want === v;
    // "Whether to show the frozen/successful registrations only": false may also read as "no filter".
    const only = (want: Value | undefined, v: boolean) => (!ctx.reading.falseFilters && want === false) || is(want, v);
    let items = [...ctx.store.registrations.values()]
      .sort((a, b) => a.id - b.id)
      .map(registrationItem)
      .filter((r) =>
        (p.sip_registration_id === undefined || r.sip_registration_id === p.sip_registration_id) &&
        (f.has('filter-ignored') || p.sip_username === undefined || r.sip_username === p.sip_username) &&
        only(p.deactivated, r.deactivated === true) &&
        ((f.has('successful-filter-ignored') && p.successful === true) || only(p.successful, r.successful === true)) &&
        is(p.is_persistent, r.is_persistent === true) &&
        is(p.in_progress, r.in_progress === true) &&
        is(p.is_bound_to_application, r.application_id !== undefined) &&
        oneOf(p.application_id, r.application_id) && oneOf(p.application_name, r.application_name) &&
        oneOf(p.rule_id, r.rule_id) && oneOf(p.rule_name, r.rule_name) &&
        oneOf(p.user_id, r.user_id) && oneOf(p.user_name, r.user_name) &&
        oneOf(p.proxy, r.proxy) &&
        (status === undefined || (typeof r.status_code === 'number' && status.some((range) => inRange(r.status_code as number, range)))),
      );
    const total = items.length;
    let offset = num(p.offset) ?? 0;
    if (f.has('offset-off-by-one')) offset = Math.max(0, offset - 1);
    const count = f.has('count-ignored') ? Infinity : num(p.count) ?? ctx.reading.defaultCount;
    items = items.slice(offset, offset + count);
    const reported = f.has('count-ignores-filter') ? ctx.store.registrations.size : ctx.reading.countIsPageSize ? items.length : total;
    return ctx.loose ? { result: items, count: reported, total_count: reported } : { result: items, count: reported };
  },
};

export const METHODS: Record<string, MethodSpec> = {
  CreateSipRegistration: create,
  UpdateSipRegistration: update,
  BindSipRegistration: bindMethod,
  DeleteSipRegistration: remove,
  GetSipRegistrations: get,
};
