// The RingCentral points the documents leave open, as data: docs/undecided/ringcentral.md, with probes.
import type { Case, Json, JsonObject, Probe, UndecidedPoint } from '../../src/index.ts';
import { SEED, VENDOR } from './catalogue.ts';

const DOC = 'docs/undecided/ringcentral.md';
const SDK = 'ringcentral-js sdk/src/platform/Platform.ts (X-User-Agent: AppName/AppVersion RCJSSDK/x.y.z)';

type Edit = (c: Case) => Case;

const withInput = (c: Case, patch: JsonObject): Case => ({ ...c, input: { ...(c.input as JsonObject), ...patch } });
const sipInfo = (...items: Json[]): Edit => (c) => withInput(c, { sipInfo: items });
const headers = (set: Record<string, string>, omit: string[] = []): Edit => (c) => ({ ...c, headers: { ...c.headers, ...set }, omitHeaders: [...c.omitHeaders, ...omit] });

function point(id: string, title: string, readings: string[], source: string, probes: Omit<Probe, 'operation'>[]) {
  return (operation: string): UndecidedPoint => ({ id, title, readings, source: `${source}; ${DOC} ${id}`, probes: probes.map((p) => ({ operation, ...p })) });
}

const at = (path: string, ...values: Json[]) => values.map((value) => ({ path, value }));

const POINTS = [
  point('transport-missing', 'a sipInfo item without transport', ['accepted, read as UDP (SPR-129 next to WSS)', 'accepted, item ignored', 'rejected CMN-101'], `${VENDOR}: SIPInfoRequest (no required, no default); ${SEED} CMN-101`, [
    { path: '/sipInfo/0', value: {} },
    { edit: sipInfo({ transport: 'WSS' }, {}), note: 'sipInfo = [{"transport":"WSS"},{}]' },
  ]),
  point('transport-null', 'sipInfo[].transport null', ['as absent', 'rejected CMN-101'], `${VENDOR}: SIPInfoRequest.transport (not nullable)`, at('/sipInfo/0/transport', null)),
  point('transport-case', 'a transport in another case', ['rejected CMN-101 (exact enum)', 'accepted (case-insensitive)'], `${VENDOR}: SIPInfoRequest.transport enum`, at('/sipInfo/0/transport', 'wss', 'Udp')),
  point('transport-space', 'a transport with surrounding white space', ['rejected CMN-101', 'accepted after trimming'], `${VENDOR}: SIPInfoRequest.transport enum`, at('/sipInfo/0/transport', ' UDP', 'TCP ')),
  point('transport-ws', 'the WS transport', ['rejected CMN-101 (removed from the enum)', 'accepted (the seed lists WS)'], `${VENDOR}: SIPInfoRequest.transport enum; ${SEED} SPR-129 "[WS, TCP]"`, [
    ...at('/sipInfo/0/transport', 'WS'),
    { edit: sipInfo({ transport: 'WS' }, { transport: 'TCP' }), note: 'sipInfo transports WS, TCP' },
  ]),
  point('transport-duplicate', 'the same transport twice', ['accepted', 'rejected 400'], `${VENDOR}: sipInfo (no uniqueItems)`, [{ edit: sipInfo({ transport: 'UDP' }, { transport: 'UDP' }), note: 'sipInfo transports UDP, UDP' }]),
  point('transport-several', 'several distinct non-web transports', ['accepted', 'rejected SPR-129'], `${VENDOR}: SIPInfoRequest.transport description; ${SEED} SPR-129`, [
    { edit: sipInfo({ transport: 'UDP' }, { transport: 'TCP' }), note: 'sipInfo transports UDP, TCP' },
  ]),
  point('sipinfo-empty', 'an empty sipInfo list', ['accepted with a default transport', 'rejected 400'], `${VENDOR}: sipInfo (no minItems)`, at('/sipInfo', [])),
  point('sipinfo-absent', 'a body without sipInfo', ['accepted with a default transport', 'rejected 400'], `${VENDOR}: CreateSipRegistrationRequest (no required)`, [
    { path: '/sipInfo', omit: true },
    { edit: (c) => ({ ...c, input: {} }), note: 'body {}' },
  ]),
  point('sipinfo-null', 'sipInfo null', ['as absent', 'rejected 400'], `${VENDOR}: sipInfo (not nullable)`, at('/sipInfo', null)),
  point('device-id-leading-zero', 'device.id with leading zeros', ['accepted (digits)', 'rejected SPR-118'], `${SEED} SPR-118`, at('/device/id', '007')),
  point('device-id-sign', 'device.id with a sign', ['accepted (a number)', 'rejected SPR-118'], `${SEED} SPR-118`, at('/device/id', '+1', '-1')),
  point('device-id-unicode-digits', 'device.id in non-ASCII decimal digits', ['accepted (Unicode digits parse)', 'rejected SPR-118'], `${SEED} SPR-118`, at('/device/id', '\u0661\u0662\u0663', '\uff11\uff12')),
  point('device-id-magnitude', 'a device.id of 19 to 38 digits', ['accepted (a decimal of up to 38 digits: SPR-114\'s limit)', 'rejected SPR-118 above 9223372036854775807 (read as a 64-bit number)'], `${SEED} SPR-114 (38), SPR-118 "is not a number"; ${VENDOR}: DeviceInfoRequest.id string (no maximum)`, at('/device/id', '9223372036854775807', '9223372036854775808', '8'.repeat(38))),
  point('device-id-number', 'device.id as a JSON number', ['accepted (coerced)', 'rejected 400'], `${VENDOR}: DeviceInfoRequest.id string; ${SEED} SPR-118`, at('/device/id', 123)),
  point('device-id-empty', 'an empty device.id', ['as absent (no previous session)', 'rejected SPR-118'], `${VENDOR}: DeviceInfoRequest.id "(if any)"; ${SEED} SPR-118`, at('/device/id', '')),
  point('device-id-null', 'device.id null', ['as absent', 'rejected 400'], `${VENDOR}: DeviceInfoRequest.id (not nullable)`, at('/device/id', null)),
  point('device-extra-fields', 'unknown properties', ['ignored', 'rejected 400'], `${VENDOR}: additionalProperties not stated`, [
    ...at('/device/vendorFlag', 1),
    ...at('/vendorFlag', 1),
    ...at('/sipInfo/0/vendorFlag', 1),
  ]),
  point('device-client-fields', 'appExternalId or serial in a request', ['accepted', 'rejected 400 (appExternalId: iOS only, a certificate the server knows; serial: a known endpoint)'], `${VENDOR}: DeviceInfoRequest.appExternalId, serial descriptions`, [
    ...at('/device/appExternalId', 'MyAppCertificate'),
    ...at('/device/serial', 'endpoint-0001'),
  ]),
  point('device-name-forms', 'computerName forms', ['accepted', 'rejected 400'], `${VENDOR}: DeviceInfoRequest.computerName (plain string)`, at('/device/computerName', '', 'x'.repeat(300), 'pc\u0000name', 'Front Desk PC', 42)),
  point('computer-name-webphone', 'computerName on a WSS (WebPhone) registration', ['ignored or stored', 'rejected 400 (computerName is for SoftPhone devices only)'], `${VENDOR}: DeviceInfoRequest.computerName "(for devices of SoftPhone type only)"; ringcentral-extensible demo (computerName: hostname() with TCP)`, [
    { edit: (c) => withInput(c, { sipInfo: [{ transport: 'WSS' }], device: { computerName: 'sipconformance' } }), note: 'WSS with device.computerName' },
  ]),
  point('line-reassignment-default', 'softPhoneLineReassignment sent as its default None', ['as absent (the default)', 'rejected (Supported for Softphone clients only; SPR-131 when there is no DL)'], `${VENDOR}: softPhoneLineReassignment description and default`, at('/softPhoneLineReassignment', 'None')),
  point('line-reassignment-values', 'softPhoneLineReassignment Initialize or Reassign', ['accepted', 'rejected (SPR-131: no DL, or not a Softphone client)'], `${VENDOR}: softPhoneLineReassignment description`, at('/softPhoneLineReassignment', 'Initialize', 'Reassign')),
  point('line-reassignment-case', 'softPhoneLineReassignment in another case or spacing, or null', ['rejected 400', 'accepted'], `${VENDOR}: softPhoneLineReassignment enum`, at('/softPhoneLineReassignment', 'none', ' None', null)),
  point('user-agent-forms', 'User-Agent forms other than Name/1.2.3', ['parsed', 'rejected SPR-122'], `${SEED} SPR-122; ${SDK}`, ['RCMobile/1.0', 'App/1.0.0 (Windows NT 10.0)', 'App/1.0.0-beta', '/1.0.0', 'MyApp 1.0', 'MyApp/v1.0', '1.0.0'].map((ua) => ({ edit: headers({ 'User-Agent': ua }), note: `User-Agent "${ua}"` }))),
  point('x-user-agent', 'the version only in X-User-Agent', ['accepted (X-User-Agent read)', 'rejected SPR-122 (the seed names User-Agent)'], `${SEED} SPR-122; ${SDK}`, [
    { edit: headers({ 'X-User-Agent': 'MyApp/1.2.3' }, ['User-Agent']), note: 'no User-Agent, X-User-Agent "MyApp/1.2.3"' },
    { edit: headers({ 'User-Agent': 'MyApp', 'X-User-Agent': 'MyApp/1.2.3 RCJSSDK/4.0.0' }), note: 'User-Agent "MyApp", X-User-Agent "MyApp/1.2.3 RCJSSDK/4.0.0"' },
  ]),
  point('body-missing', 'a POST with no body and no Content-Type', ['400', '415'], `${VENDOR}: requestBody.required, InvalidRequest, UnsupportedMediaType`, [
    { edit: (c) => ({ ...c, input: undefined, rawBody: undefined, contentType: null }), note: 'no body, no Content-Type' },
  ]),
  point('media-type-forms', 'other spellings of the JSON media type', ['accepted', 'rejected 415'], `${VENDOR}: requestBody content application/json`, ['application/json; charset=utf-8', 'application/JSON', 'application/vnd.api+json'].map((type) => ({
    edit: (c: Case) => ({ ...c, contentType: type }),
    note: `Content-Type ${type}`,
  }))),
  point('auth-invalid-status', 'the status of an unknown token or another scheme', ['401', '403', '400 for another scheme'], `${VENDOR}: Unauthorized, Forbidden; RFC 6750 section 3.1`, [
    { edit: (c) => ({ ...c, auth: { kind: 'invalid', variant: 'invalid' } }), note: 'unknown bearer token' },
    { edit: (c) => ({ ...c, auth: { kind: 'invalid', variant: 'wrongScheme' } }), note: 'Basic credentials' },
  ]),
  point('check-order', 'which of two broken rules answers first', ['either rule, either status and code'], `${SEED} (no order given)`, [
    { edit: (c) => headers({ 'User-Agent': 'MyApp' })(withInput(c, { device: { id: 'x'.repeat(40) } })), note: 'User-Agent "MyApp" and device.id of 40 letters' },
    { edit: (c) => withInput(c, { device: { id: `0${'1'.repeat(38)}` } }), note: 'device.id of 39 digits with a leading zero (SPR-114 or SPR-118)' },
    { edit: sipInfo({ transport: 'WSS' }, { transport: 'TCP' }, { transport: 'XYZ' }), note: 'sipInfo transports WSS, TCP, XYZ (SPR-129 or CMN-101)' },
  ]),
  point('error-envelope', 'the form of the error body around errors[]', ['top-level errorCode and message next to errors[]', 'errors[] only', 'with or without parameterName'], `${VENDOR}: ApiErrorResponseModel, ApiErrorWithParameter; developers.ringcentral.com/guide/basics/errors`, at('/device/id', '@1qwbc)yppa!')),
  point('inferred-codes', 'the code of errors the seed does not list', ['any code'], `${SEED} (no code listed)`, [
    { edit: (c) => ({ ...c, rawBody: '{"sipInfo": [' }), note: 'malformed JSON body' },
    ...at('/softPhoneLineReassignment', 'Sometimes'),
  ]),
];

/** The spec's `undecided` table for the operation. */
export const undecided = (operation: string): UndecidedPoint[] => POINTS.map((p) => p(operation));
