// Wire syntax of Voximplant parameters: everything travels as text (query, urlencoded or multipart),
// so types are written as string patterns and formats.
import type { Formats } from '../../src/index.ts';

// Each parameter has three zones (docs/undecided/voximplant.md): the schema's own keywords are the
// accepted zone (plainest forms), `x-lenient` the widest reading; what lies between is undecided.

/** Accepted zone of an integer: digits, no leading zero, no sign. */
const INT = '(0|[1-9][0-9]{0,14})';
/** Widest reading of a number (seed 002 types ids and count/offset as `number`): sign, fraction, exponent, surrounding spaces. */
const LENIENT_NUMBER = '\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*';
const LENIENT_BOOL = '\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[01]|[Yy][Ee][Ss]|[Nn][Oo])\\s*';
/** Characters no reading accepts inside a SIP user or host: whitespace and controls. */
const SOLID = '[^\\s\\u0000-\\u001f\\u007f]';

const optional = (body: string) => `^(${body})?$`;

/**
 * Accepted zone of a page size: 1 to 20. No document gives `count` a maximum or says what 0 means, so
 * a larger page (a server may cap, clamp or refuse it) and 0 are undecided (point page-size).
 */
export const PAGE_SIZE_ZONES = { pattern: '^([1-9]|1[0-9]|20)$', lenient: { pattern: optional(LENIENT_NUMBER) } };
export const intZones = (required: boolean) => ({ pattern: `^${INT}$`, lenient: { pattern: required ? `^${LENIENT_NUMBER}$` : optional(LENIENT_NUMBER) } });
export const BOOL_ZONES = { pattern: '^(true|false)$', lenient: { pattern: optional(LENIENT_BOOL) } };
/** The widest reading skips blank items (`1; ;2`, ` ;0`) as it skips empty ones. */
export const INTLIST_ZONES = { pattern: `^${INT}(;${INT})*$`, lenient: { pattern: `^(${LENIENT_NUMBER}|\\s*)([;,](${LENIENT_NUMBER}|\\s*))*$` } };
/** Empty items (`a;;b`, a trailing `;`) may be skipped or refused: nothing is rejected by every reading. */
export const STRINGLIST_ZONES = { pattern: '^[^;\\s]+(;[^;\\s]+)*$', lenient: { pattern: null } };

/** Plainest user names (vendor examples "test", "HedyLamarr"); the widest reading takes any run of non-space characters, trimmed. */
export const USER_ZONES = { pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$', lenient: { pattern: `^\\s*(${SOLID}+)?\\s*$` } };

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const FIRST_OCTET = '(22[0-3]|2[01][0-9]|1[0-9]{2}|[1-9][0-9]?)';
const LABEL = '[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?';
/** Plainest proxies: a lower-case DNS name with an alphabetic top-level label, or a unicast dotted IPv4 address. */
export const PROXY_ZONES = {
  pattern: `^((${LABEL}\\.){1,3}[a-z]{2,6}|${FIRST_OCTET}(\\.${OCTET}){3})$`,
  lenient: { pattern: `^\\s*(${SOLID}+)?\\s*$` },
};

/** `code1;code2:code3`: SIP codes 100-699, ranges inclusive and ascending. */
function validStatusList(text: string): boolean {
  return text.split(';').every((item) => {
    const m = /^([1-6]\d\d)(?::([1-6]\d\d))?$/.exec(item);
    return !!m && (m[2] === undefined || Number(m[1]) <= Number(m[2]));
  });
}

/** Parses a valid status list into inclusive ranges. */
export function statusRanges(text: string): Array<[number, number]> {
  return text.split(';').map((item) => {
    const [a, b] = item.split(':').map(Number);
    return [a!, b ?? a!];
  });
}

export const STATUS_FORMAT = 'voximplant-status-list';
/** Widest reading of a status list: any digits, `x` wildcards, `:` or `-` ranges, `;` or `,` between items, spaces. */
export const LENIENT_STATUS_FORMAT = 'voximplant-status-list-lenient';
const LENIENT_STATUS = /^\s*[0-9xX]*\s*([:-]\s*[0-9xX]*)?(\s*[;,]\s*[0-9xX]*\s*([:-]\s*[0-9xX]*)?)*\s*$/;

/** The formats Voximplant's schemas use, for its own Ajv. */
export const VOXIMPLANT_FORMATS: Formats = {
  [STATUS_FORMAT]: validStatusList,
  [LENIENT_STATUS_FORMAT]: (s) => LENIENT_STATUS.test(s),
};

/** Values the suite reserves as "never exists on the target": 15-digit ids starting with 9, names with this prefix. */
export const UNKNOWN_NAME_PREFIX = 'sipc-unknown-';
export const isReserved = (v: unknown) => typeof v === 'string' && (/^9\d{14}$/.test(v) || v.startsWith(UNKNOWN_NAME_PREFIX));
export const unknownId = (n: number) => String(900_000_000_000_000 + (Math.abs(Math.trunc(n)) % 99_999_999_999_999));
export const isDigits = (v: unknown): v is string => typeof v === 'string' && /^\d{1,15}$/.test(v);
