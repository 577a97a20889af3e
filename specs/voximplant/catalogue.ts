// Voximplant SIPRegistration error catalogue: one entry per requirement, with what each needs from
// the target (billable creation, credentials, account objects) and whether it runs alone.
import {
  type CatalogueEntry, covers as coversOf, type Expectation, type Level, type Requirement, type Trigger, type Violation,
} from '../../src/index.ts';
import { SITUATION } from './error-codes.ts';
import { type Method, NODE_CLIENT, SEED_001, SEED_002, VENDOR } from './openapi.ts';
import { REGISTER_WITHIN_S } from './wire.ts';

const ERRORS = 'reference-specs/voximplant-api-error-codes.json';
/** Errors come in HTTP 200 bodies; any non-5xx status is accepted for them (VOX-ERROR-STATUS asks for 200). */
export const ERROR_STATUS = [200, 400, 401, 403, 404, 405, 409, 413, 415, 422];
const err = (codes: readonly string[], level: Level = 'MUST'): Expectation => ({ status: ERROR_STATUS, statusLevel: level, codes: [...new Set(codes)], codeLevel: 'SHOULD' });
const ok: Expectation = { status: [200], statusLevel: 'MUST' };

/** A piece of a requirement that spans several methods: one operation, one trigger. */
export interface Part { operation: Method; trigger: Trigger }

export type Need = 'create' | 'scratch' | 'accountData' | 'jwt' | 'apiKey' | 'limit';

/**
 * What running cases of an operation needs: creating is billable; Update/Bind work on the
 * session's own registration; only Bind always binds (to objects of config accountData).
 */
export function operationNeeds(op: Method): Need[] {
  if (op === 'CreateSipRegistration') return ['create'];
  if (op === 'UpdateSipRegistration') return ['scratch'];
  if (op === 'BindSipRegistration') return ['scratch', 'accountData'];
  return [];
}

interface Entry extends CatalogueEntry<Need> {
  parts?: Part[];
}

const q = (path: string, ...keywords: string[]): Trigger => ({ kind: 'constraint', location: 'query', path, keywords });
const rule = (name: string): Trigger => ({ kind: 'rule', rule: name });
const scenario = (name: string): Trigger => ({ kind: 'scenario', scenario: name });

const INT_PARAMS: Record<Method, string[]> = {
  CreateSipRegistration: ['is_persistent', 'application_id', 'rule_id', 'user_id'],
  UpdateSipRegistration: ['sip_registration_id', 'application_id', 'rule_id', 'user_id'],
  BindSipRegistration: ['sip_registration_id', 'application_id', 'rule_id', 'user_id', 'bind'],
  DeleteSipRegistration: ['sip_registration_id'],
  GetSipRegistrations: ['sip_registration_id', 'deactivated', 'successful', 'is_persistent', 'is_bound_to_application', 'in_progress', 'count', 'offset'],
};
/** Integer lists: string lists have no value every reading refuses (docs/undecided/voximplant.md). */
const LISTS = ['application_id', 'rule_id', 'user_id'];

const BINDING_OPS: Method[] = ['CreateSipRegistration', 'UpdateSipRegistration', 'BindSipRegistration'];
const FIELD_OPS: Method[] = ['CreateSipRegistration', 'UpdateSipRegistration'];

/** Model-based requirements whose commands bind registrations to objects of the account. */
const BINDING_MODELS = new Set(['VOX-BIND-APPLIES', 'VOX-BIND-UNBIND', 'VOX-ONE-PER-USER', 'VOX-GET-FILTER']);

const seedRule = (text: string) => `${SEED_001} and ${SEED_002}: "${text}"`;

const TYPE_DOC = 'Voximplant HTTP API docs, SIPRegistrationType (voximplant.com/docs/references/httpapi/sipregistrationtype): successful "The successful SIP registration", status_code "The status code from a SIP registration" (optional), error_message';
const PLATFORM_REGISTERS = `${SEED_001} line 4: CreateSipRegistration "the platform registers as a user on a 3rd party SIP server"; persistent registration "lasts until deleted"`;
const WIRE_ENTRIES: Entry[] = (
  [
    ['VOX-WIRE-REGISTER', 'CreateSipRegistration', `a persistent registration whose proxy is the suite's registrar makes the platform REGISTER there: the To user is sip_username (a From other than To, a third-party registration RFC 3261 10.2 allows, is shown, not judged), the digest username is auth_user, the digest response verifies with password (within ${REGISTER_WITHIN_S} s, inferred: how fast is undocumented)`, `${PLATFORM_REGISTERS}; ${SEED_001} lines 13-24: sip_username "The user name", proxy "The SIP proxy", auth_user "The SIP authentications user", password "The SIP password"; RFC 3261 10.2 (To carries the address of record; From is the same unless the registration is third-party), 22.2 and 22.4 (digest)`, 'wireRegister'],
    ['VOX-WIRE-STATUS', 'GetSipRegistrations', "after the registrar's 200, GetSipRegistrations reports the registration successful (status_code 200 when given); still no outcome after 30 s skips (undocumented)", `${TYPE_DOC}; ${SEED_002}: GetSipRegistrations successful "Whether to show the successful SIP registrations only", in_progress "Whether SIP registration is still in progress"`, 'wireStatus'],
    ['VOX-WIRE-REFUSED', 'GetSipRegistrations', 'a 403 the registrar gives to the authenticated REGISTER is reported: successful false, status_code 403 (MUST when status_code is given; its absence SHOULD not be)', `${TYPE_DOC}; ${VENDOR}: SIPRegistrationFailCallback ("one or several SIP registrations are failed", status_code); RFC 3261 21.4.4 (403 Forbidden)`, 'wireRefused'],
    ['VOX-WIRE-UPDATE', 'UpdateSipRegistration', 'after UpdateSipRegistration with a new password the platform registers with the new password, not the old one (within the next refresh)', `${SEED_002}: UpdateSipRegistration password; RFC 3261 22.4; inferred: an update that answers result 1 takes effect`, 'wireUpdate'],
    ['VOX-WIRE-DELETE', 'DeleteSipRegistration', 'after DeleteSipRegistration the platform unregisters (Expires: 0) or stops refreshing: no REGISTER after the delete until the binding lapses (either is accepted)', `${PLATFORM_REGISTERS}; RFC 3261 10.2.2 (removing bindings with Expires 0) and 10.2.4 (a binding lapses unless refreshed)`, 'wireDelete'],
  ] as const
).map(([id, operation, title, source, name]): Entry => ({
  // One run: a create, a read or two, the update or delete, the cleanup (status reads poll, so more may go).
  id, title, level: 'MUST', source, operation, trigger: scenario(name), expect: ok, needs: ['create'], maxRuns: 1, requestsPerRun: 4,
}));

const ENTRIES: Entry[] = [
  // Transport and envelope.
  { id: 'VOX-TRANSPORT-PATH', title: 'GET and POST /platform_api/<Method> with parameters in the query string both answer', level: 'MUST', source: `${VENDOR}: calls`, operation: 'GetSipRegistrations', trigger: scenario('transportPath'), expect: ok },
  { id: 'VOX-TRANSPORT-CMD', title: '/platform_api with cmd=<Method> (query string or form body) calls the method', level: 'MUST', source: `${VENDOR}: calls`, operation: 'GetSipRegistrations', trigger: scenario('transportCmd'), expect: ok },
  { id: 'VOX-TRANSPORT-FORM', title: 'parameters in an application/x-www-form-urlencoded body are read', level: 'MUST', source: `${VENDOR}: urlencoded bodies`, operation: 'GetSipRegistrations', trigger: scenario('transportForm'), expect: ok },
  { id: 'VOX-TRANSPORT-MULTIPART', title: 'parameters in a multipart/form-data body are read', level: 'MUST', source: `${VENDOR}: multipart bodies`, operation: 'GetSipRegistrations', trigger: scenario('transportMultipart'), expect: ok },
  { id: 'VOX-UNKNOWN-COMMAND', errorCode: '103', title: 'an unknown method (path or cmd) gives an error object (code 103 SHOULD)', level: 'MUST', source: `${ERRORS}: 103 UNKNOWN_COMMAND`, operation: 'GetSipRegistrations', trigger: scenario('unknownCommand'), expect: err(SITUATION.unknownCommand) },
  { id: 'VOX-ERROR-ENVELOPE', title: 'errors are {"error":{"code":<int>,"msg":<string>}} without result; the code is a documented one (SHOULD)', level: 'MUST', source: `${VENDOR}: error envelope; codes from ${ERRORS}`, operation: 'GetSipRegistrations', trigger: scenario('errorEnvelope'), expect: err([]) },
  { id: 'VOX-ERROR-STATUS', title: 'errors are sent with HTTP 200 (the vendor client reads error bodies from 2xx answers only)', level: 'SHOULD', source: `${NODE_CLIENT}: src/index.ts makeRequest posts with axios, which rejects non-2xx answers, and reads the error object from the 200 body`, operation: 'GetSipRegistrations', trigger: scenario('errorStatus'), expect: { status: [200], statusLevel: 'SHOULD' } },
  { id: 'VOX-ROBUST', title: 'no input (garbage values, huge numbers, unicode, repeated or unknown parameters) produces a 5xx', level: 'MUST', source: 'inferred (robustness)', operation: 'GetSipRegistrations', trigger: scenario('robust'), expect: err([]) },

  // Authentication.
  { id: 'VOX-AUTH-REQUIRED', errorCode: '100', title: 'a call without credentials gives an error object (code 100 or 137 SHOULD)', level: 'MUST', source: `${VENDOR}: authentication; ${ERRORS} 100 AUTHORIZATION_FAILED, 137 ACCOUNT_ISNT_LOGGED`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['missing'] }, expect: err(SITUATION.noCredentials) },
  { id: 'VOX-AUTH-JWT', title: 'a service-account RS256 JWT (kid = key_id, iss = account_id) in Authorization: Bearer is accepted, for every configured role', level: 'MUST', source: `${SEED_001}: Authentication (Bearer JWT from credentials.json); ${VENDOR}`, operation: 'GetSipRegistrations', trigger: scenario('authJwt'), expect: ok, needs: ['jwt'] },
  { id: 'VOX-AUTH-JWT-SIGNATURE', errorCode: '100', title: 'a JWT with a bad signature, an unknown kid, or a garbage token is refused (100, 433 or 447 SHOULD)', level: 'MUST', source: `${VENDOR}: RS256 signed with the service-account key; ${ERRORS} 100, 433 INVALID_KEY_ID, 447 INVALID_TOKEN_FORMAT`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['badSignature', 'unknownKid', 'garbage'] }, expect: err(SITUATION.badToken), needs: ['jwt'] },
  { id: 'VOX-AUTH-JWT-EXPIRED', errorCode: '100', title: 'an expired JWT is refused (100 or 456 SHOULD)', level: 'MUST', source: `${VENDOR}: exp claim; ${ERRORS} 456 TOKEN_EXPIRED`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['expired'] }, expect: err(SITUATION.expiredToken), needs: ['jwt'] },
  { id: 'VOX-AUTH-JWT-NOT-YET-VALID', errorCode: '100', title: 'a JWT issued an hour in the future (iat, nbf) is refused (100 or 455 SHOULD)', level: 'MUST', source: `${ERRORS}: 455 TOKEN_ISSUED_IN_FUTURE (the vendor refuses such tokens)`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['notYetValid'] }, expect: err(SITUATION.futureToken), needs: ['jwt'] },
  { id: 'VOX-AUTH-JWT-LIFETIME', errorCode: '100', title: 'a JWT with exp later than iat + 3600 is refused (100 or 454 SHOULD)', level: 'MUST', source: `${VENDOR}: exp <= iat + 3600; ${ERRORS} 454 INVALID_TOKEN_TTL`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['longLived'] }, expect: err(SITUATION.longLivedToken), needs: ['jwt'] },
  { id: 'VOX-AUTH-JWT-ISSUER', errorCode: '100', title: "a JWT whose iss is not the key's account_id is refused", level: 'MUST', source: `${VENDOR}: iss = account id; ${ERRORS} 100, 115 INVALID_ACCOUNT_ID, 433 INVALID_KEY_ID`, operation: 'GetSipRegistrations', trigger: { kind: 'auth', variants: ['wrongIssuer'] }, expect: err(SITUATION.wrongIssuer), needs: ['jwt'] },
  { id: 'VOX-AUTH-API-KEY', errorCode: '100', title: 'the legacy account_id + api_key parameters authenticate; a wrong api_key is refused', level: 'MUST', source: `${VENDOR}: legacy account_id + api_key`, operation: 'GetSipRegistrations', trigger: scenario('authApiKey'), expect: ok, needs: ['apiKey'] },

  // Roles (seed 002 "Available for roles").
  ...(
    [
      ['VOX-ROLES-CREATE', 'CreateSipRegistration', 'Owner, Admin, Accountant', ['create']],
      ['VOX-ROLES-UPDATE', 'UpdateSipRegistration', 'Owner, Admin, Developer', ['create']],
      ['VOX-ROLES-BIND', 'BindSipRegistration', 'Owner, Admin, Developer', ['create', 'accountData']],
      ['VOX-ROLES-DELETE', 'DeleteSipRegistration', 'Owner, Admin', ['create']],
      ['VOX-ROLES-GET', 'GetSipRegistrations', 'Owner, Admin, Developer, Supervisor, Accountant, Support', []],
    ] as const
  ).map(([id, op, roles, needs]): Entry => ({
    id,
    errorCode: '104',
    title: `${op}: every allowed role (${roles}) succeeds, every other configured role gets an error object (code 104 SHOULD)`,
    level: 'MUST',
    source: `${SEED_002}: ${op}, "Available for roles"${op === 'CreateSipRegistration' ? `; ${SEED_001}: "Allowed roles"` : ''}`,
    operation: op,
    trigger: scenario('roles'),
    expect: err(SITUATION.role),
    needs: [...needs],
  })),

  // CreateSipRegistration.
  { id: 'VOX-CREATE-RESULT', title: 'CreateSipRegistration answers result 1, an integer sip_registration_id and an account_info object', level: 'MUST', source: `${SEED_001}: Response; ${SEED_002}: Returns`, operation: 'CreateSipRegistration', trigger: { kind: 'valid' }, expect: ok, needs: ['create'] },
  { id: 'VOX-CREATE-REQUIRED', errorCode: '134', title: 'CreateSipRegistration without sip_username, or with it empty, gives an error object (code 134 SHOULD)', level: 'MUST', source: `${SEED_001}: sip_username Required; ${ERRORS} 134`, operation: 'CreateSipRegistration', trigger: q('/sip_username', 'required', 'minLength'), expect: err([...SITUATION.missing, ...SITUATION.username]), needs: ['create'] },
  { id: 'VOX-CREATE-REQUIRED-PROXY', errorCode: '134', title: 'CreateSipRegistration without proxy, or with it empty, gives an error object (code 134 SHOULD)', level: 'MUST', source: `${SEED_001}: proxy Required; ${ERRORS} 134`, operation: 'CreateSipRegistration', trigger: q('/proxy', 'required', 'minLength'), expect: err([...SITUATION.missing, ...SITUATION.proxy]), needs: ['create'] },
  { id: 'VOX-CREATE-USERNAME', errorCode: '273', title: 'a sip_username no reading accepts (whitespace or controls inside) in Create or Update gives an error object (273 SHOULD)', level: 'MUST', source: `${ERRORS}: 273 INVALID_USERNAME; RFC 3261 user part (no whitespace); the zones: docs/undecided/voximplant.md`, operation: 'CreateSipRegistration', trigger: scenario('composite'), expect: err(SITUATION.username), parts: FIELD_OPS.map((operation) => ({ operation, trigger: q('/sip_username', 'pattern') })) },
  { id: 'VOX-CREATE-PROXY', errorCode: '274', title: 'a proxy no reading accepts (whitespace or controls inside) in Create or Update gives an error object (274 SHOULD)', level: 'MUST', source: `${ERRORS}: 274 INVALID_PROXY; RFC 3261 host (no whitespace); the zones: docs/undecided/voximplant.md`, operation: 'CreateSipRegistration', trigger: scenario('composite'), expect: err(SITUATION.proxy), parts: FIELD_OPS.map((operation) => ({ operation, trigger: q('/proxy', 'pattern') })) },
  { id: 'VOX-CREATE-CAP', errorCode: '272', title: 'creating beyond the per-account registration limit gives an error object (272 SHOULD)', level: 'MUST', source: `${ERRORS}: 272 SIP_REGISTRATIONS_COUNT_EXCEEDED`, operation: 'CreateSipRegistration', trigger: scenario('cap'), expect: err(SITUATION.cap), needs: ['create', 'limit'], exclusive: true },
  { id: 'VOX-CREATE-PERSISTENT', title: 'is_persistent defaults to true; with a user, both seed readings of is_persistent are answered (neither enforced)', level: 'MUST', source: `${SEED_001}: is_persistent "Defaults to true"; ${SEED_002} vs ${SEED_001} on users (ambiguity)`, operation: 'CreateSipRegistration', trigger: scenario('persistent'), expect: ok, needs: ['create', 'accountData'], exclusive: true },

  // Update, Delete, Bind.
  { id: 'VOX-UPDATE-REQUIRED', errorCode: '134', title: 'UpdateSipRegistration without sip_registration_id, or with it empty, gives an error object (134 SHOULD)', level: 'MUST', source: `${SEED_002}: UpdateSipRegistration sip_registration_id (not Optional)`, operation: 'UpdateSipRegistration', trigger: q('/sip_registration_id', 'required', 'minLength'), expect: err([...SITUATION.missing, ...SITUATION.unknownRegistration]), needs: operationNeeds('UpdateSipRegistration') },
  { id: 'VOX-DELETE-REQUIRED', errorCode: '134', title: 'DeleteSipRegistration without sip_registration_id, or with it empty, gives an error object (134 SHOULD; no valid Delete is ever generated)', level: 'MUST', source: `${SEED_002}: DeleteSipRegistration sip_registration_id (not Optional)`, operation: 'DeleteSipRegistration', trigger: q('/sip_registration_id', 'required'), covers: [{ location: 'query', path: '/sip_registration_id', keyword: 'required' }, { location: 'query', path: '/sip_registration_id', keyword: 'minLength' }], expect: err([...SITUATION.missing, ...SITUATION.unknownRegistration]) },
  { id: 'VOX-UNKNOWN-REGISTRATION', errorCode: '275', title: 'Update, Bind or Delete of a sip_registration_id that does not exist gives an error object (275 SHOULD)', level: 'MUST', source: `${ERRORS}: 275 INVALID_REGISTRATION_ID`, operation: 'UpdateSipRegistration', trigger: scenario('composite'), expect: err(SITUATION.unknownRegistration), parts: (['UpdateSipRegistration', 'BindSipRegistration', 'DeleteSipRegistration'] as Method[]).map((operation) => ({ operation, trigger: rule('unknownRegistration') })) },
  { id: 'VOX-BIND-REQUIRES-ID', errorCode: '485', title: 'BindSipRegistration with bind=true (or bind omitted) and no sip_registration_id gives an error object (485 SHOULD)', level: 'MUST', source: `${SEED_002}: "You should specify the sip_registration_id if you set bind=true"`, operation: 'BindSipRegistration', trigger: rule('bindNeedsId'), expect: err([...SITUATION.missing, ...SITUATION.unknownRegistration, ...SITUATION.target]), needs: operationNeeds('BindSipRegistration') },
  { id: 'VOX-APP-REQUIRED-FOR-RULE-USER', errorCode: '485', title: 'rule_id/rule_name/user_id/user_name without application_id/application_name gives an error object (485 SHOULD)', level: 'MUST', source: seedRule('You should specify the application_id or application_name if you specify the rule_name or user_id, or user_name'), operation: 'CreateSipRegistration', trigger: scenario('composite'), expect: err([...SITUATION.missing, ...SITUATION.target]), parts: BINDING_OPS.map((operation) => ({ operation, trigger: rule('appRequired') })) },
  { id: 'VOX-ONLY-ONE-OF', errorCode: '458', title: 'both members of an id/name pair (application, rule, user) give an error object (458 SHOULD)', level: 'MUST', source: `${SEED_001}/${SEED_002}: "Can be used instead of"; ${ERRORS} 458 ONLY_ONE_OF_PARAMETERS`, operation: 'CreateSipRegistration', trigger: scenario('composite'), expect: err([...SITUATION.onlyOne, ...SITUATION.target]), parts: BINDING_OPS.map((operation) => ({ operation, trigger: rule('pair') })) },
  { id: 'VOX-BIND-TARGET-EXISTS', errorCode: '496', title: 'an application, rule or user (id or name) that does not exist gives an error object (496 SHOULD)', level: 'MUST', source: `${ERRORS}: 496 INVALID, 116 INVALID_APPLICATION_ID, 117 INVALID_USER_ID`, operation: 'BindSipRegistration', trigger: scenario('composite'), expect: err(SITUATION.target), parts: BINDING_OPS.map((operation) => ({ operation, trigger: rule('unknownTarget') })) },

  // Parameter syntax.
  { id: 'VOX-PARAM-TYPES', errorCode: '496', title: 'an id/count/offset that is no number, or a flag no reading takes for a boolean (x, maybe), gives an error object (496 SHOULD), in every method; other forms are undecided', level: 'MUST', source: `${SEED_002}: parameter types number/boolean; ${VENDOR}: booleans true/false; ${ERRORS} 496`, operation: 'GetSipRegistrations', trigger: scenario('composite'), expect: err(SITUATION.syntax), parts: (Object.entries(INT_PARAMS) as [Method, string[]][]).flatMap(([operation, params]) => params.map((p) => ({ operation, trigger: q(`/${p}`, 'pattern') }))) },
  { id: 'VOX-LIST-SYNTAX', errorCode: '496', title: 'an intlist with an item that is no number (1;2;x) gives an error object (496 SHOULD); empty items are undecided', level: 'MUST', source: `${SEED_002}: GetSipRegistrations intlist/stringlist "separated by semicolons"`, operation: 'GetSipRegistrations', trigger: scenario('composite'), expect: err(SITUATION.syntax), parts: LISTS.map((p) => ({ operation: 'GetSipRegistrations' as const, trigger: q(`/${p}`, 'pattern') })) },

  // GetSipRegistrations.
  { id: 'VOX-GET-RESULT', title: 'GetSipRegistrations answers {"result": [items], "count": <int>} for any valid filter', level: 'MUST', source: `${VENDOR}: GetSipRegistrations returns {"result": [items], "count": n}`, operation: 'GetSipRegistrations', trigger: { kind: 'valid' }, expect: ok },
  { id: 'VOX-ITEM-FIELDS', title: 'items carry sip_registration_id, sip_username, proxy and the binding fields with their types and the values given', level: 'MUST', source: `${SEED_002}: GetSipRegistrations filters; vendor SIPRegistration type`, operation: 'GetSipRegistrations', trigger: scenario('itemFields'), expect: ok, needs: ['create', 'accountData'], exclusive: true },
  { id: 'VOX-GET-STATUS-FILTER', title: 'status_code takes code1;code2 and inclusive code1:code2 ranges, combined; bad syntax gives an error object', level: 'MUST', source: `${SEED_002}: status_code "code1:code2 means a range from code1 to code2 including"`, operation: 'GetSipRegistrations', trigger: scenario('statusFilter'), expect: err(SITUATION.syntax), covers: [{ location: 'query', path: '/status_code', keyword: 'format' }], needs: ['create'], exclusive: true },

  // Stateful behaviour (fast-check model-based runs).
  ...(
    [
      ['VOX-UPDATE-APPLIES', 'UpdateSipRegistration', 'UpdateSipRegistration answers result 1 and GetSipRegistrations then shows the new values', `${SEED_002}: UpdateSipRegistration`],
      ['VOX-DELETE-REMOVES', 'DeleteSipRegistration', 'DeleteSipRegistration answers result 1 and the registration is gone from GetSipRegistrations', `${SEED_002}: DeleteSipRegistration`],
      ['VOX-BIND-APPLIES', 'BindSipRegistration', 'BindSipRegistration (bind=true) binds the registration to the application, rule and user named', `${SEED_002}: BindSipRegistration`],
      ['VOX-BIND-UNBIND', 'BindSipRegistration', 'BindSipRegistration with bind=false unbinds the registration', `${SEED_002}: BindSipRegistration "unbind ... (set true or false respectively)"`],
      ['VOX-ONE-PER-USER', 'BindSipRegistration', "binding a registration to a user (Create, Update or Bind) unbinds the user's previous registration", seedRule('You can bind only one SIP registration to the user (the previous SIP registration is automatically unbound)')],
      ['VOX-GET-FILTER', 'GetSipRegistrations', 'every GetSipRegistrations filter returns exactly the matching registrations', `${SEED_002}: GetSipRegistrations parameters`],
      ['VOX-GET-COUNT', 'GetSipRegistrations', 'count caps the number of returned registrations', `${SEED_002}: count "The max returning record count"`],
      ['VOX-GET-OFFSET', 'GetSipRegistrations', 'offset skips the first N matching registrations', `${SEED_002}: offset "The first N records are skipped"`],
      ['VOX-GET-TOTAL', 'GetSipRegistrations', 'the response count is the number of matching registrations, before paging (total) or after (page size): either reading, never anything else', `${NODE_CLIENT}: GetSipRegistrationsResponse count "Count rows" (total or page size: undecided point get-count-meaning)`],
    ] as const
  ).map(([id, operation, title, source]): Entry => ({
    id, title, level: 'MUST', source, operation, trigger: scenario('model'), expect: ok, needs: BINDING_MODELS.has(id) ? ['create', 'accountData'] : ['create'], exclusive: true,
  })),

  // SIP on the wire: the platform registers at the suite's registrar (specs/voximplant/wire.ts).
  ...WIRE_ENTRIES,
];

/** Violations a composite answers for: the union of its parts'. */
function partCovers(parts: Part[]): Violation[] {
  const all = parts.flatMap((p) => coversOf({ trigger: p.trigger } as Requirement));
  return all.filter((v, i) => all.findIndex((w) => w.path === v.path && w.keyword === v.keyword && w.location === v.location) === i);
}

export const catalogue: Requirement[] = ENTRIES.map(({ parts, ...r }) => (parts ? { ...r, covers: partCovers(parts) } : r));
export const PARTS: Record<string, Part[]> = Object.fromEntries(ENTRIES.filter((e) => e.parts).map((e) => [e.id, e.parts!]));

/**
 * Upper bound of the registrations a run creates on a real target (printed before the run): the
 * session's own, the model-based tests' pool (`RegistrationPool.billable`), and what the other
 * scenarios (the wire requirements' one each) and the generated Create cases create (each deleted right after).
 */
export function creationBudget(runs: number, poolBillable: number, limit = 0): number {
  const examples = 12;
  const createCases = ENTRIES.filter((e) => e.operation === 'CreateSipRegistration' && !e.trigger.kind.startsWith('scenario')).length
    + ENTRIES.flatMap((e) => e.parts ?? []).filter((p) => p.operation === 'CreateSipRegistration').length;
  const roles = 3 + 2 + 6 + 3;
  return 1 + createCases * (runs + examples) + poolBillable + roles + 4 + 2 + WIRE_ENTRIES.length + limit;
}
