// The bundled BAS-IP CamDroid spec: seed 003 as OpenAPI, its catalogue, and the shared BAS-IP session.
import { basipCamdroidMock } from '../../mocks/basip-camdroid.ts';
import type { CheckOutcome } from '../../src/checks.ts';
import type { ErrorEnvelope, JsonObject } from '../../src/model.ts';
import type { ConformanceSpec } from '../../src/spec.ts';
import { envelopeOutcomes, outcome, paramOutcomes, acceptedVariant } from '../basip-common/scenarios.ts';
import { basipSpec } from '../basip-common/spec.ts';
import { catalogue, ERROR_400, isFieldRequirement, isInvalidInputRequirement, SWEEPS } from './catalogue.ts';
import { document, line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const errorOf = (body: unknown) => (isObject(body) && isObject(body.error) ? body.error : undefined);

/** codes = [error.code], params = the keys of error.data. */
export const readCamdroidError: ErrorEnvelope['read'] = (body) => {
  const error = errorOf(body);
  return {
    codes: typeof error?.code === 'string' ? [error.code] : [],
    params: isObject(error?.data) ? Object.keys(error.data) : [],
  };
};

function unauthorizedJudge(body: unknown): CheckOutcome[] {
  const error = errorOf(body);
  return [
    outcome('error_code_conformance', error?.code === 'invalid_authentication', 'MUST', `error.code ${JSON.stringify(error?.code)}, expected "invalid_authentication"`),
    outcome('error_message', error?.message === 'Log In', 'SHOULD', `error.message ${JSON.stringify(error?.message)}, expected "Log In"`),
  ];
}

export function loadBasipCamdroid(): Promise<ConformanceSpec> {
  return basipSpec({
    target: { name: 'basip-camdroid', loginPath: LOGIN_PATH, settingsPath: SETTINGS_PATH, mock: basipCamdroidMock },
    document,
    origin: 'typescript:specs/basip-camdroid/openapi.ts',
    envelope: { source: ERROR_400, read: readCamdroidError },
    sweeps: SWEEPS,
    catalogue,
    unauthorized: { judge: unauthorizedJudge, expected: '{"error":{"code":"invalid_authentication","message":"Log In"}}' },
    errorEnvelope: {
      select: isInvalidInputRequirement,
      expected: '400 {"error":{"code":"not_valid","message":<string>,"data":{..}}}',
      judge: (_c, response, spec) => {
        if (response.status !== 400) return envelopeOutcomes(response, spec);
        const data = errorOf(response.json && 'value' in response.json ? response.json.value : undefined)?.data;
        return [
          ...envelopeOutcomes(response, spec, ['not_valid']),
          outcome('error_data', isObject(data), 'MUST', isObject(data) ? 'error.data present' : 'no error.data object in the 400 answer'),
        ];
      },
    },
    errorParam: {
      select: isFieldRequirement,
      expected: '400 whose error.data names the failing parameter',
      judge: (c, response, spec) => (response.status === 400 ? paramOutcomes(c, response, spec) : []),
    },
    scenarios: {
      h264Default: acceptedVariant(
        (input) => {
          delete input.h264;
          return input;
        },
        'h264 omitted',
        'MUST',
        { field: 'h264', value: 102, level: 'SHOULD' },
      ),
    },
    exclusiveScenarios: ['h264Default'],
    responseMediaTypeSource: line('18, 33', '- application/json'),
  });
}
