// RingCentral sip-provision error catalogue: seed 000's error table plus the vendor OpenAPI extract.
import { type Operation, type Requirement, wrongTypeRequirements } from '../../src/index.ts';
import { vendorDocument } from '../sources.ts';

export const SEED = vendorDocument('000');
export const VENDOR = 'bundled spec file specs/ringcentral/openapi.yaml (RingCentral public OpenAPI extract)';
const OP = 'createSIPRegistration';

const seed = (code: string) => `${SEED} error table, ${code}`;

function entry(r: Omit<Requirement, 'operation'>): Requirement {
  return { operation: OP, ...r };
}

const bad = (code: string, status = 400): Requirement['expect'] => ({ status: [status], statusLevel: 'MUST', codes: [code], codeLevel: 'MUST' });

export function catalogue(op: Operation): Requirement[] {
  const documented: Requirement[] = [
    entry({
      id: 'RC-VALID-ACCEPTED',
      title: 'a valid registration request is answered 200 with a body valid against CreateSipRegistrationResponse',
      level: 'MUST',
      source: `${VENDOR}: responses.200`,
      trigger: { kind: 'valid' },
      expect: { status: [200], statusLevel: 'MUST' },
    }),
    entry({
      id: 'RC-DEVICE-ID-LENGTH',
      errorCode: 'SPR-114',
      title: 'device.id longer than 38 characters is rejected (SPR-114; SPR-118 too where the digits are no 64-bit number, docs/undecided device-id-magnitude)',
      level: 'MUST',
      source: seed('SPR-114 "Device id length [40] is greater than allowed [38]"'),
      trigger: { kind: 'constraint', location: 'body', path: '/device/id', keywords: ['maxLength'] },
      expect: bad('SPR-114'),
    }),
    entry({
      id: 'RC-DEVICE-ID-NUMERIC',
      errorCode: 'SPR-118',
      title: 'a non-numeric device.id is rejected (letters, signs, spaces, non-ASCII digits, empty)',
      level: 'MUST',
      source: seed('SPR-118 "Parameter [device.id]=@1qwbc)yppa! is not a number"'),
      trigger: { kind: 'constraint', location: 'body', path: '/device/id', keywords: ['pattern'] },
      expect: bad('SPR-118'),
    }),
    entry({
      id: 'RC-TRANSPORT-VALUE',
      errorCode: 'CMN-101',
      title: 'sipInfo[].transport that names no transport under any reading (not UDP|TCP|TLS|WSS in any case or spacing, empty, non-string) is rejected',
      level: 'MUST',
      source: `${seed('CMN-101 "Parameter [sipInfo.transport] value is invalid"')}; enum from ${VENDOR}: SIPInfoRequest.transport`,
      trigger: { kind: 'constraint', location: 'body', path: '/sipInfo/*/transport', keywords: ['enum', 'type'] },
      expect: bad('CMN-101'),
      // The widest reading states the transports as a caseless pattern: a value it rejects breaks `pattern`.
      covers: ['enum', 'type', 'pattern'].map((keyword) => ({ location: 'body', path: '/sipInfo/*/transport', keyword })),
    }),
    entry({
      id: 'RC-LINE-REASSIGNMENT-VALUE',
      title: 'softPhoneLineReassignment that names none of None|Initialize|Reassign in any case or spacing is rejected',
      level: 'MUST',
      source: `${VENDOR}: CreateSipRegistrationRequest.softPhoneLineReassignment enum, InvalidRequest (no document names the code)`,
      trigger: { kind: 'constraint', location: 'body', path: '/softPhoneLineReassignment', keywords: ['enum', 'type'] },
      expect: { status: [400], statusLevel: 'MUST' },
      covers: ['enum', 'type', 'pattern'].map((keyword) => ({ location: 'body', path: '/softPhoneLineReassignment', keyword })),
    }),
    entry({
      id: 'RC-MIXED-TRANSPORTS',
      errorCode: 'SPR-129',
      title: 'registering a web transport (WSS) together with a non-web one is rejected',
      level: 'MUST',
      source: seed('SPR-129 "Not allowed to register with incompatible protocol list [WS, TCP]"'),
      trigger: { kind: 'rule', rule: 'mixedTransports' },
      expect: bad('SPR-129'),
    }),
    entry({
      id: 'RC-USER-AGENT-VERSION',
      errorCode: 'SPR-122',
      title: 'a request whose User-Agent and X-User-Agent carry no application version at all is rejected',
      level: 'MUST',
      source: seed('SPR-122 "Application version is not set in \\"User-Agent\\" header or not parseable"'),
      trigger: { kind: 'rule', rule: 'userAgentVersion' },
      expect: bad('SPR-122', 403),
    }),
    entry({
      id: 'RC-MALFORMED-JSON',
      title: 'an unparsable JSON body is rejected with 400 (no document names its code)',
      level: 'MUST',
      source: `${VENDOR}: InvalidRequest ("unparsable request")`,
      trigger: { kind: 'content', variants: ['syntax'] },
      expect: { status: [400], statusLevel: 'MUST' },
    }),
    entry({
      id: 'RC-BODY-REQUIRED',
      title: 'a request without a body (and so without Content-Type) is rejected with 400 or 415',
      level: 'MUST',
      source: `${VENDOR}: requestBody.required: true, InvalidRequest (400) and UnsupportedMediaType (415); docs/undecided/ringcentral.md body-missing`,
      trigger: { kind: 'content', variants: ['missing'] },
      expect: { status: [400, 415], statusLevel: 'MUST' },
    }),
    entry({
      id: 'RC-MEDIA-TYPE',
      title: 'a body sent as text/plain, XML, HTML or octet-stream is rejected with 415 (or 400, unparsable)',
      level: 'MUST',
      source: `${VENDOR}: requestBody content application/json only, responses.UnsupportedMediaType and InvalidRequest`,
      trigger: { kind: 'content', variants: ['mediaType'] },
      expect: { status: [415, 400], statusLevel: 'MUST' },
    }),
    entry({
      id: 'RC-AUTH-MISSING',
      title: 'a request without a bearer token is rejected with 401',
      level: 'MUST',
      source: `${VENDOR}: security OAuth2, responses.Unauthorized; RFC 6750 section 3 (developers.ringcentral.com/guide/basics/errors: auth follows RFC 6749/6750)`,
      trigger: { kind: 'auth', variants: ['missing'] },
      expect: { status: [401], statusLevel: 'MUST' },
    }),
    entry({
      id: 'RC-AUTH-INVALID',
      title: 'a request with an unknown bearer token (or another scheme) is refused: 401, 403, or 400 (RFC 6750 invalid_request)',
      level: 'MUST',
      source: `${VENDOR}: security OAuth2, responses.Unauthorized and Forbidden; RFC 6750 section 3.1; docs/undecided/ringcentral.md auth-invalid-status`,
      trigger: { kind: 'auth', variants: ['invalid', 'wrongScheme'] },
      expect: { status: [401, 403, 400], statusLevel: 'MUST' },
    }),
    ...(
      [
        ['RC-VOIP-PERMISSION', 'CMN-401', 403, 'noVoipPermissionToken', 'an application without the VoipCalling permission is refused', 'CMN-401 "In order to call this API endpoint, application needs to have [VoipCalling] permission"'],
        ['RC-ADMIN-PERMISSION', 'CMN-402', 403, 'nonAdminToken', 'a user without administrator permission is refused', 'CMN-402 "Administrator permission required"'],
        ['RC-CLIENT-EDITION', 'SPR-112', 403, 'incompatibleEditionToken', 'a client edition incompatible with the brand is refused', 'SPR-112 "Client edition is not compatible with current Brand"'],
        ['RC-WEBPHONE-FEATURE', 'BIL-103', 403, 'noWebPhoneFeatureToken', 'WSS on an account without the WebPhone feature is refused', 'BIL-103 "Feature [WebPhone] is not available for current account"'],
        ['RC-WEBRTC-DEVICE', 'SPR-130', 400, 'nonWebRtcDeviceId', 'WSS with a device not allowed for WebRTC is refused', 'SPR-130 "device is not allowed for WebRTC."'],
      ] as const
    ).map(([id, code, status, fixture, title, quote]) =>
      entry({ id, errorCode: code, title, level: 'MUST', source: seed(quote), trigger: { kind: 'fixture', fixture }, expect: bad(code, status) }),
    ),
  ];
  const covered = ['/sipInfo/*/transport', '/softPhoneLineReassignment'];
  return [
    ...documented,
    ...wrongTypeRequirements(op, {
      prefix: 'RC',
      level: 'MUST',
      source: `${VENDOR}: CreateSipRegistrationRequest types, InvalidRequest (no document names the code)`,
      expect: { status: [400], statusLevel: 'MUST' },
      except: covered,
    }),
  ];
}
