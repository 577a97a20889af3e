// BAS-IP CamDroid "Set device SIP Settings" catalogue (seed 003). Field requirements judge the
// status only; the error code fails in ERROR-ENVELOPE and the named parameter in ERROR-PARAM, so one
// deviation fails one requirement. Values come from the zones of docs/undecided/basip-camdroid.md.
import type { CatalogueEntry, Expectation, Requirement } from '../../src/index.ts';
import { commonRequirements, entry } from '../basip-common/catalogue.ts';
import { OPS } from '../basip-common/openapi.ts';
import { type SweepTarget, sweepCovers } from '../basip-common/rules.ts';
import { line, LOGIN_PATH, SETTINGS_PATH } from './openapi.ts';

export const P = 'BASIP-CAMDROID';
const id = (suffix: string) => `${P}-${suffix}`;

export const ERROR_400 = line('14, 17-31', '400 Bad Request {"error":{"code":"not_valid","message":"Data validation error","data":{"param":"must be a string"}}}');
export const ERROR_401 = line('15, 32-53', '401 Please log in {"error":{"code":"invalid_authentication","message":"Log In"}}');

/** 400; the code and the parameter are judged once, in ERROR-ENVELOPE and ERROR-PARAM. */
const bad: Expectation = { status: [400], statusLevel: 'MUST' };

export const SWEEPS: Record<string, SweepTarget[]> = {
  // h264 is "required" but has a default (line 11): its absence is undecided (h264-absent).
  requiredFields: ['/proxy', '/realm', '/user', '/password', '/stun', '/stun/ip', '/stun/port'].map((path) => ({ path, keywords: ['required'] })),
  // stun.port, h264 and transport have their own requirements for the wrong type.
  fieldTypes: ['/proxy', '/realm', '/user', '/password', '/stun', '/stun/ip', '/registration_interval'].map((path) => ({ path, keywords: ['type'] })),
  hostFormat: ['/proxy', '/realm', '/stun/ip'].map((path) => ({ path, keywords: ['pattern'] })),
};

const constraint = (path: string, keywords: string[]) => ({ kind: 'constraint' as const, location: 'body' as const, path, keywords });
const sweep = (rule: string) => ({ trigger: { kind: 'rule' as const, rule }, covers: sweepCovers(SWEEPS[rule]!) });

export function catalogue(): CatalogueEntry[] {
  const documented: CatalogueEntry[] = [
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
      title: 'proxy, realm and stun.ip take an IPv4 address or DNS name (e.g. 192.168.1.10, sip.bas-ip.com); what no reading takes for a host (empty, inner spaces, foreign punctuation, empty labels, edge hyphens, URLs, user@host) gives 400',
      level: 'MUST',
      source: `${line('5, 6, 9', 'ipv4|dns')}; a sip: prefix, :port and other forms are undecided (docs/undecided/basip-camdroid.md)`,
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
      title: 'stun.port must be a JSON integer: fractions, booleans, objects, arrays and non-numeric strings give 400 (numeric strings are undecided)',
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
      id: id('INTERVAL-RANGE'),
      title: 'registration_interval is 30..900, both ends accepted: 29 and 901 give 400 (fractions inside the range are undecided)',
      level: 'MUST',
      source: line(10, 'registration_interval number Possible values: >= 30 and <= 900'),
      trigger: constraint('/registration_interval', ['minimum', 'maximum']),
      expect: bad,
    }),
    entry({
      id: id('TRANSPORT-ENUM'),
      title: 'transport is udp, tcp or tls: other strings ("sctp", "") and non-strings give 400 (case and edge whitespace are undecided)',
      level: 'MUST',
      source: line(12, 'transport string Possible values: [ udp,tcp,tls]'),
      trigger: constraint('/transport', ['enum', 'type']),
      expect: bad,
    }),
    entry({
      id: id('MALFORMED-BODY'),
      title: 'an empty body, malformed JSON or a JSON value that is not an object gives 400 (a POST with no body and no Content-Type is undecided: 400 or 415)',
      level: 'MUST',
      source: `${line(4, 'Request Body required')}; ${ERROR_400}`,
      trigger: { kind: 'rule', rule: 'unusableBody' },
      expect: { status: [400], statusLevel: 'MUST' },
    }),
    entry({
      id: id('ERROR-ENVELOPE'),
      title: 'every 400 is {"error":{"code":"not_valid","message":<string>}} (swept over the invalid-input requirements; data is judged in ERROR-PARAM)',
      level: 'MUST',
      source: ERROR_400,
      trigger: { kind: 'scenario', scenario: 'errorEnvelope' },
      expect: { status: [400], statusLevel: 'MUST', codes: ['not_valid'], codeLevel: 'MUST' },
    }),
    entry({
      id: id('ERROR-PARAM'),
      title: 'a 400 for a field names it in error.data: as a key (stun.port, port or stun for nested fields) or in a "param" value (swept over the field requirements)',
      level: 'MUST',
      source: `${line(22, 'data object - Did not pass validation parameters ... param string - Describes the parameter that did not pass a validation')}; which of several failing fields, and the key or value form, are undecided`,
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
      optionalSource: line('10, 12', 'registration_interval number / transport string (not marked required)'),
    }),
    ...documented,
  ];
}

/** Requirements whose rejected cases the envelope / param sweeps judge. */
export const isFieldRequirement = (r: Requirement) =>
  r.operation === OPS.set && (r.trigger.kind === 'constraint' || (r.trigger.kind === 'rule' && r.trigger.rule !== 'unusableBody'));
export const isInvalidInputRequirement = (r: Requirement) => r.operation === OPS.set && (r.trigger.kind === 'constraint' || r.trigger.kind === 'rule');
