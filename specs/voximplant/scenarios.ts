// Hand-written procedures: transports, envelope, authentication, the role matrix, composites of
// several methods, the registration limit and the is_persistent ambiguity.
import fc from 'fast-check';
import type { Case, Requirement, RequirementResult, ScenarioResult, Schema } from '../../src/index.ts';
import { Api, type Params, type VoxContext, type VoxScenario } from './api.ts';
import { operationNeeds, PARTS } from './catalogue.ts';
import { ROLES } from './config.ts';
import { DOCUMENTED_ERROR_CODES, SITUATION } from './error-codes.ts';
import { unknownId } from './formats.ts';
import { modelScenario, statusModel } from './model.ts';
import { ROLES_BY_METHOD, type Method } from './openapi.ts';
import { LEGACY } from './session.ts';

const GET = 'GetSipRegistrations';
const CREATE = 'CreateSipRegistration';

const DOCUMENTED_CODES = new Set(DOCUMENTED_ERROR_CODES.map(String));

/** Three calls that must fail, whatever the server: no credentials, unknown method, malformed count. */
async function errorCalls(api: Api) {
  return [
    await api.call(GET, {}, { auth: { kind: 'none' }, note: 'no credentials' }),
    await api.call(GET, {}, { path: '/platform_api/SipcNoSuchMethod', note: 'unknown method SipcNoSuchMethod' }),
    await api.call(GET, { count: 'x' }, { note: 'count=x' }),
  ];
}

const transportPath: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  for (const method of ['GET', 'POST']) {
    const call = await api.call(GET, { count: '1' }, { method, note: `${method} /platform_api/${GET}?count=1` });
    if (api.expectOk(call, `${method} with query parameters`) && !Array.isArray(call.body!.result)) {
      api.fail(call, { check: 'response_schema_conformance', expected: 'result is a list', message: `result is ${JSON.stringify(call.body!.result)}` });
    }
  }
  return api.result();
};

const transportCmd: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  api.expectOk(await api.call(GET, { cmd: GET, count: '1' }, { method: 'GET', path: '/platform_api', note: `GET /platform_api?cmd=${GET}` }), 'cmd in the query string');
  api.expectOk(await api.call(GET, { cmd: GET, count: '1' }, { path: '/platform_api', encoding: 'form', note: `POST /platform_api, cmd=${GET} in a form body` }), 'cmd in a form body');
  return api.result();
};

const bodyTransport = (encoding: 'form' | 'multipart'): VoxScenario => async (req, ctx) => {
  const api = new Api(ctx, req);
  const good = await api.call(GET, { count: '1' }, { encoding, note: `count=1 in a ${encoding} body` });
  if (api.expectOk(good, `count=1 in a ${encoding} body`) && Array.isArray(good.body!.result) && good.body!.result.length > 1) {
    api.fail(good, { check: 'scenario', expected: 'at most 1 item', message: `${good.body!.result.length} items: the body's count was not read` });
  }
  api.expectError(await api.call(GET, { count: 'x' }, { encoding, note: `count=x in a ${encoding} body` }), `count=x in a ${encoding} body (read, so refused)`, [...SITUATION.syntax]);
  return api.result();
};

const unknownCommand: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  api.expectError(await api.call(GET, {}, { path: '/platform_api/SipcNoSuchMethod', note: '/platform_api/SipcNoSuchMethod' }), 'unknown method in the path', [...SITUATION.unknownCommand]);
  api.expectError(await api.call(GET, { cmd: 'SipcNoSuchMethod' }, { path: '/platform_api', note: 'cmd=SipcNoSuchMethod' }), 'unknown cmd', [...SITUATION.unknownCommand]);
  return api.result();
};

const errorEnvelope: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const schema = ctx.spec.envelope.schema;
  for (const call of await errorCalls(api)) {
    if (!api.expectError(call, call.case.note)) continue;
    const validate = ctx.spec.validators.validator(schema);
    if (!validate(call.body) || call.body!.result !== undefined) {
      api.fail(call, { check: 'error_envelope_conformance', expected: '{"error":{"code":<int>,"msg":<string>}} and no result', message: `${validate.errors?.[0]?.instancePath || '(root)'} ${validate.errors?.[0]?.message ?? 'has a result'}` });
    } else if (!DOCUMENTED_CODES.has(String(call.error!.code))) {
      api.fail(call, { level: 'SHOULD', check: 'error_code_conformance', expected: 'a code of the documented error list', message: `undocumented code ${String(call.error!.code)}` });
    }
  }
  return api.result();
};

const errorStatus: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  for (const call of await errorCalls(api)) {
    if (call.response.status !== 200 && !call.response.error) {
      api.fail(call, { level: 'SHOULD', check: 'status_code_conformance', expected: 'HTTP 200 with the error object', message: `HTTP ${call.response.status}` });
    }
  }
  return api.result();
};

/**
 * Any code point but a lone surrogate: what `unit: 'binary'` draws, without its one-off reverse
 * mapping of every code point (most of a second at load).
 */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff - 0x800 }).map((n) => String.fromCodePoint(n < 0xd800 ? n : n + 0x800));

const GARBAGE = fc.oneof(
  fc.string({ maxLength: 30, unit: anyCodePoint }),
  fc.constantFrom('99999999999999999999999', '-1', '1e308', 'NaN', '0x10', 'true;false', '١٢٣', '😀', '%00', '\u0000', ';;;', 'null', '[]', '{}', ' '),
);

const robust: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const ops: Method[] = ['GetSipRegistrations', 'UpdateSipRegistration', 'BindSipRegistration', 'DeleteSipRegistration'];
  const names = (op: Method) => ['sipc_unknown', ...Object.keys((ctx.spec.model.operations[op]!.input!.schema.properties ?? {}) as object).filter((n) => n !== 'sip_registration_id')];
  const arb = fc.oneof(
    ...ops.map((op) =>
      fc.record({
        op: fc.constant(op),
        // Never an id that exists: the registration id is a reserved unknown one, or garbage.
        id: fc.oneof(fc.nat().map(unknownId), fc.string({ minLength: 1, maxLength: 8 }).map((s) => `x${s}`)),
        pairs: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names(op)), fc.string({ maxLength: 10 })), GARBAGE), { maxLength: 6 }),
      }),
    ),
  );
  const details = await fc.check(
    fc.asyncProperty(arb, async ({ op, id, pairs }) => {
      const all: Array<[string, string]> = [...(op === GET ? [] : ([['sip_registration_id', id]] as Array<[string, string]>)), ...pairs.filter(([k]) => k !== 'sip_registration_id' && k !== 'cmd' && k !== 'bind')];
      if (op === 'BindSipRegistration') all.push(['bind', 'true']);
      const c = api.caseOf(op, {}, { note: `${op} ${JSON.stringify(all)}` });
      const auth = api.session.authorize(c);
      const url = new URL(`${api.session.target.replace(/\/+$/, '')}/platform_api/${op}`);
      for (const [k, v] of [...all, ...Object.entries(auth.query ?? {})]) url.searchParams.append(k, v);
      const call = await api.raw(c, { method: 'POST', url: url.toString(), headers: { ...api.session.defaultHeaders, ...auth.headers } });
      const answered = !call.response.error && call.response.status < 500 && (call.ok || call.error !== undefined);
      if (!answered) api.fail(call, { check: 'not_a_server_error', expected: 'a result or an error object, not a 5xx', message: `HTTP ${call.response.status} ${call.response.text.slice(0, 120)}` });
      return answered;
    }),
    { seed: ctx.seed, numRuns: ctx.runs },
  );
  if (details.failed && api.failures.length > 1) api.failures.splice(0, api.failures.length - 1);
  return api.result();
};

const authJwt: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  for (const role of ROLES) {
    if (!api.session.tokens[role]) continue;
    api.expectOk(await api.call(GET, { count: '1' }, { auth: { kind: 'valid', role }, note: `Bearer JWT of the ${role} key` }), `JWT of ${role}`);
  }
  return api.result();
};

const authApiKey: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  api.expectOk(await api.call(GET, { count: '1' }, { auth: { kind: 'valid', role: LEGACY }, note: 'account_id + api_key' }), 'legacy account_id + api_key');
  api.expectError(await api.call(GET, { count: '1' }, { auth: { kind: 'invalid', variant: 'wrongApiKey' }, note: 'account_id + a wrong api_key' }), 'a wrong api_key', [...SITUATION.wrongApiKey]);
  return api.result();
};

async function createOwn(api: Api, params: Params = {}, note = 'setup'): Promise<number | undefined> {
  const call = await api.call(CREATE, { sip_username: 'sipc-role', proxy: 'sipc-roles.example.net', ...params }, { note });
  if (!api.expectOk(call, `${note}: CreateSipRegistration`)) return undefined;
  return call.body!.sip_registration_id as number;
}

const roles: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const op = req.operation as Method;
  const allowed = ROLES_BY_METHOD[op];
  const missing = ROLES.filter((r) => !api.session.tokens[r]);
  const own: number[] = [];
  try {
    let subject: number | undefined;
    if (op === 'UpdateSipRegistration' || op === 'BindSipRegistration') {
      subject = await createOwn(api);
      if (subject === undefined) return api.result();
      own.push(subject);
    }
    for (const role of ROLES.filter((r) => api.session.tokens[r])) {
      let params: Params;
      switch (op) {
        case 'CreateSipRegistration': params = { sip_username: `sipc-role-${role.toLowerCase()}`, proxy: 'sipc-roles.example.net' }; break;
        case 'UpdateSipRegistration': params = { sip_registration_id: String(subject), sip_username: `sipc-role-${role.toLowerCase()}` }; break;
        case 'BindSipRegistration': params = { sip_registration_id: String(subject), application_id: String(api.session.cases!.app.id), bind: 'true' }; break;
        case 'DeleteSipRegistration': {
          const id = await createOwn(api);
          if (id === undefined) return api.result();
          own.push(id);
          params = { sip_registration_id: String(id) };
          break;
        }
        default: params = { count: '1' };
      }
      const call = await api.call(op, params, { auth: { kind: 'valid', role }, note: `${op} as ${role}` });
      if (op === CREATE && call.ok && typeof call.body!.sip_registration_id === 'number') own.push(call.body!.sip_registration_id);
      if (allowed.includes(role)) api.expectOk(call, `${role} is allowed`);
      else api.expectError(call, `${role} is not allowed`, [...SITUATION.role]);
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  const reason = missing.length ? `not checked: ${missing.join(', ')} (no credentials; config voximplant.credentials.${missing[0]!.toLowerCase()} ...)` : undefined;
  return api.result(reason);
};

/** Runs the requirement's parts (one operation and trigger each) through the engine and merges them. */
export async function runParts(req: Requirement, ctx: VoxContext, parts = PARTS[req.id] ?? []): Promise<ScenarioResult> {
  const api = new Api(ctx, req);
  const results: Array<{ label: string; result: RequirementResult }> = [];
  for (const part of parts) {
    const label = `${part.operation}${part.trigger.kind === 'constraint' ? ` ${part.trigger.path}` : ''}`;
    const skip = api.session.skipReason(operationNeeds(part.operation));
    if (skip) {
      results.push({ label, result: { ...req, verdict: 'skip', cases: 0, reason: skip, failures: [] } });
      continue;
    }
    const sub: Requirement = { ...req, operation: part.operation, trigger: part.trigger };
    api.session.nested.add(sub);
    results.push({ label, result: await ctx.runRequirement(sub) });
  }
  const ran = results.filter((r) => r.result.verdict !== 'skip');
  const failures = results.flatMap(({ label, result }) => result.failures.map((f) => ({ ...f, case: `${label}: ${f.case}` })));
  const skipped = results.filter((r) => r.result.verdict === 'skip');
  const reasons = [
    ...results.filter((r) => r.result.verdict !== 'skip' && r.result.reason).map((r) => `${r.label}: ${r.result.reason}`),
    ...(skipped.length ? [`skipped ${skipped.map((r) => r.label).join(', ')}: ${skipped[0]!.result.reason}`] : []),
  ];
  const verdict = ran.length === 0 ? 'skip' : ran.some((r) => r.result.verdict === 'fail') ? 'fail' : ran.some((r) => r.result.verdict === 'warn') ? 'warn' : 'pass';
  return { operation: req.operation, verdict, cases: results.reduce((n, r) => n + r.result.cases, 0), ...(reasons.length && { reason: reasons.join('; ') }), failures };
}

const composite: VoxScenario = (req, ctx) => runParts(req, ctx);

const cap: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const limit = api.session.config.registrationLimit!;
  const listing = await api.call(GET, { count: '100000' }, { note: 'how many registrations exist' });
  if (!api.expectOk(listing, 'GetSipRegistrations')) return api.result();
  const existing = Math.max(Number(listing.body!.count) || 0, (listing.body!.result as unknown[]).length);
  const own: number[] = [];
  try {
    for (let i = 0; i < limit - existing + 3; i++) {
      const call = await api.call(CREATE, { sip_username: `sipc-cap-${i}`, proxy: 'sipc-cap.example.net' }, { note: `registration ${existing + i + 1} of a limit of ${limit}` });
      if (call.ok) {
        own.push(call.body!.sip_registration_id as number);
        if (existing + own.length > limit) {
          api.fail(call, { check: 'scenario', expected: `an error once ${limit} registrations exist (272 SHOULD)`, message: `registration ${existing + own.length} was created` });
          break;
        }
        continue;
      }
      if (existing + own.length >= limit) api.expectError(call, `registration ${existing + own.length + 1} of a limit of ${limit}`, [...SITUATION.cap]);
      else api.expectError(call, 'creating');
      break;
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  return api.result(`${existing} registration(s) existed; created ${own.length}`);
};

const persistent: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const own: number[] = [];
  const notes: string[] = [];
  try {
    const id = await createOwn(api, { sip_username: 'sipc-default' }, 'is_persistent omitted');
    if (id !== undefined) {
      own.push(id);
      const get = await api.call(GET, { sip_registration_id: String(id) });
      const item = api.expectOk(get, 'GetSipRegistrations') ? (get.body!.result as Array<Record<string, unknown>>)[0] : undefined;
      if (get.ok && item?.is_persistent !== true) {
        api.fail(get, { level: item && 'is_persistent' in item ? 'MUST' : 'SHOULD', check: 'scenario', expected: 'is_persistent true (the default)', message: `is_persistent ${JSON.stringify(item?.is_persistent)}` });
      }
    }
    const t = api.session.scenario!;
    const user = t.users[0]!;
    for (const value of ['true', 'false']) {
      const call = await api.call(CREATE, { sip_username: `sipc-persistent-${value}`, proxy: 'sipc-persistent.example.net', is_persistent: value, application_id: String(user.app), user_id: String(user.id) }, { note: `is_persistent=${value} with user_id` });
      if (call.ok) own.push(call.body!.sip_registration_id as number);
      else if (!call.error || call.response.status >= 500) api.fail(call, { check: 'not_a_server_error', expected: 'a result or an error object', message: `HTTP ${call.response.status} ${call.response.text.slice(0, 120)}` });
      notes.push(`is_persistent=${value} with a user: ${call.ok ? 'accepted' : `refused (code ${String(call.error?.code)})`}`);
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  return api.result(`${notes.join('; ')} (seeds 001/002 disagree: neither reading is enforced)`);
};

const itemFields: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const t = api.session.scenario!;
  const user = t.users[0]!;
  const app = t.apps.find((a) => a.id === user.app)!;
  const rule = app.rules[0]!;
  const given = { sip_username: 'sipc-fields', proxy: 'sipc-fields.example.net', auth_user: 'sipc-auth', outbound_proxy: 'sipc-outbound.example.net', application_id: String(app.id), rule_id: String(rule.id), user_id: String(user.id) };
  const id = await createOwn(api, given, 'registration with every field');
  if (id === undefined) return api.result();
  try {
    const get = await api.call(GET, { sip_registration_id: String(id) });
    if (!api.expectOk(get, 'GetSipRegistrations')) return api.result();
    const item = (get.body!.result as Array<Record<string, unknown>>)[0];
    if (!item) {
      api.fail(get, { check: 'scenario', expected: `the item of registration ${id}`, message: 'no item' });
      return api.result();
    }
    const validate = ctx.spec.validators.validator(ctx.spec.model.schemas.SIPRegistration as Schema);
    if (!validate(item)) api.fail(get, { check: 'response_schema_conformance', expected: 'an item valid against SIPRegistration', message: `${validate.errors?.[0]?.instancePath || '(root)'} ${validate.errors?.[0]?.message}` });
    const want: Record<string, unknown> = { sip_registration_id: id, sip_username: given.sip_username, proxy: given.proxy, auth_user: given.auth_user, outbound_proxy: given.outbound_proxy, application_id: app.id, rule_id: rule.id, user_id: user.id };
    const names: Record<string, unknown> = { application_name: app.name, rule_name: rule.name, user_name: user.name };
    for (const [k, v] of Object.entries(want)) if (item[k] !== v) api.fail(get, { check: 'scenario', expected: `${k} = ${JSON.stringify(v)}`, message: `${k} = ${JSON.stringify(item[k])}` });
    // The names are optional in the vendor's type (SIPRegistration.applicationName?, ...): when given, they must be right.
    for (const [k, v] of Object.entries(names)) if (k in item && item[k] !== v) api.fail(get, { check: 'scenario', expected: `${k} = ${JSON.stringify(v)}`, message: `${k} = ${JSON.stringify(item[k])}` });
  } finally {
    await api.session.remove(id);
  }
  return api.result();
};

const statusFilter: VoxScenario = async (req, ctx) => {
  const syntax = await runParts(req, ctx, [{ operation: GET, trigger: { kind: 'constraint', location: 'query', path: '/status_code', keywords: ['format'] } }]);
  const semantics = await statusModel(req, ctx);
  const failures = [...syntax.failures, ...semantics.failures];
  const verdict = [syntax.verdict, semantics.verdict].includes('fail') ? 'fail' : [syntax.verdict, semantics.verdict].includes('warn') ? 'warn' : 'pass';
  return { operation: req.operation, verdict, cases: syntax.cases + semantics.cases, failures, ...((syntax.reason || semantics.reason) && { reason: [syntax.reason, semantics.reason].filter(Boolean).join('; ') }) };
};

export const scenarios: Record<string, VoxScenario> = {
  transportPath,
  transportCmd,
  transportForm: bodyTransport('form'),
  transportMultipart: bodyTransport('multipart'),
  unknownCommand,
  errorEnvelope,
  errorStatus,
  robust,
  authJwt,
  authApiKey,
  roles,
  composite,
  cap,
  persistent,
  itemFields,
  statusFilter,
  model: modelScenario,
};

