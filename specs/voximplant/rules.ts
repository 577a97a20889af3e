// Cross-field rules of the SIPRegistration methods (seeds 001 and 002), and the reserved "unknown" values.
import fc from 'fast-check';
import type { Case, JsonObject, Rule } from '../../src/index.ts';
import { isReserved, UNKNOWN_NAME_PREFIX, unknownId } from './formats.ts';

const BINDING_OPS = ['CreateSipRegistration', 'UpdateSipRegistration', 'BindSipRegistration'];
export const PAIRS = [['application_id', 'application_name'], ['rule_id', 'rule_name'], ['user_id', 'user_name']] as const;
const CHILDREN = ['rule_id', 'rule_name', 'user_id', 'user_name'];
const APP = ['application_id', 'application_name'];

const input = (c: Case): JsonObject => ((c.input ?? {}) as JsonObject);
const filled = (v: unknown) => v !== undefined && v !== '';
const present = (c: Case, k: string) => filled(input(c)[k]);
const isBindCall = (c: Case) => c.operation === 'BindSipRegistration' && input(c).bind !== 'false';
const has = (c: Case, keys: string[]) => keys.some((k) => present(c, k));

const isForced = (forced: string[][], k: string) => forced.some((p) => p[0] === k);

/** A copy of the case without `keys`. */
function without(c: Case, keys: string[]): Case {
  const next: JsonObject = { ...input(c) };
  for (const k of keys) delete next[k];
  return { ...c, input: next };
}

function edit(c: Case, note: string, set: JsonObject, remove: string[] = []): Case {
  const next: JsonObject = { ...input(c) };
  for (const k of remove) delete next[k];
  Object.assign(next, set);
  return { ...c, note, input: next };
}

/** A placeholder the session binds to a real object of the account (see session `prepare`). */
const sample = (param: string) => (param.endsWith('_id') ? '1' : 'sipc-name');

const both = (c: Case) => {
  const i = input(c);
  return PAIRS.some(([a, b]) => filled(i[a]) && filled(i[b]));
};

/**
 * Seeds 001/002: "Can be used instead of" — both members of an id/name pair. On a write they name
 * one object twice (refused); on a read (GetSipRegistrations filters) a server may refuse them or apply
 * both filters: undecided (point read-pairs).
 */
export const pair: Rule = {
  violatedBy: (c) => c.operation !== 'GetSipRegistrations' && both(c),
  undecidedBy: (c) => c.operation === 'GetSipRegistrations' && both(c),
  break: (valid) =>
    fc.tuple(valid, fc.constantFrom(...PAIRS)).map(([c, [a, b]]) => {
      const needsApp = a !== 'application_id' && BINDING_OPS.includes(c.operation) && !has(c, APP);
      const set: JsonObject = { [a]: present(c, a) ? input(c)[a]! : sample(a), [b]: present(c, b) ? input(c)[b]! : sample(b), ...(needsApp && { application_id: '1' }) };
      return edit(c, `both ${a} and ${b}`, set);
    }),
  examples: (valid) =>
    PAIRS.flatMap(([a, b]) => {
      const app: JsonObject = a !== 'application_id' && BINDING_OPS.includes(valid.operation) ? { application_id: '1' } : {};
      const clear = PAIRS.flat().filter((k) => !(k in app));
      return [
        edit(valid, `both ${a} and ${b}`, { ...app, [a]: sample(a), [b]: sample(b) }, clear),
        edit(valid, `${a} alone (allowed)`, { ...app, [a]: sample(a) }, clear),
        edit(valid, `${b} alone (allowed)`, { ...app, [b]: sample(b) }, clear),
      ];
    }),
  // Keeps the forced member, else one by the parity of the first's length (both kinds get generated).
  conform: (c, forced) =>
    without(
      c,
      PAIRS.filter(([a, b]) => present(c, a) && present(c, b)).map(([a, b]) =>
        isForced(forced, a) || (!isForced(forced, b) && String(input(c)[a]).length % 2 === 0) ? b : a,
      ),
    ),
};

/** Seeds 001/002: "specify the application_id or application_name if you specify the rule_name or user_id, or user_name". */
export const appRequired: Rule = {
  violatedBy: (c) => BINDING_OPS.includes(c.operation) && has(c, CHILDREN) && !has(c, APP),
  break: (valid) =>
    fc.tuple(valid, fc.constantFrom(...CHILDREN)).map(([c, child]) => {
      const keep = has(c, CHILDREN) ? {} : { [child]: sample(child) };
      return edit(c, `${has(c, CHILDREN) ? 'rule/user' : child} without an application`, keep, APP);
    }),
  examples: (valid) => [
    ...CHILDREN.map((child) => edit(valid, `${child} without an application`, { [child]: sample(child) }, [...APP, ...CHILDREN])),
    edit(valid, 'rule_id with application_id (allowed)', { application_id: '1', rule_id: '1' }, [...APP, ...CHILDREN]),
  ],
};

/** Seed 002: "You should specify the sip_registration_id if you set bind=true" (bind defaults to true). */
export const bindNeedsId: Rule = {
  violatedBy: (c) => isBindCall(c) && !present(c, 'sip_registration_id'),
  break: (valid) =>
    fc.tuple(valid, fc.boolean()).map(([c, explicit]) =>
      edit(c, `${explicit ? 'bind=true' : 'bind omitted'} without sip_registration_id`, explicit ? { bind: 'true' } : {}, ['sip_registration_id', ...(explicit ? [] : ['bind'])]),
    ),
  examples: (valid) => [
    edit(valid, 'bind=true without sip_registration_id', { bind: 'true', application_id: '1' }, ['sip_registration_id', 'application_name']),
    edit(valid, 'bind omitted, no sip_registration_id', { application_id: '1' }, ['sip_registration_id', 'bind', 'application_name']),
  ],
};

/**
 * Undecided: bind=true with a registration and nothing to bind it to. Seed 002 does not say whether
 * that is an error or a no-op; such cases are probed (undecided.ts), never judged.
 */
export const bindWithoutTarget: Rule = {
  violatedBy: () => false,
  undecidedBy: (c) => isBindCall(c) && present(c, 'sip_registration_id') && !has(c, APP),
  break: (valid) => valid,
};

/** Undecided: is_persistent=false with a user (seed 001 describes exactly that; seed 002 asks for true). */
export const persistentWithUser: Rule = {
  violatedBy: () => false,
  undecidedBy: (c) => c.operation === 'CreateSipRegistration' && input(c).is_persistent === 'false' && has(c, ['user_id', 'user_name']),
  break: (valid) => valid,
  conform: (c, forced) => (persistentWithUser.undecidedBy!(c) ? without(c, isForced(forced, 'is_persistent') ? ['user_id', 'user_name'] : ['is_persistent']) : c),
};

/**
 * Never sent: bind=false without sip_registration_id unbinds every registration from the named
 * application, which on a real account touches registrations the run does not own.
 */
export const bulkUnbind: Rule = {
  violatedBy: (c) => c.operation === 'BindSipRegistration' && input(c).bind === 'false' && !present(c, 'sip_registration_id'),
  break: (valid) => valid,
};

export const BINDING_PARAMS = ['application_id', 'application_name', 'rule_id', 'rule_name', 'user_id', 'user_name'];

/** An application, rule or user (by id or name) that does not exist (reserved values, see formats.ts). */
export const unknownTarget: Rule = {
  violatedBy: (c) => BINDING_OPS.includes(c.operation) && BINDING_PARAMS.some((k) => isReserved(input(c)[k])),
  break: (valid) => fc.tuple(valid, fc.constantFrom(...BINDING_PARAMS), fc.nat()).map(([c, param, n]) => unknownIn(c, param, n)),
  examples: (valid) => BINDING_PARAMS.map((param, i) => unknownIn(valid, param, i + 1)),
};

function unknownIn(c: Case, param: string, n: number): Case {
  const value = param.endsWith('_id') ? unknownId(n) : `${UNKNOWN_NAME_PREFIX}${n}`;
  const partner = PAIRS.find((p) => (p as readonly string[]).includes(param))!.find((k) => k !== param)!;
  const app: JsonObject = APP.includes(param) || has(c, APP) ? {} : { application_id: '1' };
  return edit(c, `unknown ${param} ${value}`, { ...app, [param]: value }, [partner]);
}

/** A sip_registration_id that does not exist, for Update, Bind and Delete. */
export const unknownRegistration: Rule = {
  violatedBy: (c) => ['UpdateSipRegistration', 'BindSipRegistration', 'DeleteSipRegistration'].includes(c.operation) && isReserved(input(c).sip_registration_id),
  break: (valid) => fc.tuple(valid, fc.nat()).map(([c, n]) => edit(c, 'unknown sip_registration_id', { sip_registration_id: unknownId(n) })),
  examples: (valid) => [edit(valid, 'unknown sip_registration_id', { sip_registration_id: unknownId(7) })],
};

export const rules: Record<string, Rule> = { pair, appRequired, bindNeedsId, bindWithoutTarget, persistentWithUser, bulkUnbind, unknownTarget, unknownRegistration };
