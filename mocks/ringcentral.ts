// Reference mock of RingCentral POST /restapi/v1.0/client-info/sip-provision (seed 000 + vendor OpenAPI).
import { json, type MockDefinition, type MockOptions, type MockRequest, type MockResponse, parseJson } from './kit.ts';

const PATH = '/restapi/v1.0/client-info/sip-provision';
const TRANSPORTS = ['UDP', 'TCP', 'TLS', 'WSS'];
const REASSIGNMENT = ['None', 'Initialize', 'Reassign'];
const UA_VERSION = /[A-Za-z][\w.+-]*\/\d+(\.\d+)*/;

const FIXTURES = {
  token: 'rc-mock-token',
  noVoipPermissionToken: 'rc-mock-token-no-voip',
  nonAdminToken: 'rc-mock-token-non-admin',
  incompatibleEditionToken: 'rc-mock-token-incompatible-edition',
  noWebPhoneFeatureToken: 'rc-mock-token-no-webphone',
  nonWebRtcDeviceId: '800000000001',
};

const FAULTS = [
  { name: 'device-id-39-accepted', description: 'device.id of 39..40 characters is accepted (limit off by two)', breaks: ['RC-DEVICE-ID-LENGTH'] },
  { name: 'device-id-letters-accepted', description: 'a non-numeric device.id is accepted', breaks: ['RC-DEVICE-ID-NUMERIC'] },
  { name: 'wrong-code-device-id-length', description: 'an over-long device.id is answered with CMN-101 instead of SPR-114', breaks: ['RC-DEVICE-ID-LENGTH'] },
  { name: '500-on-bad-transport', description: 'an unknown sipInfo.transport crashes the server (500)', breaks: ['RC-TRANSPORT-VALUE'] },
  { name: 'transport-case-insensitive', description: 'transports are matched ignoring case ("udp" accepted)', breaks: ['RC-TRANSPORT-VALUE'] },
  { name: 'ws-accepted', description: 'the WS transport removed in 2023 is still accepted', breaks: ['RC-TRANSPORT-VALUE'] },
  { name: 'mixed-transports-accepted', description: 'WSS together with TCP/UDP/TLS is accepted', breaks: ['RC-MIXED-TRANSPORTS'] },
  { name: 'user-agent-ignored', description: 'User-Agent is not checked', breaks: ['RC-USER-AGENT-VERSION'] },
  { name: 'x-user-agent-ignored', description: 'the documented X-User-Agent alternative is not honoured', breaks: ['RC-USER-AGENT-VERSION'] },
  { name: 'auth-ignored', description: 'requests without a valid bearer token are served', breaks: ['RC-AUTH-MISSING', 'RC-AUTH-INVALID'] },
  { name: 'auth-403', description: 'a missing or invalid token is answered 403 instead of 401', breaks: ['RC-AUTH-MISSING', 'RC-AUTH-INVALID'] },
  { name: 'voip-permission-ignored', description: 'tokens without VoipCalling permission are served', breaks: ['RC-VOIP-PERMISSION'] },
  { name: 'no-errors-array', description: 'errors come back as {errorCode, message} without the errors[] array', breaks: ['RC-DEVICE-ID-LENGTH'] },
  { name: 'malformed-json-500', description: 'an unparsable body crashes the server (500)', breaks: ['RC-MALFORMED-JSON'] },
  { name: 'any-content-type', description: 'bodies of any content type are parsed as JSON', breaks: ['RC-MEDIA-TYPE'] },
  { name: 'sip-info-object', description: 'the success body returns sipInfo as an object, not an array', breaks: ['RC-VALID-ACCEPTED'] },
  { name: 'number-device-id-accepted', description: 'a JSON number as device.id is accepted', breaks: ['RC-TYPE-DEVICE-ID'] },
];

type Problem = { status: number; code: string; message: string; param?: string };

const problem = (status: number, code: string, message: string, param?: string): Problem => ({ status, code, message, param });

function envelope(p: Problem, o: MockOptions): MockResponse {
  const loose = o.variant === 'loose';
  const error = { errorCode: p.code, message: loose ? `${p.code}: request rejected` : p.message, ...(p.param && { parameterName: p.param }) };
  const body = o.faults.includes('no-errors-array')
    ? { errorCode: p.code, message: p.message }
    : loose
      ? { errors: [error], requestId: 'loose-0001' }
      : { errorCode: p.code, message: p.message, errors: [error] };
  return json(p.status, body, loose ? { 'content-type': 'application/json;charset=UTF-8' } : {});
}

function authenticate(req: MockRequest, o: MockOptions): Problem | { token: string } {
  const header = req.headers.authorization ?? '';
  const token = /^Bearer (\S+)$/i.exec(header)?.[1];
  const known = token && (Object.entries(FIXTURES).some(([k, v]) => v === token && k.endsWith('oken')) || token === FIXTURES.token);
  if (known || o.faults.includes('auth-ignored')) return { token: token ?? FIXTURES.token };
  const status = o.faults.includes('auth-403') ? 403 : 401;
  return token ? problem(status, 'OAU-213', 'Token not found') : problem(status, 'OAU-149', 'Invalid token');
}

function checkUserAgent(req: MockRequest, o: MockOptions): Problem | undefined {
  if (o.faults.includes('user-agent-ignored')) return undefined;
  const candidates = [req.headers['user-agent'], o.faults.includes('x-user-agent-ignored') ? undefined : req.headers['x-user-agent']];
  if (candidates.some((v) => typeof v === 'string' && UA_VERSION.test(v))) return undefined;
  return problem(403, 'SPR-122', 'Application version is not set in "User-Agent" header or not parseable');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (param: string) => problem(400, 'CMN-101', `Parameter [${param}] value is invalid`, param);

function checkDevice(device: unknown, o: MockOptions): Problem | undefined {
  if (device === undefined) return undefined;
  if (!isObject(device)) return invalid('device');
  for (const key of ['appExternalId', 'computerName', 'serial']) {
    if (device[key] !== undefined && typeof device[key] !== 'string') return invalid(`device.${key}`);
  }
  const id = device.id;
  if (id === undefined) return undefined;
  if (typeof id === 'number' && o.faults.includes('number-device-id-accepted')) return undefined;
  if (typeof id !== 'string') return invalid('device.id');
  const limit = o.faults.includes('device-id-39-accepted') ? 40 : 38;
  const tooLong = (): Problem | undefined =>
    [...id].length > limit
      ? o.faults.includes('wrong-code-device-id-length')
        ? invalid('device.id')
        : problem(400, 'SPR-114', `Device id length [${[...id].length}] is greater than allowed [38]`, 'device.id')
      : undefined;
  const notNumber = (): Problem | undefined =>
    /^[0-9]+$/.test(id) || o.faults.includes('device-id-letters-accepted') ? undefined : problem(400, 'SPR-118', `Parameter [device.id]=${id} is not a number`, 'device.id');
  // Which of the two comes first is not documented: the loose variant takes the other order.
  return o.variant === 'loose' ? (notNumber() ?? tooLong()) : (tooLong() ?? notNumber());
}

function checkTransports(sipInfo: unknown, o: MockOptions): Problem | string[] {
  if (sipInfo === undefined) return [];
  if (!Array.isArray(sipInfo)) return invalid('sipInfo');
  const transports: string[] = [];
  for (const item of sipInfo) {
    if (!isObject(item)) return invalid('sipInfo');
    const t = item.transport;
    if (t === undefined) continue;
    if (typeof t !== 'string') return invalid('sipInfo.transport');
    const normal = o.faults.includes('transport-case-insensitive') ? t.toUpperCase() : t;
    const allowed = o.faults.includes('ws-accepted') ? [...TRANSPORTS, 'WS'] : TRANSPORTS;
    if (!allowed.includes(normal)) {
      if (o.faults.includes('500-on-bad-transport')) throw new Error(`unknown transport ${t}`);
      return invalid('sipInfo.transport');
    }
    transports.push(normal);
  }
  const web = transports.some((t) => t === 'WSS' || t === 'WS');
  if (web && transports.some((t) => t !== 'WSS' && t !== 'WS') && !o.faults.includes('mixed-transports-accepted')) {
    return problem(400, 'SPR-129', `Not allowed to register with incompatible protocol list [${transports.join(', ')}]`);
  }
  return transports;
}

function checkFixtures(token: string, transports: string[], deviceId: unknown, o: MockOptions): Problem | undefined {
  const wss = transports.includes('WSS');
  if (token === FIXTURES.noVoipPermissionToken && !o.faults.includes('voip-permission-ignored')) {
    return problem(403, 'CMN-401', 'In order to call this API endpoint, application needs to have [VoipCalling] permission');
  }
  if (token === FIXTURES.nonAdminToken) return problem(403, 'CMN-402', 'Administrator permission required');
  if (token === FIXTURES.incompatibleEditionToken) return problem(403, 'SPR-112', 'Client edition is not compatible with current Brand');
  if (wss && token === FIXTURES.noWebPhoneFeatureToken) return problem(403, 'BIL-103', 'Feature [WebPhone] is not available for current account');
  if (wss && deviceId === FIXTURES.nonWebRtcDeviceId) return problem(400, 'SPR-130', 'device is not allowed for WebRTC.');
  return undefined;
}

function success(body: Record<string, unknown>, transports: string[], o: MockOptions): MockResponse {
  const device = isObject(body.device) ? body.device : {};
  const id = typeof device.id === 'string' ? device.id : '800000000100';
  const transport = transports[0] ?? 'UDP';
  const sipInfo = {
    username: '16505550100',
    password: 'mock-sip-password',
    authorizationId: '802398808016',
    domain: 'sip.ringcentral.com',
    outboundProxy: transport === 'WSS' ? 'sip10.ringcentral.com:8083' : 'sip10.ringcentral.com:5090',
    transport,
    authorizationTypes: ['SipDigest'],
    stunServers: ['stun1.ringcentral.com:19302'],
  };
  const response: Record<string, unknown> = {
    device: { uri: `https://platform.ringcentral.com/restapi/v1.0/account/~/device/${id}`, id, type: transport === 'WSS' ? 'WebPhone' : 'SoftPhone', status: 'Online' },
    sipInfo: o.faults.includes('sip-info-object') ? sipInfo : [sipInfo],
    sipFlags: { voipFeatureEnabled: true, voipCountryBlocked: false, outboundCallsEnabled: true },
    sipErrorCodes: ['408', '502', '503', '504'],
    pollingInterval: 86400,
  };
  if (o.variant === 'loose') Object.assign(response, { sipInfoPstn: [], persistGatewayConfigured: false, vendorExtension: { build: 'loose' } });
  return json(200, response, o.variant === 'loose' ? { 'content-type': 'application/json;charset=UTF-8' } : {});
}

function handle(req: MockRequest, o: MockOptions): MockResponse {
  if (req.path !== PATH) return envelope(problem(404, 'CMN-102', 'Resource for parameter [path] is not found'), o);
  if (req.method !== 'POST') return envelope(problem(405, 'CMN-405', 'Method not allowed'), o);
  const auth = authenticate(req, o);
  if ('status' in auth) return envelope(auth, o);
  // The loose variant checks the header before the body: the documents give no order.
  const ua = checkUserAgent(req, o);
  if (ua && o.variant === 'loose') return envelope(ua, o);
  const type = req.headers['content-type'] ?? '';
  if (req.body.length > 0 && !/^application\/json\b/i.test(type) && !o.faults.includes('any-content-type')) {
    return envelope(problem(415, 'CMN-415', 'Unsupported Media Type'), o);
  }
  if (req.body.length === 0) return envelope(problem(400, 'CMN-101', 'Request body is required'), o);
  const body = parseJson(req.body);
  if (body === undefined) {
    if (o.faults.includes('malformed-json-500')) throw new Error('JSON parse failure');
    return envelope(problem(400, 'CMN-103', 'Invalid JSON in request body'), o);
  }
  if (!isObject(body)) return envelope(invalid('body'), o);
  if (ua) return envelope(ua, o);
  const deviceProblem = checkDevice(body.device, o);
  if (deviceProblem) return envelope(deviceProblem, o);
  const transports = checkTransports(body.sipInfo, o);
  if (!Array.isArray(transports)) return envelope(transports, o);
  const reassignment = body.softPhoneLineReassignment;
  if (reassignment !== undefined && (typeof reassignment !== 'string' || !REASSIGNMENT.includes(reassignment))) {
    return envelope(invalid('softPhoneLineReassignment'), o);
  }
  const denied = checkFixtures(auth.token, transports, isObject(body.device) ? body.device.id : undefined, o);
  if (denied) return envelope(denied, o);
  return success(body, transports, o);
}

export const ringcentralMock: MockDefinition = {
  spec: 'ringcentral',
  fixtures: FIXTURES,
  faults: FAULTS,
  create: (options) => (req) => handle(req, options),
};
