// Reference mock of the Voximplant Management API, SIP-registration methods only.
import {
  httpFaults, json, type FaultInfo, type MockDefinition, type MockOptions, type MockRequest, type MockResponse, type StandaloneFiles, standaloneDir, writeReadyConfig,
} from '../../../mocks/kit.ts';
import { authenticate } from './auth.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY, ROLES, mockKeyId, writeMockCredentials } from './keys.ts';
import { METHODS, validate, type Ctx, type MethodSpec } from './methods.ts';
import { ApiError, errorMessage, readParams } from './params.ts';
import { Platform, PLATFORM_FAULTS } from './platform.ts';
import { READINGS } from './readings.ts';
import {
  APPLICATIONS, FIRST_REGISTRATION_ID, FROZEN_REGISTRATION_ID, REGISTRATION_LIMIT, RULES, USERS, VoxStore,
} from './state.ts';

export { mockCredentials, mockKeys, signVoxToken, writeMockCredentials } from './keys.ts';

const fault = (name: string, description: string, breaks: string[]): FaultInfo => ({ name, description, breaks });

const FAULTS: FaultInfo[] = [
  fault('bind-keeps-previous', "binding a registration to a user leaves the user's previous registration bound", ['VOX-ONE-PER-USER']),
  fault('delete-noop', 'DeleteSipRegistration answers result 1 but keeps the registration', ['VOX-DELETE-REMOVES']),
  fault('offset-off-by-one', 'offset is read as 1-based: offset=N skips only N-1 registrations', ['VOX-GET-OFFSET']),
  fault('count-ignored', 'GetSipRegistrations ignores count and returns every match', ['VOX-GET-COUNT']),
  fault('range-exclusive', 'status_code ranges code1:code2 exclude both ends', ['VOX-GET-STATUS-FILTER']),
  fault('role-allowed', 'the Developer role may call DeleteSipRegistration', ['VOX-ROLES-DELETE']),
  fault('unknown-id-accepted', 'Update, Bind and Delete answer result 1 for an unknown sip_registration_id', ['VOX-UNKNOWN-REGISTRATION']),
  fault('pair-accepted', 'both parameters of an id/name pair are accepted (the id wins)', ['VOX-ONLY-ONE-OF']),
  fault('expired-jwt-accepted', 'JWTs whose exp has passed are accepted', ['VOX-AUTH-JWT-EXPIRED']),
  fault('long-lived-jwt-accepted', 'JWTs with exp later than iat + 3600 are accepted', ['VOX-AUTH-JWT-LIFETIME']),
  fault('jwt-signature-unchecked', 'a JWT with a known kid is accepted without checking its signature', ['VOX-AUTH-JWT-SIGNATURE']),
  fault('api-key-rejected', 'the legacy account_id + api_key parameters no longer authenticate', ['VOX-AUTH-API-KEY']),
  fault('required-missing-accepted', 'CreateSipRegistration without sip_username or proxy succeeds', ['VOX-CREATE-REQUIRED']),
  fault('invalid-proxy-accepted', 'Create and Update store any proxy string instead of answering 274', ['VOX-CREATE-PROXY']),
  fault('cap-unenforced', `no limit of ${REGISTRATION_LIMIT} registrations per account`, ['VOX-CREATE-CAP']),
  fault('update-ignored', 'UpdateSipRegistration answers result 1 but changes nothing', ['VOX-UPDATE-APPLIES']),
  fault('unbind-ignored', 'BindSipRegistration with bind=false answers result 1 but keeps the binding', ['VOX-BIND-UNBIND']),
  fault('unknown-target-accepted', 'unknown application_id, rule_id or user_id is stored instead of answering 496', ['VOX-BIND-TARGET-EXISTS']),
  fault('application-not-required', 'rule/user without application_id/application_name is accepted (the application is inferred)', ['VOX-APP-REQUIRED-FOR-RULE-USER']),
  fault('filter-ignored', 'GetSipRegistrations ignores the sip_username filter', ['VOX-GET-FILTER']),
  fault('successful-filter-ignored', 'GetSipRegistrations ignores successful=true and lists unsuccessful registrations too', ['VOX-GET-FILTER']),
  fault('count-ignores-filter', 'the response count is the number of all registrations of the account, whatever the filters', ['VOX-GET-TOTAL']),
  fault('bad-bool-accepted', 'any boolean value other than "false" is read as true instead of answering 496', ['VOX-PARAM-TYPES']),
  fault('5xx-on-bad-list', 'a malformed intlist/stringlist crashes the server: HTTP 500, text body', ['VOX-LIST-SYNTAX']),
  fault('form-body-ignored', 'application/x-www-form-urlencoded bodies are not read (query and multipart still are)', ['VOX-TRANSPORT-FORM']),
  fault('error-without-code', 'error bodies are {"error":{"msg":...}} without the numeric code', ['VOX-ERROR-ENVELOPE']),
  fault('error-http-400', 'errors are sent with HTTP 400 instead of 200', ['VOX-ERROR-STATUS']),
];

const PATH = /^\/platform_api(?:\/([^/]*))?\/?$/;

type NamedMethod = MethodSpec & { name: string };
const BY_NAME = new Map<string, NamedMethod>(Object.entries(METHODS).map(([name, spec]) => [name, { ...spec, name }]));
const BY_LOWER_NAME = new Map([...BY_NAME].map(([name, spec]) => [name.toLowerCase(), spec]));

function methodNamed(name: string | undefined, loose: boolean): NamedMethod {
  if (name === undefined) throw new ApiError(102);
  // Loose matches method names case-insensitively; the documents only ever use one spelling.
  const spec = loose ? BY_LOWER_NAME.get(name.toLowerCase()) : BY_NAME.get(name);
  if (spec === undefined) throw new ApiError(103);
  return spec;
}

function create(options: MockOptions) {
  const faults = new Set(options.faults);
  // Lenient shares loose's everyday choices (wording, check order, method-name case); strictest strict's.
  const loose = options.variant === 'loose' || options.variant === 'lenient';
  const reading = READINGS[options.variant];
  const ctx: Ctx = { store: new VoxStore(), faults, loose, reading, platform: new Platform(options) };
  const headers: Record<string, string> = loose ? { 'content-type': 'application/json; charset=utf-8', 'X-Voximplant-Mock': 'loose' } : {};

  const errorReply = (e: ApiError, status = 200): MockResponse => {
    if (e.badList && faults.has('5xx-on-bad-list')) return { status: 500, body: 'Internal Server Error', headers: { 'content-type': 'text/plain' } };
    const msg = errorMessage(e, loose);
    const error = faults.has('error-without-code') ? { msg }
      : loose ? { msg, code: e.code, ...(e.param ? { field_name: e.param } : {}) }
      : { code: e.code, msg };
    return json(faults.has('error-http-400') ? 400 : status, { error }, headers);
  };

  const authFaults = {
    acceptExpired: faults.has('expired-jwt-accepted'),
    acceptLongLived: faults.has('long-lived-jwt-accepted'),
    skipSignature: faults.has('jwt-signature-unchecked'),
    rejectApiKey: faults.has('api-key-rejected'),
  };
  const checkRole = (spec: NamedMethod, role: string) => {
    const allowed = (spec.roles as readonly string[]).includes(role) || (role === 'Developer' && spec.name === 'DeleteSipRegistration' && faults.has('role-allowed'));
    if (!allowed) throw new ApiError(104);
  };

  const handle = async (req: MockRequest): Promise<MockResponse> => {
    const route = PATH.exec(req.path);
    if (!route) return errorReply(new ApiError(103), 404);
    if (req.method !== 'GET' && req.method !== 'POST') return { ...errorReply(new ApiError(101), 405), headers: { ...headers, allow: 'GET, POST' } };
    const raw = await readParams(req, !faults.has('form-body-ignored'), reading.emptyIsAbsent);
    const name = route[1] || raw.get('cmd');
    let body: Record<string, unknown>;
    if (loose) {
      const spec = methodNamed(name, true);
      const role = await authenticate(req, raw, authFaults, reading.tokenCodes);
      const values = validate(spec.name, spec, raw, ctx);
      checkRole(spec, role);
      body = spec.run(ctx, values);
    } else {
      const role = await authenticate(req, raw, authFaults, reading.tokenCodes);
      const spec = methodNamed(name, false);
      checkRole(spec, role);
      body = spec.run(ctx, validate(spec.name, spec, raw, ctx));
    }
    return json(200, body, headers);
  };

  return async (req: MockRequest): Promise<MockResponse> => {
    try {
      return await handle(req);
    } catch (e) {
      if (e instanceof ApiError) return errorReply(e);
      throw e;
    }
  };
}

/**
 * A config for this process's mock at `url`: its own address as the target (`run --config FILE` alone
 * tests it), service-account credentials of every role, the legacy account_id and api_key (without
 * them VOX-AUTH-API-KEY skipped, though the mock takes them), the mock's applications, rules and test users, its registration cap, and a registrar on the loopback
 * for the wire requirements.
 */
async function writeStandaloneConfig(url: string): Promise<StandaloneFiles> {
  const dir = await standaloneDir('voximplant');
  const files = await writeMockCredentials(dir);
  const section = {
    // Without it, a run given this config alone tested the embedded mock with keys it does not know.
    target: url,
    rate: 'none',
    credentials: Object.fromEntries(ROLES.map((r) => [r.toLowerCase(), files[r]])),
    accountId: MOCK_ACCOUNT_ID,
    apiKey: MOCK_API_KEY,
    allowBillable: true,
    registrationLimit: 100,
    // The suite's registrar on the loopback (port 0: any free one), which this mock's platform can reach.
    sip: { listen: '127.0.0.1:0' },
    accountData: {
      applications: [
        { id: 101, name: 'sipc-app', rules: [{ id: 201, name: 'sipc-rule' }, { id: 202, name: 'sipc-rule-2' }], users: [{ id: 301, name: 'alice' }, { id: 302, name: 'bob' }] },
        { id: 102, name: 'sipc-other-app', rules: [{ id: 203, name: 'other-rule' }], users: [{ id: 303, name: 'carol' }] },
      ],
    },
  };
  return { dir, printed: { 'credentials files': dir, ...(await writeReadyConfig(dir, 'voximplant', section)) } };
}

export const voximplantMock: MockDefinition = {
  spec: 'voximplant',
  fixtures: {
    account_id: String(MOCK_ACCOUNT_ID),
    api_key: `${MOCK_API_KEY} (legacy account_id + api_key parameters; acts as Owner)`,
    credentials: 'one service-account key pair for every role (made once, kept for the next processes in $TMPDIR/sip-conformance-<uid>): the files and a ready config are printed below',
    ...Object.fromEntries(ROLES.map((r) => [`key_id.${r}`, mockKeyId(r)])),
    jwt: 'RS256, header kid = key_id, claims iss = account_id (number or string), iat, exp <= iat + 3600; 60 s skew allowed for iat/nbf; an Authorization header, when present, decides alone (api_key is then ignored)',
    applications: APPLICATIONS.map((a) => `${a.id} "${a.name}"`).join(', '),
    rules: RULES.map((r) => `${r.id} "${r.name}" (application ${r.application_id})`).join(', '),
    users: USERS.map((u) => `${u.id} "${u.name}" (application ${u.application_id})`).join(', '),
    registrations: `${FROZEN_REGISTRATION_ID} "frozen-line" exists from the start (deactivated=true, no status_code); new ids count up from ${FIRST_REGISTRATION_ID}`,
    registration_limit: `${REGISTRATION_LIMIT} per account, the frozen one included (error 272 beyond)`,
    status: 'persistent, with a proxy the mock may reach (the run\'s registrar, or an IPv4 loopback address, port 5060 unless given): its platform REGISTERs over UDP (sip_username, auth_user, password; Expires 300, refreshed at half the expiry granted) and reports the answer (no answer: 408), unregisters (Expires: 0) on delete (lenient: only stops); any other persistent proxy: containing "fail" → 403, "timeout" → 408, "pending" → in_progress, else 200 successful; non-persistent: no status until user login',
    get: 'items sorted by sip_registration_id; count in the reply = matches before paging (strictest: the page size); default count 20 (strict, strictest) or unlimited (loose, lenient); strictest refuses count 0 or above 20 (496); unknown filter ids just match nothing',
    bind_false: 'with sip_registration_id: unbinds it from the named application/rule/user (everything if none named); without: unbinds every registration from the named target',
    is_persistent: 'both seed readings accepted: a user binding with is_persistent true or false',
    params: 'query, urlencoded or multipart; last occurrence wins; an empty value counts as absent',
    strictest: 'refuses every undecided value of docs/undecided/voximplant.md: empty values, leading zeros, upper-case booleans, list items that are empty, user names and proxies outside the plainest forms, passwords beyond 32 letters and digits, is_persistent=false with a user, bind=true without an application; JWT faults answer 454/455/456/433/447',
    lenient: 'takes every undecided value: numbers with signs, fractions and spaces, booleans in any case and 1/0/yes/no, empty list items skipped, commas, status ranges in any order and Nxx, any user name or proxy without whitespace inside, any auth_user, outbound_proxy and password; bind=true without an application is a no-op; plus the loose choices',
    loose: 'other msg wording + field_name in errors, total_count and more account_info, charset in content-type, case-insensitive method names and booleans, method/auth/params before role, deactivated=false and successful=false do not filter',
  },
  faults: [...FAULTS, ...PLATFORM_FAULTS, ...httpFaults('methodNotAllowed', 'options', 'contentType')],
  create,
  standalone: writeStandaloneConfig,
};
