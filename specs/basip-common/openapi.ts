// What both BAS-IP OpenAPI documents share: host and charset patterns, login, auth schemes, and the
// document skeleton (login GET, settings GET and POST). The request schemas differ per model line.
import type { OpenAPIV3 } from 'openapi-types';
import type { Schema } from '../../src/index.ts';

/** Operation ids, the same in both documents (config `paths` overrides map onto them). */
export const OPS = { set: 'setSipSettings', get: 'getSipSettings', login: 'login' } as const;

/** Lets a TypeScript literal carry `x-` extensions (OpenAPIV3.SchemaObject has no index for them). */
export const s = (schema: Schema): Schema => schema;

/** An `x-lenient` node: keywords of the widest reading (null removes one), not itself a valid OpenAPI schema. */
export type Lenient = Record<string, unknown>;

// Hosts: "ipv4|dns" in both seeds, in three zones (docs/undecided/basip-camdroid.md). No lookaheads:
// fast-check's stringMatching generates from the accepted pattern.
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const FIRST_OCTET = '(?:22[0-3]|2[01][0-9]|1(?:[013-9][0-9]|2[0-68-9])|[1-9][0-9]?)';
const LAST_OCTET = '(?:25[0-4]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]?)';
const PLAIN_LABEL = '[a-z][a-z0-9]{0,9}(?:-[a-z0-9]{1,9})?';
/**
 * Accepted by every reading: a unicast dotted-quad IPv4 address without leading zeros (first octet
 * 1..223 but not 127, last 1..254), or a lowercase DNS name of 2-3 letter-first labels with an
 * alphabetic top-level label. No prefix, no port.
 */
export const HOST_PATTERN = `^(?:${FIRST_OCTET}\\.${OCTET}\\.${OCTET}\\.${LAST_OCTET}|(?:${PLAIN_LABEL}\\.){1,2}[a-z]{2,6})$`;
const WIDE_LABEL = '[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_-]*[\\p{L}\\p{N}_])?';
/**
 * Accepted by the widest reading: edge whitespace, `sip:`/`sips:` in any case, any `:digits` port,
 * IPv6, and names of letters (any script), digits and underscores, any case, any label count or
 * length, a trailing dot. Rejected by every reading: empty, inner whitespace, other punctuation,
 * empty labels, a hyphen at a label's edge, `user@host`, paths, other schemes.
 */
export const HOST_LENIENT_PATTERN =
  `^[ \\t\\r\\n]*(?:[Ss][Ii][Pp][Ss]?:)?(?:\\[[0-9A-Fa-f:.]+\\](?::[0-9]{1,5})?|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}|${WIDE_LABEL}(?:\\.${WIDE_LABEL})*\\.?(?::[0-9]{1,5})?)[ \\t\\r\\n]*$`;

/** Valid hosts mixed into generation: the plainest forms. */
export const HOST_EXAMPLES = ['sip.bas-ip.com', 'pbx.example.com', '192.168.1.10', '10.0.0.1', '203.0.113.5'];

/** Invalid hosts tried first: rejected by every reading. */
export const HOST_INVALID_EXAMPLES = [
  '',
  ' ',
  'http://pbx.example.com',
  'sip:',
  'sip:sip:',
  'pbx..example.com',
  '.pbx.example.com',
  '-pbx.example.com',
  'pbx-.example.com',
  'pbx.example.com:',
  'pbx.example.com:sip',
  'pbx.example.com/sip',
  '1001@pbx.example.com',
  'bad host',
  'pbx,example.com',
  'pbx!.example.com',
];

export function host(description: string, source: string): Schema {
  return {
    type: 'string',
    pattern: HOST_PATTERN,
    description: `${description} (IPv4 address or DNS name)`,
    'x-source': `${source}; prefix, port, case and other forms are undecided (docs/undecided)`,
    'x-lenient': { pattern: HOST_LENIENT_PATTERN },
    'x-examples': HOST_EXAMPLES,
    'x-invalid-examples': HOST_INVALID_EXAMPLES,
  };
}

/**
 * SIP account characters every reading of seed 004 (lines 15-16, 21-22, 33-34) accepts: letters,
 * digits and the listed specials that the garbled regex keeps under every engine. The regex
 * ^[0-9a-zA-Z\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$ is not valid JS, Java or PCRE.
 */
export const SIP_CHARSET_PATTERN = '^[0-9A-Za-z~!@#$%^&*()_\\-+={},.?/]*$';
/** The widest reading: the text's full list with whitespace as a Unicode \s. */
export const SIP_CHARSET_LENIENT_PATTERN = '^[0-9A-Za-z\\s~`!@#$%^&;*()_\\-+={[}\\]|"<,>.?/]*$';
export const SIP_SPECIALS = '~!@#$%^&*()_-+={},.?/';

/** Any case and edge whitespace (docs/undecided: transport-case, transport-whitespace). */
export const TRANSPORT_LENIENT_PATTERN = '^\\s*(?:[Uu][Dd][Pp]|[Tt][Cc][Pp]|[Tt][Ll][Ss])\\s*$';

/** "true"/"false" in any case, as org.json's getBoolean reads them. */
export const BOOLEAN_TEXT = '^(?:[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$';

/** Numeric text a converting reader turns into a number ("300", "30.5"). */
export const NUMERIC_TEXT = '^-?[0-9]+(?:\\.[0-9]+)?$';

/** STUN port: the seeds say only "integer"; 1..65535 is the accepted zone, any integer the lenient one. */
export function stunPort(source: string, lenient: Lenient): Schema {
  return {
    type: 'integer',
    minimum: 1,
    maximum: 65535,
    description: 'STUN port',
    'x-source': `${source}; the range is undocumented: 1..65535 accepted by every reading, others undecided`,
    'x-lenient': lenient,
  };
}

export interface DocumentParts {
  title: string;
  description: string;
  version: string;
  source: string;
  loginPath: string;
  settingsPath: string;
  request: Schema;
  /** What GET returns: the settings. */
  view: Schema;
  error400: Schema;
  error401: Schema;
  error400Description: string;
  error401Description: string;
}

const LOGIN_RESPONSE: Schema = {
  type: 'object',
  required: ['account_type', 'token'],
  properties: {
    account_type: { description: 'Account type of the logged-in user (e.g. admin)' },
    token: { type: 'string', minLength: 1, description: 'Send as Authorization: Bearer <token>' },
  },
  'x-source': 'BAS-IP API docs, Authorization (issue text): GET login returns {"account_type":..,"token":..}',
};

/** The document skeleton both BAS-IP specs share. */
export function basipDocument(p: DocumentParts): OpenAPIV3.Document {
  const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
  const unauthorized: OpenAPIV3.ResponseObject = { description: p.error401Description, content: json('Unauthorized') };
  const security: OpenAPIV3.SecurityRequirementObject[] = [{ bearer: [] }, { basic: [] }];
  return {
    openapi: '3.0.3',
    info: { title: p.title, version: p.version, description: `${p.description}\n\nSource: ${p.source}` },
    paths: {
      [p.loginPath]: {
        get: {
          operationId: OPS.login,
          summary: 'Log in: returns a token for Authorization: Bearer (valid 2 h)',
          parameters: [
            { name: 'username', in: 'query', required: true, schema: { type: 'string', minLength: 1 } },
            {
              name: 'password',
              in: 'query',
              required: true,
              description: 'MD5 of the password, hex',
              schema: { type: 'string', pattern: '^[0-9a-fA-F]{32}$' },
            },
          ],
          responses: {
            '200': { description: 'Logged in', content: json('LoginResponse') },
            '401': unauthorized,
          },
        },
      },
      [p.settingsPath]: {
        get: {
          operationId: OPS.get,
          summary: 'Read the SIP settings (the password as "WebPass", stored or absent: undecided)',
          security,
          responses: { '200': { description: 'OK', content: json('SipSettings') }, '401': unauthorized },
        },
        post: {
          operationId: OPS.set,
          summary: p.title,
          security,
          requestBody: { required: true, content: json('SipSettingsRequest') },
          responses: {
            '200': { description: 'OK' },
            '400': { description: p.error400Description, content: json('BadRequest') },
            '401': unauthorized,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'token from GET login' },
        basic: { type: 'http', scheme: 'basic', description: 'the web account (admin)' },
      },
      schemas: {
        SipSettingsRequest: p.request,
        SipSettings: p.view,
        LoginResponse: LOGIN_RESPONSE,
        BadRequest: p.error400,
        Unauthorized: p.error401,
      },
    },
  };
}

/** A GET view schema from the request schema: the same properties, types only, nothing required. */
export function viewOf(request: Schema, source: string): Schema {
  const typesOnly = (node: Schema): Schema => {
    const props = node.properties as Record<string, Schema> | undefined;
    return {
      ...(node.type ? { type: node.type } : {}),
      ...(props ? { properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [k, typesOnly(v)])) } : {}),
    } as Schema;
  };
  return { ...typesOnly(request), 'x-source': source };
}
