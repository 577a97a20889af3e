import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/model/validators.ts';
import * as checks from '../../src/judge/checks.ts';
import type { CheckInput } from '../../src/judge/checks.ts';
import type { Expected } from '../../src/judge/expectation.ts';
import type { HttpResponse } from '../../src/http/client.ts';
import type { ErrorEnvelope, Operation } from '../../src/model/types.ts';

const envelope: ErrorEnvelope = {
  schema: { type: 'object', required: ['errors'], properties: { errors: { type: 'array', minItems: 1, items: {} } } },
  source: 'test',
  level: 'MUST',
  read: (b) => {
    const errors = ((b as { errors?: { errorCode?: string; parameterName?: string }[] })?.errors ?? []);
    return { codes: errors.map((e) => e.errorCode!).filter(Boolean), params: errors.map((e) => e.parameterName!).filter(Boolean) };
  },
};
const operation: Operation = { id: 'op', method: 'POST', path: '/x', errors: {}, success: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } };
const accept: Expected = { accept: true };
const reject: Expected = { accept: false, status: [400], statusLevel: 'MUST', codes: ['SPR-114'], codeLevel: 'MUST', params: ['device.id'], paramLevel: 'SHOULD', requirements: ['R'] };

function response(status: number, body?: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): HttpResponse {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  let json: HttpResponse['json'];
  try {
    json = text ? { value: JSON.parse(text) } : undefined;
  } catch (err) {
    json = { invalid: (err as Error).message };
  }
  return { status, headers, text, json, ms: 1 };
}

const input = (expected: Expected, r: HttpResponse): CheckInput => ({
  expected,
  response: r,
  operation,
  envelope,
  validators: new Validators(),
  responseMediaType: { pattern: /^application\/json\b/i, level: 'MUST', source: 'test' },
});

const goodError = { errors: [{ errorCode: 'SPR-114', message: 'too long', parameterName: 'device.id' }] };

/** Each check with an input it passes and one it fails. */
const cases: [keyof typeof checks, CheckInput, CheckInput][] = [
  ['response_received', input(accept, response(200, { id: 'a' })), input(accept, { ...response(0), error: { cause: 'timeout', message: 'no response' } })],
  ['not_a_server_error', input(reject, response(400, goodError)), input(reject, response(503, goodError))],
  ['positive_data_acceptance', input(accept, response(200, { id: 'a' })), input(accept, response(400, goodError))],
  ['negative_data_rejection', input(reject, response(400, goodError)), input(reject, response(200, { id: 'a' }))],
  ['status_code_conformance', input(reject, response(400, goodError)), input(reject, response(403, goodError))],
  ['error_code_conformance', input(reject, response(400, goodError)), input(reject, response(400, { errors: [{ errorCode: 'CMN-101', message: 'x' }] }))],
  ['error_param_named', input(reject, response(400, goodError)), input(reject, response(400, { errors: [{ errorCode: 'SPR-114', message: 'x', parameterName: 'sipInfo' }] }))],
  ['error_envelope_conformance', input(reject, response(400, goodError)), input(reject, response(400, { errorCode: 'SPR-114' }))],
  ['response_schema_conformance', input(accept, response(200, { id: 'a' })), input(accept, response(200, { id: 7 }))],
  ['content_type_conformance', input(accept, response(200, { id: 'a' }, { 'content-type': 'application/json;charset=UTF-8' })), input(accept, response(200, { id: 'a' }, { 'content-type': 'text/html' }))],
];

describe('checks', () => {
  it.each(cases)('%s passes a conforming response and fails a deviating one', (name, good, bad) => {
    const check = checks[name] as checks.Check;
    expect(check(good)).toMatchObject({ check: name, ok: true });
    expect(check(bad)).toMatchObject({ check: name, ok: false });
  });

  it('takes its level from the expectation: a SHOULD code mismatch is a warning, not a failure', () => {
    const soft = checks.error_code_conformance(input({ ...reject, codeLevel: 'SHOULD' }, response(400, { errors: [{ errorCode: 'X' }] })));
    expect(soft).toMatchObject({ ok: false, level: 'SHOULD' });
  });

  it('names the cause when the body is not JSON', () => {
    expect(checks.error_envelope_conformance(input(reject, response(400, '<html>oops')))?.message).toMatch(/not JSON|invalid JSON/);
    expect(checks.response_schema_conformance(input(accept, response(200, '{"id":')))).toMatchObject({ ok: false, message: expect.stringMatching(/invalid JSON/) });
  });

  it('matches parameter names however the server spells the path', () => {
    for (const named of ['device.id', 'device[0].id', 'id', 'DEVICE.ID']) {
      expect(checks.error_param_named(input(reject, response(400, { errors: [{ errorCode: 'SPR-114', parameterName: named }] })))!.ok, named).toBe(true);
    }
  });

  it('does not apply checks that have nothing to say', () => {
    expect(checks.error_code_conformance(input(accept, response(200, { id: 'a' })))).toBeUndefined();
    expect(checks.positive_data_acceptance(input(reject, response(400, goodError)))).toBeUndefined();
    expect(checks.not_a_server_error(input(reject, { ...response(0), error: { cause: 'reset', message: 'x' } }))).toBeUndefined();
  });
});
