// The bundled BAS-IP CamDroid spec: seed 003 as OpenAPI, its catalogue, and the shared BAS-IP session.
import { basipCamdroidMock } from './mock/index.ts';
import { type CheckOutcome, type ConformanceSpec, type ErrorEnvelope, isRecord, outcome } from '../../src/index.ts';
import { envelopeOutcomes, paramOutcomes } from '../basip-common/error-sweeps.ts';
import { basipSpec } from '../basip-common/spec.ts';
import { catalogue, ERROR_400, isFieldRequirement, isInvalidInputRequirement, SWEEPS } from './catalogue.ts';
import { document, line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';
import { undecided } from './undecided.ts';
import { wireRequirements, wireScenarios } from '../basip-common/wire.ts';
import { wire } from './wire.ts';

const errorOf = (body: unknown) => (isRecord(body) && isRecord(body.error) ? body.error : undefined);

/**
 * codes = [error.code]; params = the keys of error.data, and a `param` value's names (the seed's
 * example {"param": "must be a string"} leaves open whether `param` stands for the name or holds it).
 */
export const readCamdroidError: ErrorEnvelope['read'] = (body) => {
  const error = errorOf(body);
  const data = isRecord(error?.data) ? error.data : {};
  const named = typeof data.param === 'string' ? data.param.split(/[\s,;]+/).filter(Boolean) : [];
  return {
    codes: typeof error?.code === 'string' ? [error.code] : [],
    params: [...Object.keys(data), ...named],
  };
};

/** The code is documented; the message text ("Log In" in the example) is not required. */
function unauthorizedJudge(body: unknown): CheckOutcome[] {
  const error = errorOf(body);
  return [outcome('error_code_conformance', error?.code === 'invalid_authentication', 'MUST', `error.code ${JSON.stringify(error?.code)}, expected "invalid_authentication"`)];
}

export function load(): Promise<ConformanceSpec> {
  return basipSpec({
    target: { name: 'basip-camdroid', loginPath: LOGIN_PATH, settingsPath: SETTINGS_PATH, mock: basipCamdroidMock },
    document,
    origin: 'typescript:specs/basip-camdroid/openapi.ts',
    envelope: { source: ERROR_400, read: readCamdroidError },
    sweeps: SWEEPS,
    catalogue: () => [...catalogue(), ...wireRequirements(wire)],
    unauthorized: { judge: unauthorizedJudge, expected: '{"error":{"code":"invalid_authentication","message":"Log In"}}' },
    errorEnvelope: {
      select: isInvalidInputRequirement,
      expected: '400 {"error":{"code":"not_valid","message":<string>}}',
      judge: (_c, response, spec) => envelopeOutcomes(response, spec, response.status === 400 ? ['not_valid'] : undefined),
    },
    errorParam: {
      select: isFieldRequirement,
      expected: '400 whose error.data names the failing parameter',
      judge: (c, response, spec) => (response.status === 400 ? paramOutcomes(c, response, spec) : []),
    },
    scenarios: wireScenarios(wire),
    undecided: undecided(),
    responseMediaTypeSource: line('18, 33', '- application/json'),
  });
}
