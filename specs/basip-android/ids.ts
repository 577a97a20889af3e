// Requirement ids for BAS-IP Android monitors, "Set SIP Settings" (seed 004).
// Nested parameters are named with a dotted path in error strings: `stun.port`.
export const REQUIREMENT_IDS = {
  'BASIP-ANDROID-LOGIN': 'GET /api/v0/login?username=admin&password=<MD5 hex> returns {account_type, token}; wrong credentials give 401',
  'BASIP-ANDROID-AUTH-REQUIRED': 'GET and POST /api/v0/sip/settings without valid credentials are rejected with status 401',
  'BASIP-ANDROID-AUTH-REQUIRED-GET': 'GET /api/v0/sip/settings without valid credentials is rejected with status 401',
  'BASIP-ANDROID-AUTH-401-BODY': 'The 401 body is {"error":"Log In"}',
  'BASIP-ANDROID-AUTH-BEARER': 'A login token sent as Authorization: Bearer <token> is accepted for 2 h',
  'BASIP-ANDROID-AUTH-BASIC': 'HTTP Basic with the admin account is accepted',
  'BASIP-ANDROID-BODY-REQUIRED': 'A missing, unparseable or non-object body gives 400 {"error":"Wrong JSON body"}',
  'BASIP-ANDROID-MISSING-FIELD': 'Omitting enable, proxy, realm, user, password, timeout, stun, stun.ip or stun.port gives 400 "Wrong JSON body: no value for `param`"',
  'BASIP-ANDROID-WRONG-TYPE': 'A value of a JSON type no reading converts (e.g. "enable":1) gives 400 "Wrong JSON body[...]"',
  'BASIP-ANDROID-ERROR-PARAM': 'Missing-field and wrong-type errors name the failing field (nested as stun.port)',
  'BASIP-ANDROID-ERROR-ENVELOPE': 'Every 400 body is {"error":<string>}',
  'BASIP-ANDROID-HOST-FORMAT': 'proxy, realm and stun.ip take an IPv4 address or DNS name; what no reading takes for a host gives 400',
  'BASIP-ANDROID-USER-LENGTH': 'user is 1..31 characters; empty or 32 gives 400',
  'BASIP-ANDROID-PASSWORD-LENGTH': 'password is 6..31 characters; 5 or 32 gives 400',
  'BASIP-ANDROID-USER-ID-LENGTH': 'user_id is 0..31 characters (empty allowed); 32 gives 400',
  'BASIP-ANDROID-CHARSET': 'user, password and user_id reject characters neither the text nor the regex lists (é, \', :, \\, emoji)',
  'BASIP-ANDROID-TIMEOUT-ENUM': 'timeout is one of 120, 300, 600, 1200, 1800; any other integer gives 400',
  'BASIP-ANDROID-TRANSPORT-ENUM': 'transport, when given, is one of udp, tcp, tls; other strings give 400',
  'BASIP-ANDROID-INTERVAL-RANGE': 'registration_interval is an integer 30..900 inclusive; 29 or 901 gives 400',
  'BASIP-ANDROID-OPTIONAL-FIELDS': 'transport, user_id, is_enable_ring_code and registration_interval may be omitted',
  'BASIP-ANDROID-UNKNOWN-FIELDS-IGNORED': 'Unrecognised JSON properties and query parameters are ignored',
  'BASIP-ANDROID-PERSISTENCE': 'An accepted POST (200) is reflected by the next GET',
} as const;

export type AndroidRequirementId = keyof typeof REQUIREMENT_IDS;
