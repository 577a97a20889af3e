// SIP messages (RFC 3261 7 and 25.1): start line, header rows (folded lines undone, compact names
// expanded), body framed by Content-Length; and the text form to send.
import { isToken, SipSyntaxError } from './grammar.ts';
import { parseUri } from './uri.ts';

export interface SipHeader {
  /** The canonical name (compact forms expanded). */
  name: string;
  value: string;
}

interface Common {
  headers: SipHeader[];
  body: string;
}
export interface SipRequest extends Common {
  kind: 'request';
  method: string;
  uri: string;
}
export interface SipResponse extends Common {
  kind: 'response';
  status: number;
  reason: string;
}
export type SipMessage = SipRequest | SipResponse;

const COMPACT: Record<string, string> = {
  i: 'Call-ID', m: 'Contact', e: 'Content-Encoding', l: 'Content-Length', c: 'Content-Type', f: 'From', s: 'Subject', k: 'Supported', t: 'To', v: 'Via',
};
const CANONICAL = new Map(
  ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Contact', 'Expires', 'Max-Forwards', 'Content-Length', 'Content-Type', 'WWW-Authenticate', 'Authorization', 'Proxy-Authenticate',
    'Proxy-Authorization', 'User-Agent', 'Server', 'Allow', 'Supported', 'Require', 'Min-Expires', 'Date', 'Route', 'Record-Route', 'Subject', 'Content-Encoding'].map((n) => [n.toLowerCase(), n]),
);

export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? CANONICAL.get(lower) ?? name;
}

const VERSION = /^SIP\/\d+\.\d+$/i;
/** The largest message the suite reads (UDP datagrams are smaller still). */
export const MAX_MESSAGE_BYTES = 65_535;

/** Where the header section ends (after CRLF CRLF), or -1. */
export function headerEnd(text: string): number {
  const i = text.indexOf('\r\n\r\n');
  return i < 0 ? -1 : i + 4;
}

/** Start line and header rows of a message (everything before the empty line). */
function parseHead(head: string): { start: string; headers: SipHeader[] } {
  if (/[^\r]\n|\r(?!\n)/.test(head)) throw new SipSyntaxError('lines must end in CRLF');
  const lines = head.split('\r\n');
  const start = lines.shift()!;
  const headers: SipHeader[] = [];
  for (const line of lines) {
    if (line === '') throw new SipSyntaxError('empty line inside the header section');
    if (line[0] === ' ' || line[0] === '\t') {
      const last = headers.at(-1);
      if (!last) throw new SipSyntaxError('a continuation line before the first header');
      last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) throw new SipSyntaxError(`header without a colon: ${JSON.stringify(line.slice(0, 40))}`);
    const name = line.slice(0, colon).replace(/[ \t]+$/, '');
    if (!isToken(name)) throw new SipSyntaxError(`header name is not a token: ${JSON.stringify(name)}`);
    headers.push({ name: canonicalName(name), value: line.slice(colon + 1).trim() });
  }
  return { start, headers };
}

function startLine(start: string): Omit<SipRequest, 'headers' | 'body'> | Omit<SipResponse, 'headers' | 'body'> {
  if (start.startsWith('SIP/') || /^sip\//i.test(start)) {
    const m = /^(\S+) (\d{3}) ([^\r\n]*)$/.exec(start);
    if (!m || !VERSION.test(m[1]!)) throw new SipSyntaxError(`Status-Line: ${JSON.stringify(start.slice(0, 60))}`);
    const status = Number(m[2]);
    if (status < 100 || status > 699) throw new SipSyntaxError(`Status-Code ${status} out of range`);
    return { kind: 'response', status, reason: m[3]! };
  }
  const parts = start.split(' ');
  if (parts.length !== 3 || !isToken(parts[0]!) || !VERSION.test(parts[2]!)) throw new SipSyntaxError(`Request-Line: ${JSON.stringify(start.slice(0, 60))}`);
  if (!/^SIP\/2\.0$/i.test(parts[2]!)) throw new SipSyntaxError(`unsupported version ${parts[2]}`);
  if (/^sips?:/i.test(parts[1]!)) parseUri(parts[1]!);
  else if (!/^[A-Za-z][A-Za-z0-9+\-.]*:\S+$/.test(parts[1]!)) throw new SipSyntaxError(`Request-URI: ${JSON.stringify(parts[1])}`);
  return { kind: 'request', method: parts[0]!, uri: parts[1]! };
}

/** Content-Length of a header list, or undefined when absent; more than one value, or not digits, is an error. */
export function contentLength(headers: SipHeader[]): number | undefined {
  const values = headers.filter((h) => h.name === 'Content-Length').map((h) => h.value);
  if (values.length === 0) return undefined;
  if (values.length > 1 && new Set(values).size > 1) throw new SipSyntaxError('conflicting Content-Length headers');
  if (!/^\d{1,9}$/.test(values[0]!)) throw new SipSyntaxError(`Content-Length: ${JSON.stringify(values[0])}`);
  return Number(values[0]);
}

/**
 * One whole message. On a stream Content-Length is mandatory (RFC 3261 18.3, the caller frames);
 * in a datagram a missing one means the rest of it, a larger one is an error (RFC 3261 18.3).
 */
export function parseMessage(text: string): SipMessage {
  const end = headerEnd(text);
  if (end < 0) throw new SipSyntaxError('no empty line after the headers');
  const { start, headers } = parseHead(text.slice(0, end - 4));
  const length = contentLength(headers);
  const rest = text.slice(end);
  const bytes = Buffer.byteLength(rest);
  if (length !== undefined && length > bytes) throw new SipSyntaxError(`Content-Length ${length} exceeds the ${bytes} bytes of body`);
  const body = length === undefined ? rest : Buffer.from(rest).subarray(0, length).toString('utf8');
  return { ...startLine(start), headers, body } as SipMessage;
}

export const header = (m: Pick<SipMessage, 'headers'>, name: string): string | undefined => m.headers.find((h) => h.name === name)?.value;
export const headers = (m: Pick<SipMessage, 'headers'>, name: string): string[] => m.headers.filter((h) => h.name === name).map((h) => h.value);

/** The text form: CRLF line ends, Content-Length always set. */
export function serialize(m: SipMessage): string {
  const start = m.kind === 'request' ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`;
  const rows = m.headers.filter((h) => h.name !== 'Content-Length').map((h) => `${h.name}: ${h.value}`);
  return `${[start, ...rows, `Content-Length: ${Buffer.byteLength(m.body)}`].join('\r\n')}\r\n\r\n${m.body}`;
}
