// Reference mock: BAS-IP CamDroid monitors, "Set device SIP Settings" (seed 003).
import type { CamdroidRequirementId } from '../specs/basip-camdroid/ids.ts';
import {
  Auth, basipFixtures, basipHandler, mergeSettings, orderIssues, parseObject, replyFor, settingsView,
  SettingsStore, validate, type Issue, type Schema,
} from './basip-common.ts';
import type { FaultInfo, MockDefinition, MockOptions } from './kit.ts';

const LOGIN_PATH = '/api/v1/login';
const SETTINGS_PATH = '/api/v1/device/sip/settings';

const INITIAL = {
  proxy: 'sip:sip.bas-ip.com',
  realm: 'sip.bas-ip.com',
  user: '1001',
  password: 'secret1001',
  stun: { ip: 'stun.l.google.com', port: 19302 },
  registration_interval: 300,
  h264: 102,
  transport: 'udp',
};
const OPTIONAL_DEFAULTS = { registration_interval: 300, transport: 'udp' };

type Fault = FaultInfo & { breaks: CamdroidRequirementId[] };

const FAULTS: Fault[] = [
  { name: 'interval-29-accepted', description: 'registration_interval lower bound is 29', breaks: ['BASIP-CAMDROID-INTERVAL-RANGE'] },
  { name: 'interval-900-rejected', description: 'registration_interval upper bound is exclusive (900 rejected)', breaks: ['BASIP-CAMDROID-INTERVAL-RANGE'] },
  { name: 'h264-128-accepted', description: 'h264 upper bound is 128', breaks: ['BASIP-CAMDROID-H264-RANGE'] },
  { name: 'h264-required', description: 'a missing h264 is rejected instead of defaulting to 102', breaks: ['BASIP-CAMDROID-H264-DEFAULT'] },
  { name: 'user-32-accepted', description: 'user may be 32 characters', breaks: ['BASIP-CAMDROID-USER-LENGTH'] },
  { name: 'password-empty-accepted', description: 'an empty password is accepted', breaks: ['BASIP-CAMDROID-PASSWORD-LENGTH'] },
  { name: 'transport-case-insensitive', description: 'transport "UDP" is accepted', breaks: ['BASIP-CAMDROID-TRANSPORT-ENUM'] },
  { name: 'stun-port-string-accepted', description: 'stun.port "5060" (a string) is accepted and converted', breaks: ['BASIP-CAMDROID-STUN-PORT-INTEGER'] },
  { name: 'missing-realm-accepted', description: 'realm is treated as optional', breaks: ['BASIP-CAMDROID-REQUIRED-FIELDS'] },
  { name: 'sip-prefix-rejected', description: 'hosts with a sip: prefix are rejected', breaks: ['BASIP-CAMDROID-HOST-FORMAT'] },
  { name: 'wrong-error-code', description: '400 validation errors carry code "system_error"', breaks: ['BASIP-CAMDROID-ERROR-ENVELOPE'] },
  { name: 'missing-data', description: '400 validation errors have no error.data', breaks: ['BASIP-CAMDROID-ERROR-ENVELOPE', 'BASIP-CAMDROID-ERROR-PARAM'] },
  { name: '500-on-malformed-json', description: 'malformed JSON gives 500 system_error', breaks: ['BASIP-CAMDROID-MALFORMED-BODY'] },
  { name: 'unknown-field-rejected', description: 'an unrecognised JSON property gives 400', breaks: ['BASIP-CAMDROID-UNKNOWN-FIELDS-IGNORED'] },
  { name: 'auth-bypass', description: 'the settings endpoints need no credentials', breaks: ['BASIP-CAMDROID-AUTH-REQUIRED'] },
  { name: '401-as-403', description: 'missing credentials give 403 permission_denied', breaks: ['BASIP-CAMDROID-AUTH-REQUIRED', 'BASIP-CAMDROID-AUTH-401-BODY'] },
  { name: 'not-persisted', description: 'POST answers 200 but GET still shows the old settings', breaks: ['BASIP-CAMDROID-PERSISTENCE'] },
  { name: 'real-password-on-get', description: 'GET returns the stored password instead of "WebPass"', breaks: ['BASIP-CAMDROID-PASSWORD-MASKED'] },
];

function schema(f: Set<string>, options: MockOptions): Schema {
  const host = { type: 'host', sipPrefix: !f.has('sip-prefix-rejected') } as const;
  return [
    { name: 'proxy', rule: host, required: true },
    { name: 'realm', rule: host, required: !f.has('missing-realm-accepted') },
    { name: 'user', rule: { type: 'string', min: 1, max: f.has('user-32-accepted') ? 32 : 31 }, required: true },
    { name: 'password', rule: { type: 'string', min: f.has('password-empty-accepted') ? 0 : 1, max: 31 }, required: true },
    {
      name: 'stun',
      required: true,
      rule: {
        type: 'object',
        fields: [
          { name: 'ip', rule: host, required: true },
          // The port range is undocumented: strict takes any integer, loose the TCP/UDP range.
          {
            name: 'port',
            required: true,
            rule: { type: 'integer', coerce: f.has('stun-port-string-accepted'), ...(options.variant === 'loose' ? { min: 1, max: 65535 } : {}) },
          },
        ],
      },
    },
    {
      name: 'registration_interval',
      rule: { type: 'number', min: f.has('interval-29-accepted') ? 29 : 30, max: f.has('interval-900-rejected') ? 899 : 900 },
    },
    {
      name: 'h264',
      rule: { type: 'integer', min: 99, max: f.has('h264-128-accepted') ? 128 : 127 },
      ...(f.has('h264-required') ? { required: true } : { default: 102 }),
    },
    { name: 'transport', rule: { type: 'enum', values: ['udp', 'tcp', 'tls'], ignoreCase: f.has('transport-case-insensitive') } },
  ];
}

const TYPE_NAMES = { string: 'a string', host: 'a string', enum: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean', object: 'an object' };

/** The `data` text for one issue, in the vendor's "must be a string" style. */
function describe(issue: Issue): string {
  const { rule } = issue;
  if (issue.problem === 'missing') return 'is required';
  if (issue.problem === 'type') return `must be ${TYPE_NAMES[rule.type]}`;
  switch (rule.type) {
    case 'string': return `must be ${rule.min} to ${rule.max} characters long`;
    case 'host': return 'must be an IPv4 address or DNS name';
    case 'enum': return `must be one of ${rule.values.join(', ')}`;
    case 'integer':
    case 'number': return `must be between ${rule.min ?? '-∞'} and ${rule.max ?? '∞'}`;
    default: return 'is invalid';
  }
}

export const basipCamdroidMock: MockDefinition = {
  spec: 'basip-camdroid',
  fixtures: basipFixtures(LOGIN_PATH, SETTINGS_PATH),
  faults: FAULTS,
  create(options) {
    const f = new Set(options.faults);
    const loose = options.variant === 'loose';
    const reply = replyFor(options.variant);
    const store = new SettingsStore(INITIAL);
    const fields = schema(f, options);
    const known = new Set(fields.map((field) => field.name));

    const notValid = (data: Record<string, string>) =>
      reply(400, {
        error: {
          code: f.has('wrong-error-code') ? 'system_error' : 'not_valid',
          message: loose ? 'Invalid request data' : 'Data validation error',
          ...(f.has('missing-data') ? {} : { data }),
        },
      });

    const postSettings = (raw: Buffer) => {
      const body = parseObject(raw);
      if (body === undefined) {
        if (f.has('500-on-malformed-json')) return reply(500, { error: { code: 'system_error', message: 'Internal error' } });
        return notValid({ body: 'must be a JSON object' });
      }
      if (f.has('unknown-field-rejected')) {
        const extra = Object.keys(body).find((key) => !known.has(key));
        if (extra !== undefined) return notValid({ [extra]: 'is not allowed' });
      }
      const { value, issues } = validate(body, fields);
      if (issues.length > 0) {
        // strict lists every failing parameter; loose stops at the first.
        const reported = loose ? orderIssues(issues, 'loose').slice(0, 1) : issues;
        return notValid(Object.fromEntries(reported.map((issue) => [issue.param, describe(issue)])));
      }
      const next = mergeSettings(store.get(), value, OPTIONAL_DEFAULTS, options.variant);
      if (!f.has('not-persisted')) store.set(next);
      return loose ? reply(200, settingsView(next, false, 'loose')) : reply(200);
    };

    return basipHandler({
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      auth: new Auth(true, options.tokenLifetimeMs),
      authBypass: f.has('auth-bypass'),
      reply,
      variant: options.variant,
      unauthorized: () =>
        f.has('401-as-403')
          ? reply(403, { error: { code: 'permission_denied', message: 'Permission denied' } })
          : reply(401, { error: { code: 'invalid_authentication', message: 'Log In' } }),
      routeError: (status, message) => reply(status, { error: { code: 'system_error', message } }),
      getSettings: () => reply(200, settingsView(store.get(), f.has('real-password-on-get'), options.variant)),
      postSettings,
    });
  },
};
