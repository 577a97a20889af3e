// BAS-IP CamDroid monitors, "Set device SIP Settings" (seed 003), written as OpenAPI 3.0.
import type { OpenAPIV3 } from 'openapi-types';
import type { Schema } from '../../src/index.ts';
import {
  basipDocument, host, NUMERIC_TEXT, s, SIP_CHARSET_PATTERN, SIP_SPECIALS, stunPort, TRANSPORT_LENIENT_PATTERN, viewOf,
} from '../basip-common/openapi.ts';
import { vendorDocument } from '../sources.ts';

export const SEED = vendorDocument('003');
export const LOGIN_PATH = '/api/v1/login';
export const SETTINGS_PATH = '/api/v1/device/sip/settings';

/** `<document> line N: "quote"` */
export const line = (n: number | string, quote: string) => `${SEED} line ${n}: "${quote}"`;

const ERROR_CODES = ['invalid_authentication', 'permission_denied', 'not_valid', 'system_error'];

/** The seed's error object: {"error":{"code","message","data"}} (lines 22-31, 38-53). */
const ERROR: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: s({
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: ERROR_CODES },
        message: { type: 'string' },
        data: { type: 'object', description: 'Did not pass validation parameters: one key per failing parameter' },
      },
    }),
  },
  'x-source': line('22', 'error object ... code string Possible values: [invalid_authentication, permission_denied, not_valid, system_error] ... message string ... data object'),
};

/** Letters, digits and the specials every reading keeps; seed 003 names no charset (undecided: string-charset). */
const STRING_ZONES = {
  pattern: SIP_CHARSET_PATTERN,
  'x-lenient': { pattern: null },
};

export const REQUEST: Schema = {
  type: 'object',
  // h264 is "required" with "Default value: 102" (line 11): a body without it is undecided (h264-absent).
  required: ['proxy', 'realm', 'user', 'password', 'stun', 'h264'],
  'x-lenient': { required: ['proxy', 'realm', 'user', 'password', 'stun'] },
  properties: {
    proxy: host('SIP proxy address', line(5, '- proxy ipv4|dns required')),
    realm: host('SIP server address', line(6, '- realm ipv4|dns required')),
    // "User number" (line 7): a device may take digits only, so letters and specials are undecided (user-number).
    user: s({
      type: 'string',
      minLength: 1,
      maxLength: 31,
      pattern: '^[0-9]*$',
      'x-lenient': { pattern: null },
      description: 'User number',
      'x-source': `${line(7, '- user string required Possible values: non-empty and <= 31 characters User number')}; digits accepted by every reading, letters and ${SIP_SPECIALS} undecided (user-number), other characters undecided (string-charset)`,
    }),
    password: s({
      type: 'string',
      minLength: 1,
      maxLength: 31,
      ...STRING_ZONES,
      description: 'Password used for authentication on SIP server',
      'x-source': `${line(8, '- password string required Possible values: non-empty and <= 31 characters')}; characters beyond letters, digits and ${SIP_SPECIALS} undecided`,
    }),
    stun: s({
      type: 'object',
      required: ['ip', 'port'],
      description: 'STUN server settings',
      properties: {
        ip: host('STUN server address', line(9, 'stun object required ... ip ipv4|dns required')),
        port: stunPort(line(9, 'stun ... port integer required'), { type: ['integer', 'string'], minimum: null, maximum: null, pattern: NUMERIC_TEXT }),
      },
      'x-source': line(9, '- stun object required'),
    }),
    registration_interval: s({
      type: 'integer',
      minimum: 30,
      maximum: 900,
      description: 'For what period of time the device stays registered on the SIP server',
      'x-source': `${line(10, '- registration_interval number Possible values: >= 30 and <= 900')}; fractions (30.5) and numeric strings undecided`,
      'x-lenient': { type: ['number', 'string', 'null'], pattern: NUMERIC_TEXT },
    }),
    h264: s({
      type: 'integer',
      minimum: 99,
      maximum: 127,
      default: 102,
      description: 'h.264 payload type',
      'x-source': `${line(11, '- h264 integer required Possible values: >= 99 and <= 127 Default value: 102')}; numeric strings undecided`,
      'x-lenient': { type: ['integer', 'string', 'null'], pattern: NUMERIC_TEXT },
    }),
    transport: s({
      type: 'string',
      enum: ['udp', 'tcp', 'tls'],
      description: 'Which protocol should be used',
      'x-source': `${line(12, '- transport string Possible values: [ udp,tcp,tls]')}; case and edge whitespace undecided`,
      'x-lenient': { type: ['string', 'null'], enum: null, pattern: TRANSPORT_LENIENT_PATTERN },
    }),
  },
  'x-source': line(4, 'Request Body required'),
};

export const document: OpenAPIV3.Document = basipDocument({
  title: 'Set device SIP Settings',
  description: 'BAS-IP CamDroid monitors: SIP registration settings.',
  version: 'v1',
  source: `${SEED}; login, GET and auth: BAS-IP API docs as quoted in the issue`,
  loginPath: LOGIN_PATH,
  settingsPath: SETTINGS_PATH,
  request: REQUEST,
  view: viewOf(REQUEST, 'BAS-IP API docs (issue 3): GET returns the settings POST takes'),
  error400: ERROR,
  error401: ERROR,
  error400Description: 'Bad Request: {"error":{"code":"not_valid","message":..,"data":{<param>:..}}}',
  error401Description: 'Please log in: {"error":{"code":"invalid_authentication","message":"Log In"}}',
});
