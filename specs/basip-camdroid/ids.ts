// Requirement ids for BAS-IP CamDroid monitors, "Set device SIP Settings" (seed 003).
export const REQUIREMENT_IDS = {
  'BASIP-CAMDROID-LOGIN': 'GET /api/v1/login?username=admin&password=<MD5 hex> returns {account_type, token}; wrong credentials give 401',
  'BASIP-CAMDROID-AUTH-REQUIRED': 'GET and POST /api/v1/device/sip/settings without valid credentials are rejected with status 401',
  'BASIP-CAMDROID-AUTH-REQUIRED-GET': 'GET /api/v1/device/sip/settings without valid credentials is rejected with status 401',
  'BASIP-CAMDROID-AUTH-401-BODY': 'The 401 body is {"error":{"code":"invalid_authentication","message":"Log In"}}',
  'BASIP-CAMDROID-AUTH-BEARER': 'A login token sent as Authorization: Bearer <token> is accepted for 2 h',
  'BASIP-CAMDROID-AUTH-BASIC': 'HTTP Basic with the admin account is accepted',
  'BASIP-CAMDROID-REQUIRED-FIELDS': 'proxy, realm, user, password, stun, stun.ip and stun.port are required; omitting one gives 400',
  'BASIP-CAMDROID-FIELD-TYPES': 'A value of the wrong JSON type (e.g. a number for user, a string for stun) gives 400',
  'BASIP-CAMDROID-HOST-FORMAT': 'proxy, realm and stun.ip take an IPv4 address or DNS name; what no reading takes for a host gives 400',
  'BASIP-CAMDROID-USER-LENGTH': 'user is 1..31 characters; empty or 32 gives 400',
  'BASIP-CAMDROID-PASSWORD-LENGTH': 'password is 1..31 characters; empty or 32 gives 400',
  'BASIP-CAMDROID-STUN-PORT-INTEGER': 'stun.port must be a JSON integer; fractions and non-numeric values give 400',
  'BASIP-CAMDROID-H264-RANGE': 'h264 is an integer 99..127 inclusive; 98, 128 or a fraction gives 400',
  'BASIP-CAMDROID-INTERVAL-RANGE': 'registration_interval is 30..900 inclusive; 29 or 901 gives 400',
  'BASIP-CAMDROID-TRANSPORT-ENUM': 'transport is one of udp, tcp, tls; other strings give 400',
  'BASIP-CAMDROID-OPTIONAL-FIELDS': 'registration_interval and transport may be omitted',
  'BASIP-CAMDROID-ERROR-ENVELOPE': 'A 400 body is {"error":{"code":"not_valid","message":<string>,"data":{...}}}',
  'BASIP-CAMDROID-ERROR-PARAM': 'error.data names the failing parameter, as a key or in a param value',
  'BASIP-CAMDROID-MALFORMED-BODY': 'Malformed JSON or a non-object body gives 400 not_valid',
  'BASIP-CAMDROID-UNKNOWN-FIELDS-IGNORED': 'Unrecognised JSON properties and query parameters are ignored',
  'BASIP-CAMDROID-PERSISTENCE': 'An accepted POST (200) is reflected by the next GET',
} as const;

export type CamdroidRequirementId = keyof typeof REQUIREMENT_IDS;
