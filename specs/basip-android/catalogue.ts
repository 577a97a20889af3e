// BAS-IP Android "Set SIP Settings" catalogue (seed 004). Errors are strings, all documented as
// "Wrong JSON body[...]": a missing field names it ("no value for"); a wrong type or a value that
// breaks a rule may answer "Wrong JSON body" with or without detail (docs/undecided/basip-android.md:
// value-error-string; org.json converts some types on read).
import type { CatalogueEntry, Expectation, Requirement } from '../../src/index.ts';
import { commonRequirements, entry } from '../basip-common/catalogue.ts';
import { OPS } from '../basip-common/openapi.ts';
import { type SweepTarget, sweepCovers } from '../basip-common/rules.ts';
import { line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';

export const P = 'BASIP-ANDROID';
const id = (suffix: string) => `${P}-${suffix}`;

export const BODY_400 = line('58-60', 'Missed json body or wrong param. Response sample: "error": "Wrong JSON body"');
export const MISSING_400 = line('61-64', 'Required field is not provided. Response sample: "error": "Wrong JSON body: no value for `param`"');
export const TYPE_400 = line('65-69', 'Field was of the wrong type. Response sample: "error": "Wrong JSON body: value `param` was of the wrong type"');
export const ERROR_401 = line('91-104', 'Unauthorized request. Log In {"error": "Log In"}');

/** A wrong param: 400 with a "Wrong JSON body" string, the generic one or the wrong-type one. */
const WRONG_PARAM = ['body', 'wrong-type'];
const invalid: Expectation = { status: [400], statusLevel: 'MUST', codes: WRONG_PARAM, codeLevel: 'MUST' };
const valueSource = (where: string) => `${where}; 400 ${BODY_400} (with or without detail: undecided)`;

const REQUIRED = ['/enable', '/proxy', '/realm', '/user', '/password', '/timeout', '/stun', '/stun/ip', '/stun/port'];
const FIELDS = [...REQUIRED, '/transport', '/user_id', '/is_enable_ring_code', '/registration_interval'];

export const SWEEPS: Record<string, SweepTarget[]> = {
  missingField: REQUIRED.map((path) => ({ path, keywords: ['required'] })),
  wrongType: FIELDS.map((path) => ({ path, keywords: ['type'] })),
  hostFormat: ['/proxy', '/realm', '/stun/ip'].map((path) => ({ path, keywords: ['pattern'] })),
  charset: ['/user', '/password', '/user_id'].map((path) => ({ path, keywords: ['pattern'] })),
};

const constraint = (path: string, keywords: string[]) => ({ kind: 'constraint' as const, location: 'body' as const, path, keywords });
const sweep = (rule: string) => ({ trigger: { kind: 'rule' as const, rule }, covers: sweepCovers(SWEEPS[rule]!) });

export function catalogue(): CatalogueEntry[] {
  const documented: CatalogueEntry[] = [
    entry({
      id: id('BODY-REQUIRED'),
      title: 'an empty body, malformed JSON or a JSON value that is not an object gives 400 "Wrong JSON body[...]" (a POST with no body and no Content-Type is undecided: 400 or 415)',
      level: 'MUST',
      source: `${line(4, 'Request Body required')}; ${BODY_400}`,
      trigger: { kind: 'rule', rule: 'unusableBody' },
      expect: { status: [400], statusLevel: 'MUST', codes: ['body', 'missing', 'wrong-type'], codeLevel: 'MUST' },
    }),
    entry({
      id: id('MISSING-FIELD'),
      title: 'omitting enable, proxy, realm, user, password, timeout, stun, stun.ip or stun.port (one at a time) gives 400 "Wrong JSON body: no value for `<field>`"',
      level: 'MUST',
      source: `${line('5-53', '... required')}; ${MISSING_400}`,
      ...sweep('missingField'),
      expect: { status: [400], statusLevel: 'MUST', codes: ['missing'], codeLevel: 'MUST' },
    }),
    entry({
      id: id('WRONG-TYPE'),
      title: 'a field of a JSON type no reading converts (e.g. "enable":1, "timeout":true, "stun":[], an object for a string) gives 400 "Wrong JSON body[...]" (values org.json converts, such as "120" or "true", are undecided)',
      level: 'MUST',
      source: `${line('5-53', 'field types')}; ${TYPE_400}; ${BODY_400}`,
      ...sweep('wrongType'),
      expect: { status: [400], statusLevel: 'MUST', codes: WRONG_PARAM, codeLevel: 'MUST' },
    }),
    entry({
      id: id('ERROR-PARAM'),
      title: 'missing-field and wrong-type strings name the failing field (stun.port, port or stun for nested fields), not the literal `param` (swept)',
      level: 'MUST',
      source: `${MISSING_400}; ${TYPE_400}: "where param is a required field that was not provided / a field of the wrong type"`,
      trigger: { kind: 'scenario', scenario: 'errorParam' },
      expect: { status: [400], statusLevel: 'MUST', param: 'MUST' },
    }),
    entry({
      id: id('ERROR-ENVELOPE'),
      title: 'every 400 body is {"error":<string>} (swept over the invalid-input requirements)',
      level: 'MUST',
      source: line('76-78', 'Schema - error string Error information'),
      trigger: { kind: 'scenario', scenario: 'errorEnvelope' },
      expect: { status: [400], statusLevel: 'MUST' },
    }),
    entry({
      id: id('HOST-FORMAT'),
      title: 'proxy, realm and stun.ip take an IPv4 address or DNS name; what no reading takes for a host (empty, inner spaces, foreign punctuation, empty labels, edge hyphens, URLs, user@host) gives 400',
      level: 'MUST',
      source: valueSource(`${line('7, 9, 52', 'ipv4|dns')}; a sip: prefix, :port and other forms are undecided (docs/undecided/basip-android.md)`),
      ...sweep('hostFormat'),
      expect: invalid,
    }),
    entry({
      id: id('USER-LENGTH'),
      title: 'user is 1..31 characters: empty or 32 gives 400 (1 and 31 accepted)',
      level: 'MUST',
      source: valueSource(line('11-14', 'user string required Possible values: non-empty and <= 31 characters')),
      trigger: constraint('/user', ['minLength', 'maxLength']),
      expect: invalid,
    }),
    entry({
      id: id('PASSWORD-LENGTH'),
      title: 'password is 6..31 characters: 5 or 32 gives 400 (6 and 31 accepted)',
      level: 'MUST',
      source: valueSource(line('17-20', 'password string required Possible values: >= 6 characters and <= 31 characters')),
      trigger: constraint('/password', ['minLength', 'maxLength']),
      expect: invalid,
    }),
    entry({
      id: id('USER-ID-LENGTH'),
      title: 'user_id is at most 31 characters: 32 gives 400 (31 accepted)',
      level: 'MUST',
      source: valueSource(line('29-32', 'user_id string Possible values: non-empty and <= 31 characters')),
      trigger: constraint('/user_id', ['maxLength']),
      expect: invalid,
    }),
    entry({
      id: id('CHARSET'),
      title: 'user, password and user_id take letters, digits and the listed specials: characters neither the text nor the regex lists (é, \', :, \\, non-ASCII digits, emoji) give 400',
      level: 'MUST',
      source: valueSource(line('15-16, 21-22, 33-34', 'Value must match regular expression ^[0-9a-zA-Z\\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{..}?$ (garbled in the seed; the listed set)')),
      ...sweep('charset'),
      expect: invalid,
    }),
    entry({
      id: id('TIMEOUT-ENUM'),
      title: 'timeout is one of 120, 300, 600, 1200, 1800: any other integer (119, 121, -120, ...) gives 400',
      level: 'MUST',
      source: valueSource(line('37-44', 'timeout integer required Possible values: [120, 300, 600, 1200, 1800]')),
      trigger: constraint('/timeout', ['enum']),
      expect: invalid,
    }),
    entry({
      id: id('TRANSPORT-ENUM'),
      title: 'transport, when given, is udp, tcp or tls: other strings ("sctp", "") give 400 (case and edge whitespace are undecided)',
      level: 'MUST',
      source: valueSource(line('23-28', 'transport string Possible values: [udp, tcp, tls]')),
      trigger: constraint('/transport', ['enum']),
      expect: invalid,
    }),
    entry({
      id: id('INTERVAL-RANGE'),
      title: 'registration_interval is an integer 30..900, both ends accepted: 29 and 901 give 400',
      level: 'MUST',
      source: valueSource(line('45-48', 'registration_interval integer Possible values: >= 30 and <= 900')),
      trigger: constraint('/registration_interval', ['minimum', 'maximum']),
      expect: invalid,
    }),
  ];
  return [
    ...commonRequirements({
      prefix: P,
      unauthorizedSource: ERROR_401,
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      unauthorizedBody: '{"error":"Log In"}',
      optionalSource: line('23, 29, 35, 45', 'transport / user_id / is_enable_ring_code / registration_interval (not marked required)'),
    }),
    ...documented,
  ];
}

export const isInvalidInputRequirement = (r: Requirement) => r.operation === OPS.set && (r.trigger.kind === 'constraint' || r.trigger.kind === 'rule');
/** The requirements whose documented strings name the field. */
export const namesParam = (r: Requirement) => r.id === id('MISSING-FIELD') || r.id === id('WRONG-TYPE');
