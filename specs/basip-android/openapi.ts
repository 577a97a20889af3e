// BAS-IP Android monitors, "Set SIP Settings" (seed 004), written as OpenAPI 3.0.
import type { OpenAPIV3 } from 'openapi-types';
import type { Schema } from '../../src/model.ts';
import { basipDocument, host, s, SIP_CHARSET_PATTERN, SIP_SPECIALS, stunPort, viewOf } from '../basip-common/openapi.ts';
import { vendorDocument } from '../sources.ts';

export const SEED = vendorDocument('004');
export const LOGIN_PATH = '/api/v0/login';
export const SETTINGS_PATH = '/api/v0/sip/settings';

/** `<document> line N: "quote"` */
export const line = (n: number | string, quote: string) => `${SEED} line ${n}: "${quote}"`;

/**
 * {"error": <string>} (lines 76-90, 96-104). The "Example (from schema)" {"error": true} (line 80)
 * is a generated placeholder that contradicts the schema's "error string" and the three samples.
 */
const ERROR: Schema = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', description: 'Error information' } },
  'x-source': `${line('76-77', '- error string')}; the {"error": true} of line 80 is the doc generator's placeholder`,
};

const CHARSET_NOTE = 'charset: letters, digits, whitespace and ~`!@#$%^&;*()_-+={[}]|"<,>.?/ (the seed regex is garbled, see SIP_CHARSET_PATTERN)';

export const REQUEST: Schema = {
  type: 'object',
  required: ['enable', 'proxy', 'realm', 'user', 'password', 'timeout', 'stun'],
  properties: {
    enable: s({ type: 'boolean', description: 'Determines whether the SIP is enabled', 'x-source': line(5, '- enable boolean required') }),
    proxy: host('SIP proxy', line(7, '- proxy ipv4|dns required')),
    realm: host('SIP realm address', line(9, '- realm ipv4|dns required')),
    user: s({
      type: 'string',
      minLength: 1,
      maxLength: 31,
      pattern: SIP_CHARSET_PATTERN,
      description: 'SIP account user name',
      'x-source': `${line('11-16', '- user string required Possible values: non-empty and <= 31 characters, Value must match regular expression ^[0-9a-zA-Z\\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$')}; ${CHARSET_NOTE}`,
      'x-examples': ['1001', 'door 1', SIP_SPECIALS],
      'x-invalid-examples': ["o'neil", 'a:b', 'a\\b', 'a\u00a0b', 'é', 'user\u0661', '😀'],
    }),
    password: s({
      type: 'string',
      minLength: 6,
      maxLength: 31,
      pattern: SIP_CHARSET_PATTERN,
      description: 'SIP account user password',
      'x-source': `${line('17-22', '- password string required Possible values: >= 6 characters and <= 31 characters ... Available special symbols: ~`!@#$%^&;*()_-+={[}]|"<,>.?/')}; ${CHARSET_NOTE}`,
      'x-examples': ['p@ss word', `x${SIP_SPECIALS}`],
      'x-invalid-examples': ["pass'word", 'pass:word', 'pass\\word', 'pass\u00a0word', 'pässwort', 'password\u4e2d'],
    }),
    transport: s({
      type: 'string',
      enum: ['udp', 'tcp', 'tls'],
      description: 'Secure SIP Protocol',
      'x-source': line('23-28', '- transport string Possible values: [udp, tcp, tls]'),
    }),
    user_id: s({
      type: 'string',
      // "non-empty" (line 31) contradicts the regex's {0,31} (line 34): valid generation never
      // sends "", and neither reading is a MUST (see the spec's ambiguities and USER-ID-EMPTY).
      minLength: 1,
      maxLength: 31,
      pattern: SIP_CHARSET_PATTERN,
      description: 'SIP user id',
      'x-source': `${line('29-34', '- user_id string Possible values: non-empty and <= 31 characters, Value must match regular expression ^[...]{0,31}?$')}; ${CHARSET_NOTE}`,
      'x-examples': ['door-1', '{[}]|"<,>.?/'],
      'x-invalid-examples': ["id'1", 'id:1', 'id\\1', 'ïd'],
    }),
    is_enable_ring_code: s({ type: 'boolean', description: 'Determines whether the ring code is enabled', 'x-source': line(35, '- is_enable_ring_code boolean') }),
    timeout: s({
      type: 'integer',
      enum: [120, 300, 600, 1200, 1800],
      description: 'Call timeout',
      'x-source': line('37-44', '- timeout integer required Possible values: [120, 300, 600, 1200, 1800]'),
    }),
    registration_interval: s({
      type: 'integer',
      minimum: 30,
      maximum: 900,
      description: 'SIP server registration interval in seconds',
      'x-source': line('45-49', '- registration_interval integer Possible values: >= 30 and <= 900'),
    }),
    stun: s({
      type: 'object',
      required: ['ip', 'port'],
      description: 'STUN settings',
      properties: {
        ip: host('STUN IP address', line(52, 'ip ipv4|dns required')),
        port: stunPort(line(53, 'port integer required')),
      },
      'x-source': line(50, 'stun object required'),
    }),
  },
  'x-source': line(4, 'Request Body required'),
};

export const document: OpenAPIV3.Document = basipDocument({
  title: 'Set SIP Settings',
  description: 'BAS-IP Android monitors: SIP registration settings.',
  version: 'v0',
  source: `${SEED}; login, GET and auth: BAS-IP API docs as quoted in the issue`,
  loginPath: LOGIN_PATH,
  settingsPath: SETTINGS_PATH,
  request: REQUEST,
  view: viewOf(REQUEST, 'inferred: GET returns the settings POST takes, password as "WebPass" (issue text)'),
  error400: ERROR,
  error401: ERROR,
  error400Description:
    'Missed json body or wrong param: "Wrong JSON body"; required field not provided: "Wrong JSON body: no value for `param`"; field of the wrong type: "Wrong JSON body: value `param` was of the wrong type"',
  error401Description: 'Unauthorized request. Log In: {"error":"Log In"}',
});
