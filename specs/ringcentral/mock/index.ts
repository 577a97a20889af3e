// Reference mock of RingCentral POST /restapi/v1.0/client-info/sip-provision (seed 000 + vendor OpenAPI).
// Each variant reads the undecided points its own way (readings.ts).
import { MockProxy, REGISTRAR_FAULTS } from './registrar.ts';
import { httpFaults, json, type MockDefinition, type MockOptions, type MockRequest, type MockResponse, parseJson } from '../../../mocks/kit.ts';
import { READINGS, type Reading } from './readings.ts';
import { isRecord } from '../../../src/index.ts';

const PATH = '/restapi/v1.0/client-info/sip-provision';
const NON_WEB = ['UDP', 'TCP', 'TLS'];
const DEVICE_KEYS = ['id', 'appExternalId', 'computerName', 'serial'];
const BODY_KEYS = ['device', 'sipInfo', 'softPhoneLineReassignment'];
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const LONG_MAX = 9223372036854775807n;

const FIXTURES = {
  token: 'rc-mock-token',
  noVoipPermissionToken: 'rc-mock-token-no-voip',
  nonAdminToken: 'rc-mock-token-non-admin',
  incompatibleEditionToken: 'rc-mock-token-incompatible-edition',
  noWebPhoneFeatureToken: 'rc-mock-token-no-webphone',
  nonWebRtcDeviceId: '800000000001',
};

/**
 * The strictest reading checks that device.id is a number before its length, and reads it as a 64-bit
 * number: an id of more than 38 characters is never one, so it is answered SPR-118 before the length
 * check a length fault changes is reached.
 */
const HIDDEN_BY_NUMBER_FIRST = 'an id over 38 characters is no 64-bit number: SPR-118 comes first (numberBeforeLength, deviceId64)';

const FAULTS = [
  { name: 'device-id-39-accepted', description: 'device.id of 39..40 characters is accepted (limit off by two)', breaks: ['RC-DEVICE-ID-LENGTH'], unseenUnder: { strictest: HIDDEN_BY_NUMBER_FIRST } },
  { name: 'device-id-letters-accepted', description: 'a non-numeric device.id is accepted', breaks: ['RC-DEVICE-ID-NUMERIC'] },
  { name: 'wrong-code-device-id-length', description: 'an over-long device.id is answered with CMN-101 instead of SPR-114', breaks: ['RC-DEVICE-ID-LENGTH'], unseenUnder: { strictest: HIDDEN_BY_NUMBER_FIRST } },
  { name: '500-on-bad-transport', description: 'an unknown sipInfo.transport crashes the server (500)', breaks: ['RC-TRANSPORT-VALUE'] },
  { name: 'transport-prefix-match', description: 'a transport is taken when it starts with a known one ("UDPX", "TCP1")', breaks: ['RC-TRANSPORT-VALUE'] },
  { name: 'tls-rejected', description: 'TLS, in the vendor enum, is answered CMN-101', breaks: ['RC-VALID-ACCEPTED'] },
  { name: 'mixed-transports-accepted', description: 'WSS together with TCP/UDP/TLS is accepted', breaks: ['RC-MIXED-TRANSPORTS'] },
  { name: 'mixed-transports-wss-first-only', description: 'a mixed list is refused only when WSS comes first', breaks: ['RC-MIXED-TRANSPORTS'] },
  { name: 'user-agent-ignored', description: 'User-Agent is not checked', breaks: ['RC-USER-AGENT-VERSION'] },
  { name: 'user-agent-name-only', description: 'a User-Agent without any version ("MyApp") is taken as parseable', breaks: ['RC-USER-AGENT-VERSION'] },
  { name: 'auth-ignored', description: 'requests without a valid bearer token are served', breaks: ['RC-AUTH-MISSING', 'RC-AUTH-INVALID'] },
  { name: 'auth-403', description: 'a request without a token is answered 403 instead of 401', breaks: ['RC-AUTH-MISSING'] },
  { name: 'voip-permission-ignored', description: 'tokens without VoipCalling permission are served', breaks: ['RC-VOIP-PERMISSION'] },
  { name: 'no-errors-array', description: 'errors come back as {errorCode, message} without the errors[] array', breaks: ['RC-DEVICE-ID-LENGTH'] },
  { name: 'malformed-json-500', description: 'an unparsable body crashes the server (500)', breaks: ['RC-MALFORMED-JSON'] },
  { name: 'any-content-type', description: 'bodies of any content type are parsed as JSON', breaks: ['RC-MEDIA-TYPE'] },
  { name: 'sip-info-object', description: 'the success body returns sipInfo as an object, not an array', breaks: ['RC-VALID-ACCEPTED'] },
  { name: 'boolean-device-id-accepted', description: 'a JSON boolean as device.id is accepted', breaks: ['RC-TYPE-DEVICE-ID'] },
  ...REGISTRAR_FAULTS,
];

type Problem = { status: number; code: string; message: string; param?: string };

const problem = (status: number, code: string, message: string, param?: string): Problem => ({ status, code, message, param });
const invalid = (param: string) => problem(400, 'CMN-101', `Parameter [${param}] value is invalid`, param);

/** A request as one variant reads it, with the faults switched on. */
class Exchange {
  readonly r: Reading;

  constructor(
    readonly req: MockRequest,
    readonly o: MockOptions,
  ) {
    this.r = READINGS[o.variant];
  }

  fault = (name: string) => this.o.faults.includes(name);

  envelope(p: Problem): MockResponse {
    if (this.fault('no-errors-array')) return json(p.status, { errorCode: p.code, message: p.message });
    const error = { errorCode: p.code, message: p.message, ...(p.param && { parameterName: p.param }) };
    const body = this.r.envelope === 'errors-only' ? { errors: [{ ...error, ...(this.r.extraSuccessFields && { requestId: 'mock-0001' }) }] } : { errorCode: p.code, message: p.message, errors: [error] };
    return json(p.status, body, this.r.extraSuccessFields ? { 'content-type': 'application/json;charset=UTF-8' } : {});
  }

  authenticate(): Problem | { token: string } {
    const header = this.req.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    const known = token !== undefined && Object.entries(FIXTURES).some(([k, v]) => v === token && k.endsWith('oken'));
    if (known || this.fault('auth-ignored')) return { token: token ?? FIXTURES.token };
    if (header === '') return problem(this.fault('auth-403') ? 403 : 401, 'OAU-149', 'Invalid token');
    return problem(this.r.invalidTokenStatus, 'OAU-213', 'Token not found');
  }

  userAgent(): Problem | undefined {
    if (this.fault('user-agent-ignored')) return undefined;
    const headers = [this.req.headers['user-agent'], this.r.readXUserAgent ? this.req.headers['x-user-agent'] : undefined];
    const parseable = (v: string) => this.r.userAgent.test(v) || (this.fault('user-agent-name-only') && /^[A-Za-z]\w*$/.test(v));
    if (headers.some((v) => typeof v === 'string' && parseable(v))) return undefined;
    return problem(403, 'SPR-122', 'Application version is not set in "User-Agent" header or not parseable');
  }

  /** Content type and body presence, then the parsed JSON object. */
  body(): { problem: Problem } | { value: Record<string, unknown> } {
    const type = this.req.headers['content-type'];
    if (this.req.body.length === 0) return { problem: problem(type === undefined ? this.r.bodyMissingStatus : 400, 'CMN-101', 'Request body is required') };
    if (!this.r.mediaType.test(type ?? '') && !this.fault('any-content-type')) return { problem: problem(415, 'CMN-415', 'Unsupported Media Type') };
    const body = parseJson(this.req.body);
    if (body === undefined) {
      if (this.fault('malformed-json-500')) throw new Error('JSON parse failure');
      return { problem: problem(400, 'CMN-103', 'Invalid JSON in request body') };
    }
    return isRecord(body) ? { value: body } : { problem: invalid('body') };
  }

  absent = (v: unknown) => v === undefined || (this.r.emptyIsAbsent && v === null);

  unknownKeys(obj: Record<string, unknown>, known: string[], param: string): Problem | undefined {
    const extra = Object.keys(obj).find((k) => !known.includes(k));
    return extra !== undefined && !this.r.unknownFields ? invalid(`${param}${extra}`) : undefined;
  }

  device(device: unknown): Problem | undefined {
    if (this.absent(device)) return undefined;
    if (!isRecord(device)) return invalid('device');
    const extra = this.unknownKeys(device, DEVICE_KEYS, 'device.');
    if (extra) return extra;
    for (const key of ['appExternalId', 'computerName', 'serial']) {
      const v = device[key];
      if (this.absent(v)) continue;
      const clientOnly = key !== 'computerName' && !this.r.clientFields;
      if (typeof v !== 'string' || clientOnly || (this.r.plainNames && !PLAIN_NAME.test(v))) return invalid(`device.${key}`);
    }
    return this.deviceId(device.id);
  }

  deviceId(raw: unknown): Problem | undefined {
    if (this.absent(raw) || (this.r.emptyIsAbsent && raw === '')) return undefined;
    if (typeof raw === 'number' && this.r.deviceIdJsonNumber && Number.isInteger(raw)) return undefined;
    if (typeof raw === 'boolean' && this.fault('boolean-device-id-accepted')) return undefined;
    if (typeof raw !== 'string') return invalid('device.id');
    const id = raw;
    const length = [...id].length;
    const limit = this.fault('device-id-39-accepted') ? 40 : 38;
    const tooLong = (): Problem | undefined =>
      length <= limit
        ? undefined
        : this.fault('wrong-code-device-id-length')
          ? invalid('device.id')
          : problem(400, 'SPR-114', `Device id length [${length}] is greater than allowed [38]`, 'device.id');
    const number = this.r.deviceIdDigits.test(id) && !(this.r.deviceId64 && /^[0-9]+$/.test(id) && BigInt(id) > LONG_MAX);
    const notNumber = (): Problem | undefined =>
      number || this.fault('device-id-letters-accepted') ? undefined : problem(400, 'SPR-118', `Parameter [device.id]=${id} is not a number`, 'device.id');
    return this.r.numberBeforeLength ? (notNumber() ?? tooLong()) : (tooLong() ?? notNumber());
  }

  /** A transport as this reading spells it; undefined when the value names none. */
  transport(t: string): string | undefined {
    const known = [...NON_WEB, 'WSS', ...(this.r.legacyWs ? ['WS'] : [])].filter((x) => !(x === 'TLS' && this.fault('tls-rejected')));
    const spelled = this.r.caseless ? t.trim().toUpperCase() : t;
    if (known.includes(spelled)) return spelled;
    return this.fault('transport-prefix-match') ? known.find((x) => spelled.startsWith(x)) : undefined;
  }

  transports(sipInfo: unknown): Problem | string[] {
    if (this.absent(sipInfo) || (Array.isArray(sipInfo) && sipInfo.length === 0)) {
      return this.r.noTransports === 'udp' ? ['UDP'] : invalid('sipInfo');
    }
    if (!Array.isArray(sipInfo)) return invalid('sipInfo');
    const list: string[] = [];
    for (const item of sipInfo) {
      if (!isRecord(item)) return invalid('sipInfo');
      const extra = this.unknownKeys(item, ['transport'], 'sipInfo.');
      if (extra) return extra;
      const t = item.transport;
      if (t === undefined || t === null) {
        if (this.r.itemWithoutTransport === 'reject') return invalid('sipInfo.transport');
        if (this.r.itemWithoutTransport === 'udp') list.push('UDP');
        continue;
      }
      if (typeof t !== 'string') return invalid('sipInfo.transport');
      const spelled = this.transport(t);
      if (spelled === undefined) {
        if (this.fault('500-on-bad-transport')) throw new Error(`unknown transport ${t}`);
        return invalid('sipInfo.transport');
      }
      list.push(spelled);
    }
    return this.compatible(list);
  }

  compatible(list: string[]): Problem | string[] {
    if (list.length === 0) return this.r.noTransports === 'udp' ? ['UDP'] : invalid('sipInfo');
    if (this.r.duplicates === 'reject' && new Set(list).size < list.length) return invalid('sipInfo.transport');
    const web = list.filter((t) => !NON_WEB.includes(t));
    const nonWeb = list.filter((t) => NON_WEB.includes(t));
    const mixed = web.length > 0 && nonWeb.length > 0 && !this.fault('mixed-transports-accepted') && !(this.fault('mixed-transports-wss-first-only') && NON_WEB.includes(list[0]!));
    if (mixed || (this.r.severalNonWeb === 'reject' && new Set(nonWeb).size > 1)) {
      return problem(400, 'SPR-129', `Not allowed to register with incompatible protocol list [${list.join(', ')}]`);
    }
    return list;
  }

  reassignment(value: unknown): Problem | undefined {
    if (this.absent(value)) return undefined;
    if (typeof value !== 'string') return invalid('softPhoneLineReassignment');
    const spelled = this.r.caseless ? value.trim().toLowerCase() : value;
    const known = ['None', 'Initialize', 'Reassign'].find((v) => (this.r.caseless ? v.toLowerCase() : v) === spelled);
    if (known === undefined) return invalid('softPhoneLineReassignment');
    return this.r.reassignment.includes(known) ? undefined : problem(400, 'SPR-131', 'Line reassignment is not available for this device');
  }
}

function checkFixtures(x: Exchange, token: string, transports: string[], deviceId: unknown): Problem | undefined {
  const wss = transports.includes('WSS');
  if (token === FIXTURES.noVoipPermissionToken && !x.fault('voip-permission-ignored')) {
    return problem(403, 'CMN-401', 'In order to call this API endpoint, application needs to have [VoipCalling] permission');
  }
  if (token === FIXTURES.nonAdminToken) return problem(403, 'CMN-402', 'Administrator permission required');
  if (token === FIXTURES.incompatibleEditionToken) return problem(403, 'SPR-112', 'Client edition is not compatible with current Brand');
  if (wss && token === FIXTURES.noWebPhoneFeatureToken) return problem(403, 'BIL-103', 'Feature [WebPhone] is not available for current account');
  if (wss && deviceId === FIXTURES.nonWebRtcDeviceId) return problem(400, 'SPR-130', 'device is not allowed for WebRTC.');
  return undefined;
}

/** computerName next to WSS, where this reading takes it for SoftPhone devices only. */
function softphoneOnly(x: Exchange, device: unknown, transports: string[]): Problem | undefined {
  const named = isRecord(device) && !x.absent(device.computerName);
  return x.r.computerNameSoftphoneOnly && named && transports.includes('WSS') ? invalid('device.computerName') : undefined;
}

async function success(x: Exchange, body: Record<string, unknown>, transports: string[], proxy: MockProxy): Promise<MockResponse> {
  const device = isRecord(body.device) ? body.device : {};
  const id = typeof device.id === 'string' && device.id !== '' ? device.id : '800000000100';
  const transport = transports[0]!;
  const web = !NON_WEB.includes(transport);
  const user = { username: '16505550100', authorizationId: '802398808016' };
  // UDP/TCP/TLS: the mock's own outbound proxy, which accepts exactly these credentials (WSS: none).
  const issued = web ? { password: 'mock-sip-password', outboundProxy: 'sip10.ringcentral.com:8083' } : await proxy.issue(user.username, user.authorizationId);
  const sipInfo = {
    ...user,
    password: issued.password,
    domain: 'sip.ringcentral.com',
    outboundProxy: issued.outboundProxy,
    transport,
    authorizationTypes: ['SipDigest'],
    stunServers: ['stun1.ringcentral.com:19302'],
  };
  const response: Record<string, unknown> = {
    device: { uri: `https://platform.ringcentral.com/restapi/v1.0/account/~/device/${id}`, id, type: web ? 'WebPhone' : 'SoftPhone', status: 'Online' },
    sipInfo: x.fault('sip-info-object') ? sipInfo : [sipInfo],
    sipFlags: { voipFeatureEnabled: true, voipCountryBlocked: false, outboundCallsEnabled: true },
    sipErrorCodes: ['408', '502', '503', '504'],
    pollingInterval: 86400,
  };
  if (x.r.extraSuccessFields) Object.assign(response, { sipInfoPstn: [], persistGatewayConfigured: false, vendorExtension: { build: x.o.variant } });
  return json(200, response, x.r.extraSuccessFields ? { 'content-type': 'application/json;charset=UTF-8' } : {});
}

function handle(req: MockRequest, o: MockOptions, proxy: MockProxy): MockResponse | Promise<MockResponse> {
  const x = new Exchange(req, o);
  if (req.path !== PATH) return x.envelope(problem(404, 'CMN-102', 'Resource for parameter [path] is not found'));
  if (req.method !== 'POST') {
    // RFC 9110 15.5.6: a 405 "MUST generate an Allow header field".
    const r = x.envelope(problem(405, 'CMN-405', 'Method not allowed'));
    return { ...r, headers: { ...r.headers, allow: 'POST' } };
  }
  const auth = x.authenticate();
  if ('status' in auth) return x.envelope(auth);
  const ua = x.userAgent();
  if (ua && x.r.userAgentFirst) return x.envelope(ua);
  const parsed = x.body();
  if ('problem' in parsed) return x.envelope(parsed.problem);
  if (ua) return x.envelope(ua);
  const body = parsed.value;
  const shape = x.unknownKeys(body, BODY_KEYS, '') ?? x.device(body.device);
  if (shape) return x.envelope(shape);
  const transports = x.transports(body.sipInfo);
  if (!Array.isArray(transports)) return x.envelope(transports);
  const denied = x.reassignment(body.softPhoneLineReassignment) ?? softphoneOnly(x, body.device, transports) ?? checkFixtures(x, auth.token, transports, isRecord(body.device) ? body.device.id : undefined);
  if (denied) return x.envelope(denied);
  return success(x, body, transports, proxy);
}

export const ringcentralMock: MockDefinition = {
  spec: 'ringcentral',
  fixtures: FIXTURES,
  faults: [...FAULTS, ...httpFaults('methodNotAllowed', 'options', 'contentType')],
  create: (options) => {
    const proxy = new MockProxy(options);
    return (req) => handle(req, options, proxy);
  },
};
