// Reference mock: BAS-IP Android monitors, "Set SIP Settings" (seed 004).
import { type Coerce, type Issue, orderIssues, type Schema, validate } from '../../basip-common/mock/fields.ts';
import { isHost, isPlainHost, isWideHost, PLAIN_CHARSET, SIP_CHARSET, WIDE_CHARSET } from '../../basip-common/mock/hosts.ts';
import { acceptSettings, Auth, basipFixtures, basipHandler, parseObject, type PasswordShown, replyFor, SettingsStore, settingsView, writeStandaloneConfig } from '../../basip-common/mock/index.ts';
import { type FaultInfo, HTTP_FAULTS, httpFaults, type MockDefinition, type Variant } from '../../../mocks/kit.ts';
import { Device, deviceFaults } from '../../basip-common/mock/device.ts';

const LOGIN_PATH = '/api/v0/login';
const SETTINGS_PATH = '/api/v0/sip/settings';

const INITIAL = {
  enable: false,
  proxy: 'sip:sip.bas-ip.com',
  realm: 'sip.bas-ip.com',
  user: '1001',
  password: 'secret1001',
  transport: 'udp',
  user_id: '',
  is_enable_ring_code: false,
  timeout: 120,
  registration_interval: 300,
  stun: { ip: 'stun.l.google.com', port: 19302 },
};
const OPTIONAL_DEFAULTS = { transport: 'udp', user_id: '', is_enable_ring_code: false, registration_interval: 300 };
const TIMEOUTS = [120, 300, 600, 1200, 1800];

const FAULTS: FaultInfo[] = [
  { name: 'password-5-accepted', description: 'password may be 5 characters', breaks: ['BASIP-ANDROID-PASSWORD-LENGTH'] },
  { name: 'user-32-accepted', description: 'user may be 32 characters', breaks: ['BASIP-ANDROID-USER-LENGTH'] },
  { name: 'user-id-32-accepted', description: 'user_id may be 32 characters', breaks: ['BASIP-ANDROID-USER-ID-LENGTH'] },
  { name: 'charset-unchecked', description: 'user, password and user_id take any character (e.g. "é", "\'", ":")', breaks: ['BASIP-ANDROID-CHARSET'] },
  { name: 'timeout-121-accepted', description: 'timeout is checked as the range 120..1800, not the enum', breaks: ['BASIP-ANDROID-TIMEOUT-ENUM'] },
  { name: 'transport-unchecked', description: 'transport takes any string (e.g. "sctp")', breaks: ['BASIP-ANDROID-TRANSPORT-ENUM'] },
  { name: 'interval-29-accepted', description: 'registration_interval lower bound is 29', breaks: ['BASIP-ANDROID-INTERVAL-RANGE'] },
  { name: 'host-unvalidated', description: 'proxy, realm and stun.ip take any string', breaks: ['BASIP-ANDROID-HOST-FORMAT'] },
  { name: 'dns-names-rejected', description: 'proxy, realm and stun.ip take IPv4 addresses only', breaks: ['BASIP-ANDROID-HOST-FORMAT'] },
  { name: 'missing-field-accepted', description: 'a missing enable is accepted (the old value is kept)', breaks: ['BASIP-ANDROID-MISSING-FIELD'] },
  { name: 'wrong-type-accepted', description: 'enable takes any JSON value by its truthiness (1, "yes", {})', breaks: ['BASIP-ANDROID-WRONG-TYPE'] },
  { name: 'wrong-param-named', description: 'errors name the literal `param` from the documentation instead of the field', breaks: ['BASIP-ANDROID-ERROR-PARAM'] },
  { name: 'error-not-string', description: '400 bodies are {"error":true} (the schema example) instead of a message', breaks: ['BASIP-ANDROID-ERROR-ENVELOPE'] },
  { name: '500-on-malformed-json', description: 'malformed JSON gives 500', breaks: ['BASIP-ANDROID-BODY-REQUIRED'] },
  { name: 'auth-bypass', description: 'the settings endpoints need no credentials', breaks: ['BASIP-ANDROID-AUTH-REQUIRED'] },
  { name: '401-status-200', description: 'missing credentials give status 200 with {"error":"Log In"}', breaks: ['BASIP-ANDROID-AUTH-REQUIRED'] },
  { name: 'basic-auth-rejected', description: 'HTTP Basic is not accepted, only Bearer tokens', breaks: ['BASIP-ANDROID-AUTH-BASIC'] },
  { name: 'not-persisted', description: 'POST answers 200 but GET still shows the old settings', breaks: ['BASIP-ANDROID-PERSISTENCE'] },
  ...deviceFaults('BASIP-ANDROID'),
];

/** One reading of every undecided point of docs/undecided/basip-android.md. */
interface Reading {
  host: (value: string) => boolean;
  charset: RegExp;
  userIdEmpty: boolean;
  /** `org.json`: converts on read as Android's JSON library does. */
  coerce?: Coerce;
  portRange: boolean;
  transport: { ignoreCase: boolean; trim: boolean };
  nullIsAbsent: boolean;
  password: PasswordShown;
  /** The string for a right-typed value that breaks a rule; `param` is the field's name. */
  valueError: (param: string) => string;
  /** Nested fields named by their leaf (`port`), as org.json does, or dotted (`stun.port`). */
  leafNames: boolean;
  unauthorized: string;
}

const READINGS: Record<Variant, Reading> = {
  strictest: {
    host: isPlainHost, charset: PLAIN_CHARSET, userIdEmpty: false, portRange: true, transport: { ignoreCase: false, trim: false },
    nullIsAbsent: false, password: 'placeholder', valueError: () => 'Wrong JSON body', leafNames: false, unauthorized: 'Log In',
  },
  strict: {
    host: isHost, charset: SIP_CHARSET, userIdEmpty: true, portRange: false, transport: { ignoreCase: false, trim: false },
    nullIsAbsent: false, password: 'placeholder', valueError: (p) => `Wrong JSON body: value \`${p}\` is invalid`, leafNames: false, unauthorized: 'Log In',
  },
  loose: {
    host: isHost, charset: SIP_CHARSET, userIdEmpty: true, coerce: 'org.json', portRange: true, transport: { ignoreCase: true, trim: false },
    nullIsAbsent: true, password: 'stored', valueError: () => 'Wrong JSON body', leafNames: true, unauthorized: 'Log In',
  },
  lenient: {
    host: isWideHost, charset: WIDE_CHARSET, userIdEmpty: true, coerce: 'org.json', portRange: false, transport: { ignoreCase: true, trim: true },
    nullIsAbsent: true, password: 'absent', valueError: (p) => `Wrong JSON body: value \`${p}\` was of the wrong type`, leafNames: true, unauthorized: 'Unauthorized',
  },
};

function schema(f: Set<string>, r: Reading): Schema {
  const coerce = r.coerce;
  const accepts = f.has('host-unvalidated') ? () => true : f.has('dns-names-rejected') ? (v: string) => r.host(v) && /^[\d.:]+$/.test(v.replace(/^sip:/i, '')) : r.host;
  const host = { type: 'host', accepts, coerce } as const;
  const charset = f.has('charset-unchecked') ? undefined : (v: string) => r.charset.test(v);
  const optional = { nullIsAbsent: r.nullIsAbsent };
  return [
    { name: 'enable', rule: { type: 'boolean', coerce: f.has('wrong-type-accepted') ? 'any' : coerce }, required: !f.has('missing-field-accepted') },
    { name: 'proxy', rule: host, required: true },
    { name: 'realm', rule: host, required: true },
    { name: 'user', rule: { type: 'string', min: 1, max: f.has('user-32-accepted') ? 32 : 31, accepts: charset, coerce }, required: true },
    { name: 'password', rule: { type: 'string', min: f.has('password-5-accepted') ? 5 : 6, max: 31, accepts: charset, coerce }, required: true },
    {
      name: 'transport',
      ...optional,
      rule: f.has('transport-unchecked') ? { type: 'string', min: 0, max: Infinity, coerce } : { type: 'enum', values: ['udp', 'tcp', 'tls'], ...r.transport },
    },
    { name: 'user_id', ...optional, rule: { type: 'string', min: r.userIdEmpty ? 0 : 1, max: f.has('user-id-32-accepted') ? 32 : 31, accepts: charset, coerce } },
    { name: 'is_enable_ring_code', ...optional, rule: { type: 'boolean', coerce } },
    {
      name: 'timeout',
      required: true,
      rule: f.has('timeout-121-accepted') ? { type: 'integer', min: 120, max: 1800, coerce } : { type: 'integer', oneOf: TIMEOUTS, coerce },
    },
    { name: 'registration_interval', ...optional, rule: { type: 'integer', min: f.has('interval-29-accepted') ? 29 : 30, max: 900, coerce } },
    {
      name: 'stun',
      required: true,
      rule: {
        type: 'object',
        fields: [
          { name: 'ip', rule: host, required: true },
          { name: 'port', rule: { type: 'integer', coerce, ...(r.portRange ? { min: 1, max: 65535 } : {}) }, required: true },
        ],
      },
    },
  ];
}

export const basipAndroidMock: MockDefinition = {
  spec: 'basip-android',
  fixtures: basipFixtures(LOGIN_PATH, SETTINGS_PATH),
  standalone: writeStandaloneConfig('basip-android'),
  faults: [...FAULTS, ...httpFaults('methodNotAllowed', 'options', 'head', 'contentType')],
  create(options) {
    const f = new Set(options.faults);
    const r = READINGS[options.variant];
    const reply = replyFor(options.variant);
    const device = new Device(options);
    const store = new SettingsStore(INITIAL, (s) => device.apply(s));
    const fields = schema(f, r);

    const badRequest = (message: string) => reply(400, { error: f.has('error-not-string') ? true : message });
    const message = (issue: Issue): string => {
      const named = r.leafNames ? issue.param.split('.').pop()! : issue.param;
      const param = f.has('wrong-param-named') ? 'param' : named;
      if (issue.problem === 'missing') return `Wrong JSON body: no value for \`${param}\``;
      if (issue.problem === 'type') return `Wrong JSON body: value \`${param}\` was of the wrong type`;
      return r.valueError(param);
    };

    const postSettings = (raw: Buffer) => {
      const body = parseObject(raw);
      if (body === undefined) {
        return f.has('500-on-malformed-json') ? reply(500, { error: 'Internal Server Error' }) : badRequest('Wrong JSON body');
      }
      const { value, issues } = validate(body, fields);
      const [first] = orderIssues(issues, options.variant);
      if (first) return badRequest(message(first));
      return acceptSettings(store, value, OPTIONAL_DEFAULTS, { variant: options.variant, persist: !f.has('not-persisted'), reply });
    };

    return basipHandler({
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      auth: new Auth(!f.has('basic-auth-rejected'), options.tokenLifetimeMs),
      authBypass: f.has('auth-bypass'),
      reply,
      variant: options.variant,
      methodsNotFound: options.variant === 'strictest' && !f.has(HTTP_FAULTS.methodNotAllowed.name),
      unauthorized: () => reply(f.has('401-status-200') ? 200 : 401, { error: r.unauthorized }),
      routeError: (status, text) => reply(status, { error: text }),
      getSettings: () => reply(200, settingsView(store.get(), r.password, options.variant)),
      postSettings,
    });
  },
};
