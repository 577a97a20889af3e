// Reference mock: BAS-IP Android monitors, "Set SIP Settings" (seed 004).
import type { AndroidRequirementId } from '../specs/basip-android/ids.ts';
import {
  Auth, basipFixtures, basipHandler, mergeSettings, orderIssues, parseObject, replyFor, settingsView,
  SettingsStore, validate, type Issue, type Schema,
} from './basip-common.ts';
import type { FaultInfo, MockDefinition, MockOptions } from './kit.ts';

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

type Fault = FaultInfo & { breaks: AndroidRequirementId[] };

const FAULTS: Fault[] = [
  { name: 'password-5-accepted', description: 'password may be 5 characters', breaks: ['BASIP-ANDROID-PASSWORD-LENGTH'] },
  { name: 'user-32-accepted', description: 'user may be 32 characters', breaks: ['BASIP-ANDROID-USER-LENGTH'] },
  { name: 'user-id-empty-rejected', description: 'an empty user_id is rejected (a SHOULD: the seed says "non-empty", its regex {0,31})', breaks: ['BASIP-ANDROID-USER-ID-EMPTY'] },
  { name: 'charset-unchecked', description: 'user, password and user_id take any character (e.g. "é", "\'", ":")', breaks: ['BASIP-ANDROID-CHARSET'] },
  { name: 'timeout-121-accepted', description: 'timeout is checked as the range 120..1800, not the enum', breaks: ['BASIP-ANDROID-TIMEOUT-ENUM'] },
  { name: 'transport-unchecked', description: 'transport takes any string (e.g. "sctp")', breaks: ['BASIP-ANDROID-TRANSPORT-ENUM'] },
  { name: 'interval-29-accepted', description: 'registration_interval lower bound is 29', breaks: ['BASIP-ANDROID-INTERVAL-RANGE'] },
  { name: 'host-unvalidated', description: 'proxy, realm and stun.ip take any string', breaks: ['BASIP-ANDROID-HOST-FORMAT'] },
  { name: 'missing-field-accepted', description: 'a missing enable is accepted (the old value is kept)', breaks: ['BASIP-ANDROID-MISSING-FIELD'] },
  { name: 'wrong-type-accepted', description: '"enable":"true" / "false" (strings) are accepted as booleans', breaks: ['BASIP-ANDROID-WRONG-TYPE'] },
  { name: 'wrong-param-named', description: 'errors name the literal `param` from the documentation instead of the field', breaks: ['BASIP-ANDROID-ERROR-PARAM'] },
  { name: 'error-not-string', description: '400 bodies are {"error":true} (the schema example) instead of a message', breaks: ['BASIP-ANDROID-ERROR-ENVELOPE'] },
  { name: '500-on-malformed-json', description: 'malformed JSON gives 500', breaks: ['BASIP-ANDROID-BODY-REQUIRED'] },
  { name: 'auth-bypass', description: 'the settings endpoints need no credentials', breaks: ['BASIP-ANDROID-AUTH-REQUIRED'] },
  { name: '401-status-200', description: 'missing credentials give status 200 with {"error":"Log In"}', breaks: ['BASIP-ANDROID-AUTH-REQUIRED'] },
  { name: 'basic-auth-rejected', description: 'HTTP Basic is not accepted, only Bearer tokens', breaks: ['BASIP-ANDROID-AUTH-BASIC'] },
  { name: 'not-persisted', description: 'POST answers 200 but GET still shows the old settings', breaks: ['BASIP-ANDROID-PERSISTENCE'] },
  { name: 'real-password-on-get', description: 'GET returns the stored password instead of "WebPass"', breaks: ['BASIP-ANDROID-PASSWORD-MASKED'] },
];

function schema(f: Set<string>, options: MockOptions): Schema {
  const host = f.has('host-unvalidated') ? ({ type: 'string', min: 0, max: Infinity } as const) : ({ type: 'host' } as const);
  const charset = !f.has('charset-unchecked');
  return [
    { name: 'enable', rule: { type: 'boolean', coerce: f.has('wrong-type-accepted') }, required: !f.has('missing-field-accepted') },
    { name: 'proxy', rule: host, required: true },
    { name: 'realm', rule: host, required: true },
    { name: 'user', rule: { type: 'string', min: 1, max: f.has('user-32-accepted') ? 32 : 31, charset }, required: true },
    { name: 'password', rule: { type: 'string', min: f.has('password-5-accepted') ? 5 : 6, max: 31, charset }, required: true },
    {
      name: 'transport',
      rule: f.has('transport-unchecked') ? { type: 'string', min: 0, max: Infinity } : { type: 'enum', values: ['udp', 'tcp', 'tls'] },
    },
    { name: 'user_id', rule: { type: 'string', min: f.has('user-id-empty-rejected') ? 1 : 0, max: 31, charset } },
    { name: 'is_enable_ring_code', rule: { type: 'boolean' } },
    {
      name: 'timeout',
      required: true,
      rule: f.has('timeout-121-accepted') ? { type: 'integer', min: 120, max: 1800 } : { type: 'integer', oneOf: TIMEOUTS },
    },
    { name: 'registration_interval', rule: { type: 'integer', min: f.has('interval-29-accepted') ? 29 : 30, max: 900 } },
    {
      name: 'stun',
      required: true,
      rule: {
        type: 'object',
        fields: [
          { name: 'ip', rule: host, required: true },
          // The port range is undocumented: strict takes any integer, loose the TCP/UDP range.
          { name: 'port', rule: { type: 'integer', ...(options.variant === 'loose' ? { min: 1, max: 65535 } : {}) }, required: true },
        ],
      },
    },
  ];
}

export const basipAndroidMock: MockDefinition = {
  spec: 'basip-android',
  fixtures: basipFixtures(LOGIN_PATH, SETTINGS_PATH),
  faults: FAULTS,
  create(options) {
    const f = new Set(options.faults);
    const loose = options.variant === 'loose';
    const reply = replyFor(options.variant);
    const store = new SettingsStore(INITIAL);
    const fields = schema(f, options);

    const badRequest = (message: string) => reply(400, { error: f.has('error-not-string') ? true : message });
    const message = (issue: Issue): string => {
      const param = f.has('wrong-param-named') ? 'param' : issue.param;
      if (issue.problem === 'missing') return `Wrong JSON body: no value for \`${param}\``;
      if (issue.problem === 'type') return `Wrong JSON body: value \`${param}\` was of the wrong type`;
      // Undocumented wording: strict names the field, loose uses the generic message.
      return loose ? 'Wrong JSON body' : `Wrong JSON body: value \`${param}\` is invalid`;
    };

    const postSettings = (raw: Buffer) => {
      const body = parseObject(raw);
      if (body === undefined) {
        return f.has('500-on-malformed-json') ? reply(500, { error: 'Internal Server Error' }) : badRequest('Wrong JSON body');
      }
      const { value, issues } = validate(body, fields);
      const [first] = orderIssues(issues, options.variant);
      if (first) return badRequest(message(first));
      const next = mergeSettings(store.get(), value, OPTIONAL_DEFAULTS, options.variant);
      if (!f.has('not-persisted')) store.set(next);
      return loose ? reply(200, settingsView(next, false, 'loose')) : reply(200);
    };

    return basipHandler({
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      auth: new Auth(!f.has('basic-auth-rejected'), options.tokenLifetimeMs),
      authBypass: f.has('auth-bypass'),
      reply,
      variant: options.variant,
      unauthorized: () => reply(f.has('401-status-200') ? 200 : 401, { error: 'Log In' }),
      routeError: (status, text) => reply(status, { error: text }),
      getSettings: () => reply(200, settingsView(store.get(), f.has('real-password-on-get'), options.variant)),
      postSettings,
    });
  },
};
