// Voximplant's HTTP API as a protocol: the method in the path or in `cmd`, parameters in the query,
// a form or a multipart body, unknown methods, the error envelope and its status, and robustness
// against garbage parameters.
import fc from 'fast-check';
import { Api, GET, type VoxScenario } from './api.ts';
import { DOCUMENTED_ERROR_CODES, SITUATION } from './error-codes.ts';
import { unknownId } from './formats.ts';
import type { Method } from './openapi.ts';

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

export const protocolScenarios: Record<string, VoxScenario> = {
  transportPath,
  transportCmd,
  transportForm: bodyTransport('form'),
  transportMultipart: bodyTransport('multipart'),
  unknownCommand,
  errorEnvelope,
  errorStatus,
  robust,
};
