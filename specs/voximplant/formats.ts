// Wire syntax of Voximplant parameters: everything travels as text (query, urlencoded or multipart),
// so types are written as string patterns and formats. An empty optional value reads as absent.
import { isIPv6 } from 'node:net';
import { ajv } from '../../src/ajv.ts';

export const INT = '[0-9]{1,15}';
export const intPattern = (required: boolean) => (required ? `^${INT}$` : `^(${INT})?$`);
export const BOOL_PATTERN = '^(true|false)?$';
export const INTLIST_PATTERN = `^(${INT}(;${INT})*)?$`;
export const STRINGLIST_PATTERN = '^([^;]+(;[^;]+)*)?$';

/** RFC 3261 user part characters (unreserved, user-unreserved, escapes). */
const USER_CHARS = "[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]";
export const userPattern = (required: boolean) => (required ? `^${USER_CHARS}+$` : `^(${USER_CHARS}+)?$`);

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`);
const HOSTPORT = /^(?:sip:)?(\[[^\]]*\]|[^:;[\]]+)(?::(\d{1,5}))?(?:;transport=(?:udp|tcp|tls))?$/i;

/** `[sip:]host[:port][;transport=udp|tcp|tls]`, host a DNS name, a dotted IPv4 address or [IPv6] (RFC 3261 hostport). */
export function validProxy(proxy: string): boolean {
  const m = HOSTPORT.exec(proxy);
  if (!m) return false;
  const host = m[1]!;
  const port = m[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (host.startsWith('[')) return isIPv6(host.slice(1, -1));
  if (host.length > 253 || !HOSTNAME.test(host)) return false;
  const labels = host.split('.');
  if (labels.every((l) => /^\d+$/.test(l))) return labels.length === 4 && labels.every((l) => Number(l) <= 255);
  return true;
}

/** `code1;code2:code3`: SIP codes 100-699, ranges inclusive and ascending. */
export function validStatusList(text: string): boolean {
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

export const PROXY_FORMAT = 'voximplant-proxy';
export const STATUS_FORMAT = 'voximplant-status-list';

let registered = false;
/** Registers the formats on the shared Ajv (empty strings pass: emptiness is minLength's business). */
export function registerFormats(): void {
  if (registered) return;
  registered = true;
  ajv.addFormat(PROXY_FORMAT, (s: string) => s === '' || validProxy(s));
  ajv.addFormat(STATUS_FORMAT, (s: string) => s === '' || validStatusList(s));
}

/** Values the suite reserves as "never exists on the target": 15-digit ids starting with 9, names with this prefix. */
export const UNKNOWN_NAME_PREFIX = 'sipc-unknown-';
export const isReserved = (v: unknown) => typeof v === 'string' && (/^9\d{14}$/.test(v) || v.startsWith(UNKNOWN_NAME_PREFIX));
export const unknownId = (n: number) => String(900_000_000_000_000 + (Math.abs(Math.trunc(n)) % 99_999_999_999_999));
export const isDigits = (v: unknown): v is string => typeof v === 'string' && /^\d{1,15}$/.test(v);
