// Checks: small pure functions of (case, expectation, response). Names follow Schemathesis' style.
import type { Validators } from '../model/validators.ts';
import type { Expected } from './expectation.ts';
import type { HttpResponse } from '../http/client.ts';
import type { ErrorEnvelope, Level, Operation, Schema } from '../model/types.ts';

export interface CheckInput {
  expected: Expected;
  response: HttpResponse;
  operation: Operation;
  envelope: ErrorEnvelope;
  validators: Validators;
  responseMediaType?: { pattern: RegExp; level: Level; source: string };
}

export interface CheckOutcome {
  check: string;
  ok: boolean;
  level: Level;
  message: string;
}

export type Check = (input: CheckInput) => CheckOutcome | undefined;

const ok2xx = (r: HttpResponse) => r.status >= 200 && r.status < 300;
const rejected = (r: HttpResponse) => r.status >= 400 && r.status < 500;
/** A 2xx whose body the envelope's `isError` hook calls an error (errors sent with HTTP 200). */
const errorIn2xx = (r: HttpResponse, e: ErrorEnvelope) =>
  ok2xx(r) && !!e.isError && !!r.json && 'value' in r.json && e.isError(r.json.value);
/** A 2xx that is not an error object: the server took the request. */
export const succeeded = (r: HttpResponse, e: ErrorEnvelope) => ok2xx(r) && !errorIn2xx(r, e);
const isErrorResponse = (r: HttpResponse, e: ErrorEnvelope) => rejected(r) || errorIn2xx(r, e);
const answered = (r: HttpResponse) => !r.error;
const excerpt = (text: string) => (text.length > 160 ? `${text.slice(0, 160)}…` : text);
// Messages are built only for failures: the checks run on every case, and most pass.
const outcome = (check: string, ok: boolean, level: Level, message: () => string): CheckOutcome => ({ check, ok, level, message: ok ? 'ok' : message() });

export const response_received: Check = ({ response }) =>
  outcome('response_received', !response.error, 'MUST', () => `${response.error!.cause}: ${response.error!.message}`);

export const not_a_server_error: Check = ({ response }) =>
  answered(response) ? outcome('not_a_server_error', response.status < 500, 'MUST', () => `status ${response.status} ${excerpt(response.text)}`) : undefined;

export const positive_data_acceptance: Check = ({ expected, response, envelope }) =>
  expected.accept === true && answered(response) && response.status < 500
    ? outcome('positive_data_acceptance', succeeded(response, envelope), 'MUST', () => `valid input answered ${response.status} ${excerpt(response.text)}`)
    : undefined;

export const negative_data_rejection: Check = ({ expected, response, envelope }) =>
  expected.accept === false && answered(response)
    ? outcome('negative_data_rejection', !succeeded(response, envelope), expected.statusLevel, () => `invalid input answered ${response.status}, expected ${expected.status.join(' or ')}`)
    : undefined;

export const status_code_conformance: Check = ({ expected, response, envelope }) =>
  expected.accept === false && answered(response) && !succeeded(response, envelope) && response.status < 500
    ? outcome('status_code_conformance', expected.status.includes(response.status), expected.statusLevel, () => `status ${response.status}, expected ${expected.status.join(' or ')}`)
    : undefined;

export const error_code_conformance: Check = ({ expected, response, envelope }) => {
  if (expected.accept !== false || !expected.codes || !answered(response) || !isErrorResponse(response, envelope)) return undefined;
  const body = response.json && 'value' in response.json ? response.json.value : undefined;
  const codes = body === undefined ? [] : envelope.read(body).codes;
  const hit = codes.some((c) => expected.codes!.includes(c));
  const { words } = envelope;
  const said = () => (words ? `error ${JSON.stringify(words.in(body)) ?? '(no error string)'}, expected ${expected.codes!.map(words.of).join(' or ')}` : `error code ${codes.length ? codes.join(', ') : '(none)'}, expected ${expected.codes!.join(' or ')}`);
  return outcome('error_code_conformance', hit, expected.codeLevel ?? 'MUST', said);
};

export const error_param_named: Check = ({ expected, response, envelope }) => {
  if (expected.accept !== false || !expected.paramLevel || expected.params.length === 0 || !answered(response) || !isErrorResponse(response, envelope)) return undefined;
  const named = response.json && 'value' in response.json ? envelope.read(response.json.value).params : [];
  const hit = named.some((n) => expected.params.some((p) => sameParam(n, p)));
  return outcome('error_param_named', hit, expected.paramLevel, () => `error names ${named.length ? named.join(', ') : '(no parameter)'}, expected ${[...new Set(expected.params)].join(' or ')}`);
};

export const error_envelope_conformance: Check = ({ response, envelope, validators }) => {
  if (envelope.documented === false || !answered(response) || !isErrorResponse(response, envelope)) return undefined;
  return schemaOutcome('error_envelope_conformance', response, envelope.schema, envelope.level, validators);
};

export const response_schema_conformance: Check = ({ expected, response, operation, envelope, validators }) =>
  expected.accept === true && answered(response) && succeeded(response, envelope) && operation.success
    ? schemaOutcome('response_schema_conformance', response, operation.success, 'MUST', validators)
    : undefined;

export const content_type_conformance: Check = ({ response, responseMediaType }) => {
  if (!responseMediaType || !answered(response) || response.status >= 500 || response.text === '') return undefined;
  const type = response.headers['content-type'] ?? '';
  return outcome('content_type_conformance', responseMediaType.pattern.test(type), responseMediaType.level, () => `content-type "${type}", expected ${responseMediaType.pattern}`);
};

export const ALL_CHECKS: Check[] = [
  response_received,
  not_a_server_error,
  positive_data_acceptance,
  negative_data_rejection,
  status_code_conformance,
  error_code_conformance,
  error_param_named,
  error_envelope_conformance,
  response_schema_conformance,
  content_type_conformance,
];

export function runChecks(input: CheckInput, checks: Check[] = ALL_CHECKS): CheckOutcome[] {
  return checks.map((c) => c(input)).filter((o): o is CheckOutcome => o !== undefined);
}

function schemaOutcome(check: string, response: HttpResponse, schema: Schema, level: Level, validators: Validators): CheckOutcome {
  if (!response.json) return outcome(check, false, level, () => `body is not JSON: ${excerpt(response.text) || '(empty)'}`);
  if ('invalid' in response.json) return outcome(check, false, level, () => `invalid JSON: ${(response.json as { invalid: string }).invalid}`);
  const validate = validators.validator(schema);
  const valid = validate(response.json.value);
  return outcome(check, valid, level, () => schemaErrors(validate.errors ?? []));
}

/** Schema errors shown in a failure, at most; the rest are counted. */
export const SCHEMA_ERRORS_SHOWN = 5;

/** Every distinct schema error, the first few in full and the rest counted. */
function schemaErrors(errors: { instancePath: string; message?: string }[]): string {
  const all = [...new Set(errors.map((e) => `${e.instancePath || '(root)'} ${e.message ?? 'does not match'}`))];
  if (all.length === 0) return '(root) does not match';
  const more = all.length - SCHEMA_ERRORS_SHOWN;
  return all.slice(0, SCHEMA_ERRORS_SHOWN).join('; ') + (more > 0 ? `; and ${more} more` : '');
}

/** `sipInfo[0].transport`, `sipInfo.0.transport`, `transport` all name `sipInfo.transport`. */
function sameParam(named: string, expected: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\[\d+\]|\.\d+(?=\.|$)/g, '').replace(/^\//, '').replace(/\//g, '.');
  const n = norm(named);
  const e = norm(expected);
  return n === e || e.endsWith(`.${n}`) || n.endsWith(`.${e}`) || e.split('.')[0] === n;
}
