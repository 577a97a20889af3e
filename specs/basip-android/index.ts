// The bundled BAS-IP Android spec: seed 004 as OpenAPI, its catalogue, and the shared BAS-IP session.
import { basipAndroidMock } from './mock/index.ts';
import { type CheckOutcome, type ConformanceSpec, type ErrorEnvelope, outcome } from '../../src/index.ts';
import { envelopeOutcomes, paramOutcomes } from '../basip-common/error-sweeps.ts';
import { basipSpec } from '../basip-common/spec.ts';
import { catalogue, isInvalidInputRequirement, namesParam, SWEEPS } from './catalogue.ts';
import { document, line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';
import { undecided } from './undecided.ts';
import { wireRequirements, wireScenarios } from '../basip-common/wire.ts';
import { wire } from './wire.ts';

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

/** The documented strings behind readAndroidError's labels, for reports. */
const ANDROID_STRINGS: Record<string, string> = {
  body: '"Wrong JSON body"',
  missing: '"Wrong JSON body: no value for `<field>`"',
  'wrong-type': '"Wrong JSON body: value `<field>` was of the wrong type"',
  'log-in': '"Log In"',
  other: 'another error string',
};

/** {"error": <string>} is documented; the text ("Log In" in the example) is not required. */
function unauthorizedJudge(body: unknown): CheckOutcome[] {
  const error = errorString(body);
  return [outcome('error_envelope_conformance', error !== undefined, 'MUST', `body ${JSON.stringify(body)?.slice(0, 80)}, expected {"error":<string>}`)];
}

export function load(): Promise<ConformanceSpec> {
  return basipSpec({
    target: { name: 'basip-android', loginPath: LOGIN_PATH, settingsPath: SETTINGS_PATH, mock: basipAndroidMock },
    document,
    origin: 'typescript:specs/basip-android/openapi.ts',
    envelope: { source: line('76-90', '- error string Error information'), read: readAndroidError, words: { of: (code) => ANDROID_STRINGS[code] ?? code, in: errorString } },
    sweeps: SWEEPS,
    catalogue: () => [...catalogue(), ...wireRequirements(wire)],
    unauthorized: { judge: unauthorizedJudge, expected: '{"error":"Log In"}' },
    errorEnvelope: {
      select: isInvalidInputRequirement,
      expected: '4xx {"error":<string>}',
      judge: (_c, response, spec) => envelopeOutcomes(response, spec),
    },
    errorParam: {
      select: namesParam,
      expected: '400 whose "no value for" / "was of the wrong type" string names the field',
      // The generic "Wrong JSON body" names nothing and is a legitimate answer to a wrong type.
      judge: (c, response, spec) => {
        const body = response.json && 'value' in response.json ? response.json.value : undefined;
        const { codes } = readAndroidError(body);
        const naming = codes.includes('missing') || codes.includes('wrong-type');
        return response.status === 400 && naming ? paramOutcomes(c, response, spec, ['required', 'type']) : [];
      },
    },
    scenarios: wireScenarios(wire),
    undecided: undecided(),
    responseMediaTypeSource: line('3, 70, 92', '- application/json'),
  });
}
