// Hand-written OpenAPI 3.0 of the Voximplant Management API SIPRegistration methods (seeds 001, 002,
// vendor docs). Parameters are text on the wire, so integers, booleans and lists are string patterns.
import type { JsonObject } from '../../src/index.ts';
import {
  BOOL_ZONES, INTLIST_ZONES, intZones, PAGE_SIZE_ZONES, LENIENT_STATUS_FORMAT, PROXY_ZONES, STATUS_FORMAT, STRINGLIST_ZONES, USER_ZONES,
} from './formats.ts';
import { vendorDocument } from '../sources.ts';

export const SEED_001 = vendorDocument('001');
export const SEED_002 = vendorDocument('002');
export const VENDOR = 'Voximplant Management API docs and SDKs (issue facts)';
/** The vendor's Node.js API client, where the seeds are silent on a type or an example. */
export const NODE_CLIENT = 'voximplant/apiclient-nodejs (src/Structures.ts, src/Interfaces.ts, examples/SIPRegistration, commit 00e5653)';

export const METHODS = ['CreateSipRegistration', 'UpdateSipRegistration', 'BindSipRegistration', 'DeleteSipRegistration', 'GetSipRegistrations'] as const;
export type Method = (typeof METHODS)[number];

/** "Available for roles" per method (seed 002; seed 001 agrees for Create). */
export const ROLES_BY_METHOD: Record<Method, readonly string[]> = {
  CreateSipRegistration: ['Owner', 'Admin', 'Accountant'],
  UpdateSipRegistration: ['Owner', 'Admin', 'Developer'],
  BindSipRegistration: ['Owner', 'Admin', 'Developer'],
  DeleteSipRegistration: ['Owner', 'Admin'],
  GetSipRegistrations: ['Owner', 'Admin', 'Developer', 'Supervisor', 'Accountant', 'Support'],
};

/** Plainest forms only (accepted zone); `sip:` prefixes, ports, IPv6 and the vendor's "localhost" are probes (undecided.ts). */
const PROXY_EXAMPLES = ['sip.example.com', 'pbx.example.net', '192.0.2.10'];
const USER_EXAMPLES = ['1001', 'alice', 'test', 'trunk_01', 'user.name-2'];
/** Values inside a user or host, which no reading accepts (RFC 3261 user and host carry no whitespace). */
const SPACED = ['two words', 'a\tb', 'sip.exa mple.com'];

type Zones = { pattern: string; lenient: Record<string, unknown> };
const zoned = (z: Zones, required: boolean): JsonObject => ({
  pattern: z.pattern,
  ...(required && { minLength: 1 }),
  'x-lenient': z.lenient as JsonObject,
});

type P = [name: string, schema: JsonObject, required: boolean, description: string];

const int = (required = false, examples: string[] = ['1', '42']): JsonObject => ({ type: 'string', ...zoned(intZones(required), required), 'x-wire': 'int', 'x-examples': examples, 'x-invalid-examples': ['x', '1a', '12x3', 'one'] });
const bool = (): JsonObject => ({ type: 'string', ...zoned(BOOL_ZONES, false), 'x-wire': 'bool', 'x-examples': ['true', 'false'], 'x-invalid-examples': ['x', 'maybe', '2', 'truex'] });
/** A name of an account object: the session puts real names in (or drops them); empty is undecided. */
const text = (): JsonObject => ({ type: 'string', minLength: 1, 'x-lenient': { minLength: null } });
const user = (required: boolean): JsonObject => ({ type: 'string', ...zoned(USER_ZONES, required), 'x-examples': USER_EXAMPLES, 'x-invalid-examples': SPACED });
const proxy = (required: boolean): JsonObject => ({ type: 'string', ...zoned(PROXY_ZONES, required), 'x-examples': PROXY_EXAMPLES, 'x-invalid-examples': SPACED });
/** Seeds 001/002 say nothing of a password's length or characters: only the plainest are generated. */
const password = (): JsonObject => ({ type: 'string', pattern: '^[A-Za-z0-9]{1,32}$', 'x-lenient': { pattern: null }, 'x-examples': ['123456'] });
const intlist = (): JsonObject => ({ type: 'string', ...zoned(INTLIST_ZONES, false), 'x-wire': 'intlist', 'x-examples': ['1', '1;2'], 'x-invalid-examples': ['1;2;x', 'x', '1;x;2', 'a;b'] });
const stringlist = (): JsonObject => ({ type: 'string', ...zoned(STRINGLIST_ZONES, false), 'x-wire': 'stringlist' });

const FIELDS = (required: boolean): P[] => [
  ['sip_username', user(required), required, 'The user name'],
  ['proxy', proxy(required), required, 'The SIP proxy'],
  ['auth_user', user(false), false, 'The SIP authentications user'],
  ['outbound_proxy', proxy(false), false, 'The outgoing SIP proxy'],
  ['password', password(), false, 'The SIP password'],
];

const BINDING: P[] = [
  ['application_id', int(), false, 'The application ID. Can be used instead of application_name'],
  ['application_name', text(), false, 'The application name. Can be used instead of application_id'],
  ['rule_id', int(), false, 'The rule ID. Can be used instead of rule_name'],
  ['rule_name', text(), false, 'The rule name. Can be used instead of rule_id'],
  ['user_id', int(), false, 'The user ID. Can be used instead of user_name'],
  ['user_name', text(), false, 'The user name. Can be used instead of user_id'],
];

const PARAMS: Record<Method, P[]> = {
  CreateSipRegistration: [
    ...FIELDS(true),
    ['is_persistent', bool(), false, 'Whether SIP registration is persistent. Set false to activate it only on the user login. Defaults to true'],
    ...BINDING,
  ],
  UpdateSipRegistration: [['sip_registration_id', int(true), true, 'The registration ID'], ...FIELDS(false), ...BINDING],
  BindSipRegistration: [
    ['sip_registration_id', int(), false, 'The registration ID (required when bind=true)'],
    ...BINDING,
    ['bind', bool(), false, 'Whether to bind or unbind (set true or false respectively). Defaults to true'],
  ],
  DeleteSipRegistration: [['sip_registration_id', int(true), true, 'The registration ID']],
  GetSipRegistrations: [
    ['sip_registration_id', int(), false, 'The SIP registration ID'],
    ['sip_username', text(), false, 'The SIP user name to filter'],
    ['deactivated', bool(), false, 'Whether to show the frozen SIP registrations only'],
    ['successful', bool(), false, 'Whether to show the successful SIP registrations only'],
    ['is_persistent', bool(), false, 'Whether the SIP registration is persistent to filter'],
    ['application_id', intlist(), false, 'The application ID list separated by semicolons (;) to filter'],
    ['application_name', stringlist(), false, 'The application name list separated by semicolons (;) to filter'],
    ['is_bound_to_application', bool(), false, 'Whether SIP registration bound to an application'],
    ['rule_id', intlist(), false, 'The rule ID list separated by semicolons (;) to filter'],
    ['rule_name', stringlist(), false, 'The rule name list separated by semicolons (;) to filter'],
    ['user_id', intlist(), false, 'The user ID list separated by semicolons (;) to filter'],
    ['user_name', stringlist(), false, 'The user name list separated by semicolons (;) to filter'],
    ['proxy', stringlist(), false, 'The list of proxy servers to use, divided by semicolon (;)'],
    ['in_progress', bool(), false, 'Whether SIP registration is still in progress'],
    [
      'status_code',
      { type: 'string', format: STATUS_FORMAT, 'x-lenient': { format: LENIENT_STATUS_FORMAT }, 'x-examples': ['200', '400:499', '200;403', '100:199;403;500:599'], 'x-invalid-examples': ['abc', '200;abc', '4o4', 'ok'] },
      false,
      'The list of SIP response codes. code1:code2 is a range from code1 to code2 including; code1;code2 means either; ranges combine, e.g. code1;code2:code3',
    ],
    ['count', { type: 'string', ...zoned(PAGE_SIZE_ZONES, false), 'x-wire': 'int', 'x-examples': ['1', '5', '20'], 'x-invalid-examples': ['x', '1a', '12x3', 'one'] }, false, 'The max returning record count'],
    ['offset', int(false, ['0', '1', '3']), false, 'The first N records are skipped in the output'],
  ],
};

const ITEM: JsonObject = {
  type: 'object',
  required: ['sip_registration_id', 'sip_username', 'proxy'],
  properties: {
    sip_registration_id: { type: 'integer' },
    sip_username: { type: 'string' },
    proxy: { type: 'string' },
    auth_user: { type: 'string' },
    outbound_proxy: { type: 'string' },
    last_updated: { type: 'number', description: `unix time: ${NODE_CLIENT} types SIPRegistration.lastUpdated as number` },
    successful: { type: 'boolean' },
    status_code: { type: 'integer' },
    error_message: { type: 'string' },
    deactivated: { type: 'boolean' },
    application_id: { type: 'integer' },
    application_name: { type: 'string' },
    rule_id: { type: 'integer' },
    rule_name: { type: 'string' },
    user_id: { type: 'integer' },
    user_name: { type: 'string' },
    is_persistent: { type: 'boolean' },
    in_progress: { type: 'boolean' },
  },
};

const MUTATION_RESULT: JsonObject = { type: 'object', required: ['result'], properties: { result: { type: 'integer', enum: [1] } } };

const SUCCESS: Record<Method, JsonObject> = {
  CreateSipRegistration: {
    type: 'object',
    required: ['result', 'sip_registration_id', 'account_info'],
    properties: { result: { type: 'integer', enum: [1] }, sip_registration_id: { type: 'integer' }, account_info: { type: 'object' } },
  },
  UpdateSipRegistration: MUTATION_RESULT,
  BindSipRegistration: MUTATION_RESULT,
  DeleteSipRegistration: MUTATION_RESULT,
  GetSipRegistrations: {
    type: 'object',
    required: ['result', 'count'],
    properties: { result: { type: 'array', items: { $ref: '#/components/schemas/SIPRegistration' } }, count: { type: 'integer', minimum: 0 } },
  },
};

const DESCRIPTIONS: Record<Method, string> = {
  CreateSipRegistration:
    'Create a new SIP registration. Specify application_id or application_name with rule_name, user_id or user_name. Only one SIP registration per user (the previous one is unbound). Reserves the monthly fee.',
  UpdateSipRegistration: 'Update SIP registration. Specify application_id or application_name with rule/user. Only one SIP registration per user.',
  BindSipRegistration: 'Bind (bind=true) or unbind (bind=false) the SIP registration to/from the application/rule/user. sip_registration_id is required when bind=true.',
  DeleteSipRegistration: 'Delete SIP registration.',
  GetSipRegistrations: 'Get active SIP registrations: {"result": [items], "count": n}.',
};

function operation(method: Method): JsonObject {
  const params = PARAMS[method].map(([name, schema, required, description]) => ({ name, in: 'query', required, description, schema }));
  return {
    operationId: method,
    summary: method,
    description: `${DESCRIPTIONS[method]} Available for roles: ${ROLES_BY_METHOD[method].join(', ')}.`,
    'x-roles': [...ROLES_BY_METHOD[method]],
    parameters: params,
    responses: {
      '200': {
        description: 'A result, or an error object (errors are sent with HTTP 200 as well)',
        content: { 'application/json': { schema: SUCCESS[method] } },
      },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
}

/** The document; `/platform_api` with `cmd=<Method>` is the same API (described, not a separate operation). */
export function voximplantDocument(): JsonObject {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Voximplant Management API: SIPRegistration',
      version: '2025',
      description:
        'Calls: https://api.voximplant.com/platform_api/<Method> (GET or POST), or /platform_api with cmd=<Method>. Parameters in the query string, an urlencoded or a multipart body. Booleans true/false; lists ;-separated. Errors: {"error":{"code":<int>,"msg":<string>}}, also with HTTP 200.',
    },
    servers: [{ url: 'https://api.voximplant.com' }],
    security: [{ serviceAccountJwt: [] }, { legacyApiKey: [], legacyAccountId: [] }],
    paths: Object.fromEntries(METHODS.map((m) => [`/platform_api/${m}`, { post: operation(m) }])),
    components: {
      securitySchemes: {
        serviceAccountJwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (RS256, kid = key_id, iss = account_id, exp <= iat + 3600)' },
        legacyApiKey: { type: 'apiKey', in: 'query', name: 'api_key' },
        legacyAccountId: { type: 'apiKey', in: 'query', name: 'account_id' },
      },
      schemas: {
        SIPRegistration: ITEM,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: { type: 'object', required: ['code', 'msg'], properties: { code: { type: 'integer' }, msg: { type: 'string' } } },
          },
        },
      },
    },
  };
}
