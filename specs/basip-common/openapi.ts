// What both BAS-IP OpenAPI documents share: host and charset patterns, login, auth schemes, and the
// document skeleton (login GET, settings GET and POST). The request schemas differ per model line.
import type { OpenAPIV3 } from 'openapi-types';
import type { Schema } from '../../src/model.ts';

/** Operation ids, the same in both documents (config `paths` overrides map onto them). */
export const OPS = { set: 'setSipSettings', get: 'getSipSettings', login: 'login' } as const;

/** What GET shows instead of the stored SIP password. */
export const PASSWORD_PLACEHOLDER = 'WebPass';

/** Lets a TypeScript literal carry `x-` extensions (OpenAPIV3.SchemaObject has no index for them). */
export const s = (schema: Schema): Schema => schema;

// Hosts: "ipv4|dns" in both seeds. The vendor's own example ("sip:sip.bas-ip.com", the device
// default) carries a `sip:` prefix, and SIP hosts are commonly written with `:port`, so both are
// accepted. No lookaheads: fast-check's stringMatching generates from this pattern.
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}`;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
// The last label may not be all digits ("1.2.3" is a broken IPv4 address, not a DNS name).
const LAST_LABEL = '(?:[0-9]{0,61}[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|[0-9]{1,61}-[A-Za-z0-9-]{0,60}[A-Za-z0-9])';
const PORT = '(?:0{0,4}[1-9]|0{0,3}[1-9][0-9]|0{0,2}[1-9][0-9]{2}|0?[1-9][0-9]{3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';
/**
 * IPv4 address or DNS name, optional case-insensitive `sip:` prefix, optional `:port` (1..65535).
 * Not expressed: the 63-character label and 253-character name limits (no generator comes near them).
 */
export const HOST_PATTERN = `^(?:[Ss][Ii][Pp]:)?(?:${IPV4}|(?:${LABEL}\\.)*${LAST_LABEL})(?::${PORT})?$`;

/** Valid hosts mixed into generation, so accepted values include the `sip:` and `:port` forms. */
export const HOST_EXAMPLES = [
  'sip:sip.bas-ip.com',
  'sip:pbx.example.com:5060',
  'SIP:10.0.0.1:5061',
  'sip:192.168.1.10',
  '192.168.1.10',
  '192.168.1.10:5060',
  'pbx.example.com',
  'pbx.example.com:05060',
  'localhost',
  'stun.l.google.com:19302',
];

/** Invalid hosts tried first (the boundary side of the format). */
export const HOST_INVALID_EXAMPLES = [
  '',
  ' ',
  'http://pbx.example.com',
  'sips:pbx.example.com',
  'sip:',
  'sip:sip:',
  '256.1.1.1',
  '1.2.3',
  '01.2.3.4',
  '1.2.3.4.5',
  'pbx..example.com',
  '-pbx.example.com',
  'pbx-.example.com',
  'pbx.example.com.',
  'pbx_1.example.com',
  'pbx.exämple.com',
  'pbx.example.com:0',
  'pbx.example.com:65536',
  '192.168.1.10:70000',
  'pbx.example.com:',
  'pbx.example.com/sip',
  'bad host',
  '[::1]',
];

export function host(description: string, source: string): Schema {
  return {
    type: 'string',
    pattern: HOST_PATTERN,
    description: `${description} (IPv4 address or DNS name, optional sip: prefix and :port)`,
    'x-source': `${source}; sip: prefix from the vendor's example "sip:sip.bas-ip.com"`,
    'x-examples': HOST_EXAMPLES,
    'x-invalid-examples': HOST_INVALID_EXAMPLES,
  };
}

/**
 * The SIP account charset of seed 004. The seed's regex
 * ^[0-9a-zA-Z\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{1,31}?$ is garbled (its `]` is unescaped, the `_-+`
 * range is reversed) and is not a valid JS regex, so this is the set its text lists: letters, digits,
 * whitespace and ~`!@#$%^&;*()_-+={[}]|"<,>.?/ . Whitespace is the ASCII set (Java's \s, which the
 * Android monitors run), not JS's Unicode \s. Lengths stay in minLength/maxLength.
 */
export const SIP_CHARSET_PATTERN = '^[0-9A-Za-z \\t\\n\\v\\f\\r~`!@#$%^&;*()_\\-+={[}\\]|"<,>.?/]*$';
export const SIP_SPECIALS = '~`!@#$%^&;*()_-+={[}]|"<,>.?/';

/** STUN port: the seeds say only "integer"; the bounds keep generated ports real. No requirement tests them. */
export function stunPort(source: string): Schema {
  return {
    type: 'integer',
    minimum: 1,
    maximum: 65535,
    description: 'STUN port',
    'x-source': `${source}; bounds 1..65535 inferred (UDP port range), used for generation only`,
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
  /** What GET returns: the settings, password replaced by the placeholder. */
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
          summary: 'Read the SIP settings (password shown as the placeholder "WebPass")',
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
