// Reference mock: BAS-IP CamDroid monitors, "Set device SIP Settings" (seed 003).
import { type Issue, orderIssues, type Schema, validate } from '../../basip-common/mock/fields.ts';
import { isHost, isPlainHost, isWideHost, PLAIN_CHARSET, SIP_CHARSET } from '../../basip-common/mock/hosts.ts';
import { acceptSettings, Auth, basipFixtures, basipHandler, parseObject, type PasswordShown, replyFor, SettingsStore, settingsView, writeStandaloneConfig } from '../../basip-common/mock/index.ts';
import { type FaultInfo, HTTP_FAULTS, httpFaults, type MockDefinition, type Variant } from '../../../mocks/kit.ts';
import { Device, deviceFaults } from '../../basip-common/mock/device.ts';

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

const FAULTS: FaultInfo[] = [
  { name: 'interval-29-accepted', description: 'registration_interval lower bound is 29', breaks: ['BASIP-CAMDROID-INTERVAL-RANGE'] },
  { name: 'interval-900-rejected', description: 'registration_interval upper bound is exclusive (900 rejected)', breaks: ['BASIP-CAMDROID-INTERVAL-RANGE'] },
  { name: 'h264-128-accepted', description: 'h264 upper bound is 128', breaks: ['BASIP-CAMDROID-H264-RANGE'] },
  { name: 'h264-99-rejected', description: 'h264 lower bound is exclusive (99 rejected)', breaks: ['BASIP-CAMDROID-H264-RANGE'] },
  { name: 'user-32-accepted', description: 'user may be 32 characters', breaks: ['BASIP-CAMDROID-USER-LENGTH'] },
  { name: 'password-empty-accepted', description: 'an empty password is accepted', breaks: ['BASIP-CAMDROID-PASSWORD-LENGTH'] },
  { name: 'transport-unchecked', description: 'transport takes any string (e.g. "sctp")', breaks: ['BASIP-CAMDROID-TRANSPORT-ENUM'] },
  { name: 'stun-port-fraction-accepted', description: 'stun.port 3478.5 (not an integer) is accepted', breaks: ['BASIP-CAMDROID-STUN-PORT-INTEGER'] },
  { name: 'missing-realm-accepted', description: 'realm is treated as optional', breaks: ['BASIP-CAMDROID-REQUIRED-FIELDS'] },
  { name: 'host-unvalidated', description: 'proxy, realm and stun.ip take any string', breaks: ['BASIP-CAMDROID-HOST-FORMAT'] },
  { name: 'dns-names-rejected', description: 'proxy, realm and stun.ip take IPv4 addresses only', breaks: ['BASIP-CAMDROID-HOST-FORMAT'] },
  { name: 'wrong-error-code', description: '400 validation errors carry code "system_error"', breaks: ['BASIP-CAMDROID-ERROR-ENVELOPE'] },
  { name: 'missing-data', description: '400 validation errors have no error.data', breaks: ['BASIP-CAMDROID-ERROR-ENVELOPE', 'BASIP-CAMDROID-ERROR-PARAM'] },
  { name: '500-on-malformed-json', description: 'malformed JSON gives 500 system_error', breaks: ['BASIP-CAMDROID-MALFORMED-BODY'] },
  { name: 'unknown-field-rejected', description: 'an unrecognised JSON property gives 400', breaks: ['BASIP-CAMDROID-UNKNOWN-FIELDS-IGNORED'] },
  { name: 'auth-bypass', description: 'the settings endpoints need no credentials', breaks: ['BASIP-CAMDROID-AUTH-REQUIRED'] },
  { name: '401-as-403', description: 'missing credentials give 403 permission_denied', breaks: ['BASIP-CAMDROID-AUTH-REQUIRED', 'BASIP-CAMDROID-AUTH-401-BODY'] },
  { name: 'not-persisted', description: 'POST answers 200 but GET still shows the old settings', breaks: ['BASIP-CAMDROID-PERSISTENCE'] },
  ...deviceFaults('BASIP-CAMDROID'),
];

/** One reading of every undecided point of docs/undecided/basip-camdroid.md. */
interface Reading {
  host: (value: string) => boolean;
  /** user and password: which characters (any, when absent). */
  charset?: RegExp;
  /** user is a number: digits only (user-number). */
  userDigits: boolean;
  /** registration_interval 30.5 accepted. */
  fractionalInterval: boolean;
  /** Numeric strings for number fields. */
  convert: boolean;
  /** stun.port limited to 1..65535. */
  portRange: boolean;
  transport: { ignoreCase: boolean; trim: boolean };
  /** A missing h264 defaults to 102 (otherwise "required"). */
  h264Default: boolean;
  /** Optional fields sent as null read as absent. */
  nullIsAbsent: boolean;
  password: PasswordShown;
  /** error.data names every failing parameter (else the first); `paramValue`: as {"param": name}. */
  everyParam: boolean;
  paramValue: boolean;
  /** error.data on a malformed-body 400. */
  bodyData: boolean;
  message: string;
}

const READINGS: Record<Variant, Reading> = {
  strictest: {
    host: isPlainHost, charset: PLAIN_CHARSET, userDigits: true, fractionalInterval: false, convert: false, portRange: true,
    transport: { ignoreCase: false, trim: false }, h264Default: false, nullIsAbsent: false, password: 'placeholder',
    everyParam: false, paramValue: false, bodyData: false, message: 'Data validation error',
  },
  strict: {
    host: isHost, userDigits: false, fractionalInterval: true, convert: false, portRange: false,
    transport: { ignoreCase: false, trim: false }, h264Default: true, nullIsAbsent: false, password: 'stored',
    everyParam: true, paramValue: false, bodyData: true, message: 'Data validation error',
  },
  loose: {
    host: isHost, charset: SIP_CHARSET, userDigits: false, fractionalInterval: true, convert: true, portRange: true,
    transport: { ignoreCase: true, trim: false }, h264Default: true, nullIsAbsent: true, password: 'absent',
    everyParam: false, paramValue: false, bodyData: true, message: 'Invalid request data',
  },
  lenient: {
    host: isWideHost, userDigits: false, fractionalInterval: true, convert: true, portRange: false,
    transport: { ignoreCase: true, trim: true }, h264Default: true, nullIsAbsent: true, password: 'stored',
    everyParam: true, paramValue: true, bodyData: false, message: 'Invalid request data',
  },
};

function schema(f: Set<string>, r: Reading): Schema {
  const accepts = f.has('host-unvalidated') ? () => true : f.has('dns-names-rejected') ? (v: string) => r.host(v) && /^[\d.:]+$/.test(v.replace(/^sip:/i, '')) : r.host;
  const host = { type: 'host', accepts } as const;
  const charset = r.charset && ((v: string) => r.charset!.test(v));
  const coerce = r.convert ? ('convert' as const) : undefined;
  const optional = { nullIsAbsent: r.nullIsAbsent };
  return [
    { name: 'proxy', rule: host, required: true },
    { name: 'realm', rule: host, required: !f.has('missing-realm-accepted') },
    { name: 'user', rule: { type: 'string', min: 1, max: f.has('user-32-accepted') ? 32 : 31, accepts: r.userDigits ? (v: string) => /^[0-9]*$/.test(v) : charset }, required: true },
    { name: 'password', rule: { type: 'string', min: f.has('password-empty-accepted') ? 0 : 1, max: 31, accepts: charset }, required: true },
    {
      name: 'stun',
      required: true,
      rule: {
        type: 'object',
        fields: [
          { name: 'ip', rule: host, required: true },
          f.has('stun-port-fraction-accepted')
            ? { name: 'port', required: true, rule: { type: 'number', min: -Infinity, max: Infinity, coerce } }
            : { name: 'port', required: true, rule: { type: 'integer', coerce, ...(r.portRange ? { min: 1, max: 65535 } : {}) } },
        ],
      },
    },
    {
      name: 'registration_interval',
      ...optional,
      rule: { type: 'number', min: f.has('interval-29-accepted') ? 29 : 30, max: f.has('interval-900-rejected') ? 899 : 900, whole: !r.fractionalInterval, coerce },
    },
    {
      name: 'h264',
      rule: { type: 'integer', min: f.has('h264-99-rejected') ? 100 : 99, max: f.has('h264-128-accepted') ? 128 : 127, coerce },
      ...(r.h264Default ? { default: 102, ...optional } : { required: true }),
    },
    {
      name: 'transport',
      ...optional,
      rule: f.has('transport-unchecked') ? { type: 'string', min: 0, max: Infinity } : { type: 'enum', values: ['udp', 'tcp', 'tls'], ...r.transport },
    },
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
  standalone: writeStandaloneConfig('basip-camdroid'),
  faults: [...FAULTS, ...httpFaults('methodNotAllowed', 'options', 'head', 'contentType')],
  create(options) {
    const f = new Set(options.faults);
    const r = READINGS[options.variant];
    const reply = replyFor(options.variant);
    const device = new Device(options);
    const store = new SettingsStore(INITIAL, (s) => device.apply(s));
    const fields = schema(f, r);
    const known = new Set(fields.map((field) => field.name));

    const notValid = (data: Record<string, string> | undefined) =>
      reply(400, {
        error: {
          code: f.has('wrong-error-code') ? 'system_error' : 'not_valid',
          message: r.message,
          ...(f.has('missing-data') || data === undefined ? {} : { data }),
        },
      });
    const dataOf = (issues: Issue[]) =>
      r.paramValue ? { param: issues.map((issue) => issue.param).join(', ') } : Object.fromEntries(issues.map((issue) => [issue.param, describe(issue)]));

    const postSettings = (raw: Buffer) => {
      const body = parseObject(raw);
      if (body === undefined) {
        if (f.has('500-on-malformed-json')) return reply(500, { error: { code: 'system_error', message: 'Internal error' } });
        return notValid(r.bodyData ? { body: 'must be a JSON object' } : undefined);
      }
      if (f.has('unknown-field-rejected')) {
        const extra = Object.keys(body).find((key) => !known.has(key));
        if (extra !== undefined) return notValid({ [extra]: 'is not allowed' });
      }
      const { value, issues } = validate(body, fields);
      if (issues.length > 0) {
        const ordered = orderIssues(issues, options.variant);
        return notValid(dataOf(r.everyParam ? ordered : ordered.slice(0, 1)));
      }
      return acceptSettings(store, value, OPTIONAL_DEFAULTS, { variant: options.variant, persist: !f.has('not-persisted'), reply });
    };

    return basipHandler({
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      auth: new Auth(true, options.tokenLifetimeMs),
      authBypass: f.has('auth-bypass'),
      reply,
      variant: options.variant,
      methodsNotFound: options.variant === 'strictest' && !f.has(HTTP_FAULTS.methodNotAllowed.name),
      unauthorized: () =>
        f.has('401-as-403')
          ? reply(403, { error: { code: 'permission_denied', message: 'Permission denied' } })
          : reply(401, { error: { code: 'invalid_authentication', message: options.variant === 'lenient' ? 'Please log in' : 'Log In' } }),
      routeError: (status, message) => reply(status, { error: { code: 'system_error', message } }),
      getSettings: () => reply(200, settingsView(store.get(), r.password, options.variant)),
      postSettings,
    });
  },
};
