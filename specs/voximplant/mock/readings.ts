// How each variant of the Voximplant mock reads the points the documents leave open. Written from the
// documents and the table in docs/undecided/voximplant.md, not from specs/: a second, independent
// reading. `strictest` refuses every undecided value, `lenient` takes every one.
import { isIPv6 } from 'node:net';
import type { Variant } from '../../../mocks/kit.ts';

export interface Reading {
  /** An empty parameter counts as absent (else it is a value, and malformed). */
  emptyIsAbsent: boolean;
  int(raw: string): number | undefined;
  bool(raw: string): boolean | undefined;
  /** Items of an intlist/stringlist; undefined when malformed. */
  items(raw: string): string[] | undefined;
  /** A status_code list as inclusive ranges; undefined when malformed. */
  status(raw: string): Array<[number, number]> | undefined;
  username(s: string): boolean;
  proxy(s: string): boolean;
  /** auth_user, outbound_proxy, password: the error list has no code of their own (496 when refused). */
  authUser(s: string): boolean;
  outboundProxy(s: string): boolean;
  password(s: string): boolean;
  /** The reply's `count`: the page size, or the matches before paging. */
  countIsPageSize: boolean;
  /** deactivated=false / successful=false filter (else: no filter). */
  falseFilters: boolean;
  /** Items returned without `count`. */
  defaultCount: number;
  /** The `count` values taken (others refused, 496): the documents name no maximum and no meaning of 0. */
  countRange: [number, number];
  /** Seed 002: "set is_persistent=true if you specify the user": is_persistent=false with a user is refused. */
  persistentWithUser: boolean;
  /** bind=true with a registration and no application: refused (485) or a no-op. */
  bindNeedsTarget: boolean;
  /** JWT faults answer the list's own codes (454, 455, 456, 433, 447) instead of 100. */
  tokenCodes: boolean;
  /** Both members of an id/name pair on GetSipRegistrations: refused (458), else both filters applied. */
  readPairsRefused: boolean;
}

const SIP_USER = /^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]{1,128}$/;
const HOSTPORT = /^(?:sip:)?(\[[^\]]*\]|[^:;[\]]+)(?::(\d{1,5}))?(?:;transport=(?:udp|tcp|tls))?$/i;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const STATUS_ITEM = /^([1-6]\d\d)(?::([1-6]\d\d))?$/;

/** `[sip:]host[:port][;transport=udp|tcp|tls]` (RFC 3261 hostport): the everyday reading. */
function hostport(proxy: string): boolean {
  const m = HOSTPORT.exec(proxy);
  if (!m) return false;
  const [, host, port] = m;
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return false;
  if (host!.startsWith('[')) return isIPv6(host!.slice(1, -1));
  const labels = host!.split('.');
  if (host!.length > 253 || !labels.every((l) => HOST_LABEL.test(l))) return false;
  // An all-numeric name must be a dotted IPv4 address.
  if (labels.every((l) => /^\d+$/.test(l))) return labels.length === 4 && labels.every((l) => Number(l) <= 255);
  return true;
}

/** The plainest host: a lower-case DNS name with an alphabetic top-level label, or a unicast dotted IPv4 address. */
function plainHost(s: string): boolean {
  const labels = s.split('.');
  if (labels.length === 4 && labels.every((l) => /^(0|[1-9]\d{0,2})$/.test(l) && Number(l) <= 255)) return Number(labels[0]) >= 1 && Number(labels[0]) <= 223;
  return labels.length >= 2 && /^[a-z]{2,6}$/.test(labels.at(-1)!) && labels.every((l) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(l));
}

/** No whitespace or controls inside (RFC 3261 users and hosts carry none); surrounding spaces trimmed. */
const solid = (s: string) => /^[^\s\u0000-\u001f\u007f]+$/.test(s.trim());

function strictStatus(raw: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const item of raw.split(';')) {
    const m = STATUS_ITEM.exec(item);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from > to) return undefined;
    out.push([from, to]);
  }
  return out;
}

/** Any digits, `Nxx` wildcards, `:` or `-` ranges in either order, `;` or `,` between items, spaces. */
function lenientStatus(raw: string): Array<[number, number]> | undefined {
  const out: Array<[number, number]> = [];
  for (const item of raw.split(/[;,]/).map((s) => s.trim()).filter(Boolean)) {
    const ends = item.split(/[:-]/).map((s) => s.trim());
    if (ends.length > 2 || ends.some((e) => !/^\d*[xX]*$/.test(e))) return undefined;
    const low = (e: string) => Number(e.replace(/[xX]/g, '0') || 0);
    const high = (e: string) => Number(e.replace(/[xX]/g, '9') || 999);
    const a = low(ends[0]!);
    const b = high(ends[1] ?? ends[0]!);
    out.push([Math.min(a, b), Math.max(a, b)]);
  }
  return out;
}

/** An own key only: "valueOf" or "__proto__" is no boolean. */
const boolOf = (table: Record<string, boolean>, key: string): boolean | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

const everyday = (caseInsensitiveBools: boolean): Reading => ({
  emptyIsAbsent: true,
  int: (raw) => (/^\d{1,15}$/.test(raw) ? Number(raw) : undefined),
  bool: (raw) => boolOf({ true: true, false: false }, caseInsensitiveBools ? raw.toLowerCase() : raw),
  items: (raw) => (raw.split(';').every((s) => s !== '') ? raw.split(';') : undefined),
  status: strictStatus,
  username: (s) => SIP_USER.test(s),
  proxy: hostport,
  authUser: (s) => SIP_USER.test(s),
  outboundProxy: hostport,
  password: (s) => s.length <= 128,
  countIsPageSize: false,
  falseFilters: !caseInsensitiveBools,
  defaultCount: caseInsensitiveBools ? Infinity : 20,
  countRange: [0, Infinity],
  persistentWithUser: false,
  bindNeedsTarget: true,
  tokenCodes: false,
  readPairsRefused: true,
});

const PLAIN_USER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

const strictest: Reading = {
  emptyIsAbsent: false,
  int: (raw) => (/^(0|[1-9]\d{0,14})$/.test(raw) ? Number(raw) : undefined),
  bool: (raw) => boolOf({ true: true, false: false }, raw),
  items: (raw) => (raw.split(';').every((s) => /^[^\s;]+$/.test(s)) ? raw.split(';') : undefined),
  status: strictStatus,
  username: (s) => PLAIN_USER.test(s),
  proxy: plainHost,
  authUser: (s) => PLAIN_USER.test(s),
  outboundProxy: plainHost,
  password: (s) => /^[A-Za-z0-9]{1,32}$/.test(s),
  countIsPageSize: true,
  falseFilters: true,
  defaultCount: 20,
  countRange: [1, 20],
  persistentWithUser: true,
  bindNeedsTarget: true,
  tokenCodes: true,
  readPairsRefused: true,
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const lenient: Reading = {
  emptyIsAbsent: true,
  int: (raw) => (NUMBER.test(raw.trim()) ? Math.trunc(Number(raw.trim())) : undefined),
  bool: (raw) => boolOf({ true: true, false: false, 1: true, 0: false, yes: true, no: false }, raw.trim().toLowerCase()),
  items: (raw) => raw.split(/[;,]/).map((s) => s.trim()).filter(Boolean),
  status: lenientStatus,
  username: solid,
  proxy: solid,
  authUser: () => true,
  outboundProxy: () => true,
  password: () => true,
  countIsPageSize: false,
  falseFilters: false,
  defaultCount: Infinity,
  countRange: [0, Infinity],
  persistentWithUser: false,
  bindNeedsTarget: false,
  tokenCodes: false,
  readPairsRefused: false,
};

export const READINGS: Record<Variant, Reading> = { strict: everyday(false), loose: everyday(true), strictest, lenient };
