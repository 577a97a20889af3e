// BAS-IP Android "Set SIP Settings" catalogue (seed 004). Errors are strings: the missing-field,
// wrong-type and body strings are documented (MUST); for a right-typed value that breaks a range,
// length, enum or charset rule, 400 with an error string is MUST and which string is a SHOULD.
import type { Expectation, Requirement } from '../../src/model.ts';
import { commonRequirements, entry, INFERRED } from '../basip-common/catalogue.ts';
import { OPS } from '../basip-common/openapi.ts';
import { type SweepTarget, sweepCovers } from '../basip-common/rules.ts';
import type { AndroidRequirementId } from './ids.ts';
import { line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';

export const P = 'BASIP-ANDROID';
const id = (suffix: string): AndroidRequirementId => `${P}-${suffix}` as AndroidRequirementId;

export const BODY_400 = line('58-60', 'Missed json body or wrong param. Response sample: "error": "Wrong JSON body"');
export const MISSING_400 = line('61-64', 'Required field is not provided. Response sample: "error": "Wrong JSON body: no value for `param`"');
export const TYPE_400 = line('65-69', 'Field was of the wrong type. Response sample: "error": "Wrong JSON body: value `param` was of the wrong type"');
export const ERROR_401 = line('91-104', 'Unauthorized request. Log In {"error": "Log In"}');

/** Value rules: 400 MUST; the generic "Wrong JSON body" (with or without detail) SHOULD. */
const invalid: Expectation = { status: [400], statusLevel: 'MUST', codes: ['body'], codeLevel: 'SHOULD' };
const valueSource = (where: string) => `${where}; 400 ${BODY_400} (which string: ${INFERRED})`;

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

export function catalogue(): Requirement[] {
  const documented: Requirement[] = [
    entry({
      id: id('BODY-REQUIRED'),
      title: 'a missing body, malformed JSON or a JSON value that is not an object gives 400 "Wrong JSON body"',
      level: 'MUST',
      source: `${line(4, 'Request Body required')}; ${BODY_400}`,
      trigger: { kind: 'rule', rule: 'unusableBody' },
      expect: { status: [400], statusLevel: 'MUST', codes: ['body'], codeLevel: 'MUST' },
    }),
    entry({
      id: id('MISSING-FIELD'),
      title: 'omitting enable, proxy, realm, user, password, timeout, stun, stun.ip or stun.port (one at a time) gives 400 "Wrong JSON body: no value for `<field>`"',
      level: 'MUST',
      source: `${line('5-53', '... required')}; ${MISSING_400}`,
      ...sweep('missingField'),
      expect: { status: [400], statusLevel: 'MUST', codes: ['missing'], codeLevel: 'MUST', param: 'SHOULD' },
    }),
    entry({
      id: id('WRONG-TYPE'),
      title: 'any field of the wrong JSON type (e.g. "enable":"true", "timeout":"120", "stun":[]) gives 400 "Wrong JSON body: value `<field>` was of the wrong type"',
      level: 'MUST',
      source: `${line('5-53', 'field types')}; ${TYPE_400}`,
      ...sweep('wrongType'),
      expect: { status: [400], statusLevel: 'MUST', codes: ['wrong-type'], codeLevel: 'MUST', param: 'SHOULD' },
    }),
    entry({
      id: id('ERROR-PARAM'),
      title: 'missing-field and wrong-type errors name the failing field (nested as stun.port), not the literal `param` (swept)',
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
      title: 'proxy, realm and stun.ip take an IPv4 address or DNS name with optional sip: prefix and :port; anything else gives 400',
      level: 'MUST',
      source: valueSource(`${line('7, 9, 52', 'ipv4|dns')}; sip: prefix from the vendor's example "sip:sip.bas-ip.com"`),
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
      id: id('USER-ID-EMPTY'),
      title: 'an empty user_id is accepted (the regex allows {0,31}; the text says "non-empty")',
      level: 'SHOULD',
      source: `${line(34, 'Value must match regular expression ^[...]{0,31}?$')} vs ${line(31, 'non-empty')}: contradictory, so SHOULD`,
      trigger: { kind: 'scenario', scenario: 'userIdEmpty' },
      expect: { status: [200], statusLevel: 'SHOULD' },
    }),
    entry({
      id: id('CHARSET'),
      title: 'user, password and user_id take only letters, digits, whitespace and ~`!@#$%^&;*()_-+={[}]|"<,>.?/: others (é, \', :, \\, NBSP, non-ASCII digits, emoji) give 400',
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
      title: 'transport, when given, is exactly udp, tcp or tls: case variants, padding and other strings give 400',
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
