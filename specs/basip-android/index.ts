// The bundled BAS-IP Android spec: seed 004 as OpenAPI, its catalogue, and the shared BAS-IP session.
import { basipAndroidMock } from '../../mocks/basip-android.ts';
import type { CheckOutcome } from '../../src/checks.ts';
import type { ErrorEnvelope } from '../../src/model.ts';
import type { ConformanceSpec } from '../../src/spec.ts';
import { acceptedVariant, envelopeOutcomes, outcome, paramOutcomes } from '../basip-common/scenarios.ts';
import { basipSpec } from '../basip-common/spec.ts';
import { catalogue, isInvalidInputRequirement, namesParam, SWEEPS } from './catalogue.ts';
import { document, line, LOGIN_PATH, SEED, SETTINGS_PATH } from './openapi.ts';

const errorString = (body: unknown): string | undefined => {
  const error = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : undefined;
};

/**
 * Codes from the documented strings: "Wrong JSON body: no value for `x`" -> missing (param x),
 * "Wrong JSON body: value `x` was of the wrong type" -> wrong-type (param x), "Wrong JSON body" with
 * or without another detail -> body (params: any `names` in it), "Log In" -> log-in, else other.
 */
export const readAndroidError: ErrorEnvelope['read'] = (body) => {
  const error = errorString(body);
  if (error === undefined) return { codes: [], params: [] };
  const missing = /^Wrong JSON body: no value for `([^`]*)`$/.exec(error);
  if (missing) return { codes: ['missing'], params: [missing[1]!] };
  const wrongType = /^Wrong JSON body: value `([^`]*)` was of the wrong type$/.exec(error);
  if (wrongType) return { codes: ['wrong-type'], params: [wrongType[1]!] };
  if (/^Wrong JSON body(?::|$)/.test(error)) return { codes: ['body'], params: [...error.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
  return { codes: [error === 'Log In' ? 'log-in' : 'other'], params: [] };
};

function unauthorizedJudge(body: unknown): CheckOutcome[] {
  const error = errorString(body);
  return [
    outcome('error_envelope_conformance', error !== undefined, 'MUST', `body ${JSON.stringify(body)?.slice(0, 80)}, expected {"error":<string>}`),
    outcome('error_message', error === 'Log In', 'SHOULD', `error ${JSON.stringify(error)}, expected "Log In"`),
  ];
}

export function loadBasipAndroid(): Promise<ConformanceSpec> {
  return basipSpec({
    target: { name: 'basip-android', loginPath: LOGIN_PATH, settingsPath: SETTINGS_PATH, mock: basipAndroidMock },
    document,
    origin: 'typescript:specs/basip-android/openapi.ts',
    envelope: { source: line('76-90', '- error string Error information'), read: readAndroidError },
    sweeps: SWEEPS,
    catalogue,
    unauthorized: { judge: unauthorizedJudge, expected: '{"error":"Log In"}' },
    errorEnvelope: {
      select: isInvalidInputRequirement,
      expected: '4xx {"error":<string>}',
      judge: (_c, response, spec) => envelopeOutcomes(response, spec),
    },
    errorParam: {
      select: namesParam,
      expected: '400 naming the missing or wrong-typed field',
      judge: (c, response, spec) => (response.status === 400 ? paramOutcomes(c, response, spec, ['required', 'type']) : []),
    },
    scenarios: {
      userIdEmpty: acceptedVariant((input) => ({ ...input, user_id: '' }), 'user_id ""', 'SHOULD'),
    },
    responseMediaTypeSource: line('3, 70, 92', '- application/json'),
    ambiguities: [
      `${SEED} lines 29-34: user_id is "non-empty" but its regex is {0,31}: "" is never sent as valid input, and accepting it is only a SHOULD (BASIP-ANDROID-USER-ID-EMPTY).`,
    ],
  });
}
