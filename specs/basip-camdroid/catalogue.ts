// BAS-IP CamDroid "Set device SIP Settings" catalogue (seed 003). Field requirements fail on the
// status; the error code and the named parameter are warnings there and fail in ERROR-ENVELOPE /
// ERROR-PARAM, so one deviation fails one requirement.
import type { Expectation, Requirement } from '../../src/model.ts';
import { commonRequirements, entry, ISSUE } from '../basip-common/catalogue.ts';
import { OPS } from '../basip-common/openapi.ts';
import { type SweepTarget, sweepCovers } from '../basip-common/rules.ts';
import type { CamdroidRequirementId } from './ids.ts';
import { line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';

export const P = 'BASIP-CAMDROID';
const id = (suffix: string): CamdroidRequirementId => `${P}-${suffix}` as CamdroidRequirementId;

export const ERROR_400 = line('14, 17-31', '400 Bad Request {"error":{"code":"not_valid","message":"Data validation error","data":{"param":"must be a string"}}}');
export const ERROR_401 = line('15, 32-53', '401 Please log in {"error":{"code":"invalid_authentication","message":"Log In"}}');

/** 400, with not_valid and the parameter as warnings (they fail in ERROR-ENVELOPE / ERROR-PARAM). */
const bad: Expectation = { status: [400], statusLevel: 'MUST', codes: ['not_valid'], codeLevel: 'SHOULD', param: 'SHOULD' };

export const SWEEPS: Record<string, SweepTarget[]> = {
  requiredFields: ['/proxy', '/realm', '/user', '/password', '/stun', '/stun/ip', '/stun/port'].map((path) => ({ path, keywords: ['required'] })),
  // stun.port, h264 and transport have their own requirements for the wrong type.
  fieldTypes: ['/proxy', '/realm', '/user', '/password', '/stun', '/stun/ip', '/registration_interval'].map((path) => ({ path, keywords: ['type'] })),
  hostFormat: ['/proxy', '/realm', '/stun/ip'].map((path) => ({ path, keywords: ['pattern'] })),
};

const constraint = (path: string, keywords: string[]) => ({ kind: 'constraint' as const, location: 'body' as const, path, keywords });
const sweep = (rule: string) => ({ trigger: { kind: 'rule' as const, rule }, covers: sweepCovers(SWEEPS[rule]!) });

export function catalogue(): Requirement[] {
  const documented: Requirement[] = [
    entry({
      id: id('REQUIRED-FIELDS'),
      title: 'omitting proxy, realm, user, password, stun, stun.ip or stun.port (one at a time) gives 400',
      level: 'MUST',
      source: `${line('5-9', 'proxy/realm/user/password/stun(ip, port) ... required')}; ${ERROR_400}`,
      ...sweep('requiredFields'),
      expect: bad,
    }),
    entry({
      id: id('FIELD-TYPES'),
      title: 'proxy, realm, user, password, stun, stun.ip or registration_interval of the wrong JSON type gives 400',
      level: 'MUST',
      source: `${line('5-10', 'ipv4|dns / string / object / number')}; ${ERROR_400} (example "must be a string")`,
      ...sweep('fieldTypes'),
      expect: bad,
    }),
    entry({
      id: id('HOST-FORMAT'),
      title: 'proxy, realm and stun.ip take an IPv4 address or DNS name with optional sip: prefix and :port (e.g. sip:sip.bas-ip.com); anything else gives 400',
      level: 'MUST',
      source: `${line('5, 6, 9', 'ipv4|dns')}; sip: prefix from the vendor's example "sip:sip.bas-ip.com" (issue text)`,
      ...sweep('hostFormat'),
      expect: bad,
    }),
    entry({
      id: id('USER-LENGTH'),
      title: 'user is 1..31 characters: empty or 32 gives 400 (1 and 31 accepted)',
      level: 'MUST',
      source: line(7, 'user string required Possible values: non-empty and <= 31 characters'),
      trigger: constraint('/user', ['minLength', 'maxLength']),
      expect: bad,
    }),
    entry({
      id: id('PASSWORD-LENGTH'),
      title: 'password is 1..31 characters: empty or 32 gives 400 (1 and 31 accepted)',
      level: 'MUST',
      source: line(8, 'password string required Possible values: non-empty and <= 31 characters'),
      trigger: constraint('/password', ['minLength', 'maxLength']),
      expect: bad,
    }),
    entry({
      id: id('STUN-PORT-INTEGER'),
      title: 'stun.port must be a JSON integer: strings ("5060"), fractions, booleans, objects give 400',
      level: 'MUST',
      source: line(9, 'stun ... port integer required'),
      trigger: constraint('/stun/port', ['type']),
      expect: bad,
    }),
    entry({
      id: id('H264-RANGE'),
      title: 'h264 is an integer 99..127: 98, 128, fractions and non-numbers give 400 (99 and 127 accepted)',
      level: 'MUST',
      source: line(11, 'h264 integer Possible values: >= 99 and <= 127'),
      trigger: constraint('/h264', ['minimum', 'maximum', 'type']),
      expect: bad,
    }),
    entry({
      id: id('H264-DEFAULT'),
      title: 'h264 may be omitted (documented default 102); GET then shows 102 (SHOULD)',
      level: 'MUST',
      source: `${line(11, 'h264 integer required ... Default value: 102')}; ${ISSUE}: "treat a missing h264 as allowed, not as a failure"; reading back 102 inferred`,
      trigger: { kind: 'scenario', scenario: 'h264Default' },
      expect: { status: [200], statusLevel: 'MUST' },
    }),
    entry({
      id: id('INTERVAL-RANGE'),
      title: 'registration_interval is a number 30..900, both ends accepted: 29, 29.5, 900.5, 901 give 400',
      level: 'MUST',
      source: line(10, 'registration_interval number Possible values: >= 30 and <= 900'),
      trigger: constraint('/registration_interval', ['minimum', 'maximum']),
      expect: bad,
    }),
    entry({
      id: id('TRANSPORT-ENUM'),
      title: 'transport is exactly udp, tcp or tls: case variants ("UDP"), padding, other strings and non-strings give 400',
      level: 'MUST',
      source: line(12, 'transport string Possible values: [ udp,tcp,tls]'),
      trigger: constraint('/transport', ['enum', 'type']),
      expect: bad,
    }),
    entry({
      id: id('MALFORMED-BODY'),
      title: 'a missing body, malformed JSON or a JSON value that is not an object gives 400',
      level: 'MUST',
      source: `${line(4, 'Request Body required')}; ${ERROR_400}`,
      trigger: { kind: 'rule', rule: 'unusableBody' },
      expect: { status: [400], statusLevel: 'MUST', codes: ['not_valid'], codeLevel: 'SHOULD' },
    }),
    entry({
      id: id('ERROR-ENVELOPE'),
      title: 'every 400 is {"error":{"code":"not_valid","message":<string>,"data":{..}}} (swept over the invalid-input requirements)',
      level: 'MUST',
      source: ERROR_400,
      trigger: { kind: 'scenario', scenario: 'errorEnvelope' },
      expect: { status: [400], statusLevel: 'MUST', codes: ['not_valid'], codeLevel: 'MUST' },
    }),
    entry({
      id: id('ERROR-PARAM'),
      title: 'error.data names the failing parameter as a key (nested as stun.port) (swept over the field requirements)',
      level: 'MUST',
      source: line(22, 'data object - Did not pass validation parameters ... param string - Describes the parameter that did not pass a validation'),
      trigger: { kind: 'scenario', scenario: 'errorParam' },
      expect: { status: [400], statusLevel: 'MUST', param: 'MUST' },
    }),
  ];
  return [
    ...commonRequirements({
      prefix: P,
      unauthorizedSource: ERROR_401,
      loginPath: LOGIN_PATH,
      settingsPath: SETTINGS_PATH,
      unauthorizedBody: '{"error":{"code":"invalid_authentication","message":"Log In"}}',
      optionalSource: `${line('10, 12', 'registration_interval number / transport string (not marked required)')}; ${line(11, 'h264 ... Default value: 102')} (a missing h264 allowed, issue text)`,
    }),
    ...documented,
  ];
}

/** Requirements whose rejected cases the envelope / param sweeps judge. */
export const isFieldRequirement = (r: Requirement) =>
  r.operation === OPS.set && (r.trigger.kind === 'constraint' || (r.trigger.kind === 'rule' && r.trigger.rule !== 'unusableBody'));
export const isInvalidInputRequirement = (r: Requirement) => r.operation === OPS.set && (r.trigger.kind === 'constraint' || r.trigger.kind === 'rule');
