// The bundled Voximplant spec: Management API SIPRegistration methods (seeds 001, 002, vendor docs).
import {
  type ConformanceSpec, defineVendor, type ErrorEnvelope, isRecord, loadSpecDocument, type Schema, Validators,
} from '../../src/index.ts';
import { voximplantMock } from './mock/index.ts';
import { catalogue } from './catalogue.ts';
import { settings } from './config.ts';
import { VOXIMPLANT_FORMATS } from './formats.ts';
import { SEED_001, SEED_002, VENDOR, voximplantDocument } from './openapi.ts';
import { notices } from './notices.ts';
import { rules } from './rules.ts';
import { scenarios } from './scenarios.ts';
import { openSession } from './session.ts';
import { undecided } from './undecided.ts';


/** `{"error": {"code": <int>, "msg": <string>}}`; the parameter is the quoted name in msg, when there is one. */
function readError(body: unknown): { codes: string[]; params: string[] } {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (!error) return { codes: [], params: [] };
  const codes = error.code === undefined || error.code === null ? [] : [String(error.code)];
  const msg = typeof error.msg === 'string' ? error.msg : '';
  const params = [...msg.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
  return { codes, params };
}

export const AMBIGUITIES = [
  `is_persistent with a user: ${SEED_001} describes non-persistent registrations as the ones "initiated only when the specified user (with user_id or user_name) logs in", while ${SEED_002} says "You should set is_persistent=true if you specify the user_id or user_name". The suite accepts a result or an error object for either combination (VOX-CREATE-PERSISTENT reports which) and binds users in its stateful runs without sending is_persistent.`,
  `GetSipRegistrations deactivated=false and successful=false: "Whether to show the frozen/successful SIP registrations only" reads either as a filter (only non-frozen/unsuccessful) or as "no filter"; VOX-GET-FILTER accepts both.`,
  'Which error code a method answers for which fault is not documented: an error object (and no result) is required, the code is a SHOULD that accepts every code the vendor error list makes legitimate for the fault (and for any other rule the call breaks).',
];

export async function load(): Promise<ConformanceSpec> {
  const model = await loadSpecDocument(voximplantDocument(), 'typescript:specs/voximplant/openapi.ts', { validated: true });
  // Every method answers GET and POST alike; only Create has an effect a repeat would double (and bill).
  for (const op of Object.values(model.operations)) op.idempotent = op.id !== 'CreateSipRegistration';
  const envelope: ErrorEnvelope = {
    schema: model.schemas.Error as Schema,
    source: `${VENDOR}: {"error": {"code": <int>, "msg": <string>}}`,
    level: 'MUST',
    read: readError,
    isError: (body) => isRecord(body) && body.error !== undefined,
  };
  const spec: ConformanceSpec = defineVendor({
    name: 'voximplant',
    model,
    catalogue,
    envelope,
    responseMediaType: { pattern: /^application\/json\b/i, level: 'MUST', source: `${VENDOR}: JSON responses` },
    rules,
    validators: new Validators(VOXIMPLANT_FORMATS),
    fixtures: {},
    scenarios,
    mock: voximplantMock,
    ambiguities: AMBIGUITIES,
    undecided,
    sequentialCases: true,
    settings,
    notices,
    open: (s, transport) => openSession(s, transport, () => spec),
    rateLimit: { limit: 5, windowMs: 1000, source: 'inferred: a gentle default (the Management API documents no request rate)' },
  });
  return spec;
}
