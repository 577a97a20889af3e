// Typed readers of the header fields a registration uses (RFC 3261 25.1): Via, From/To, Contact,
// CSeq, Call-ID, Expires, and the digest challenge and credentials (RFC 3261 25.1, RFC 7616/8760).
import { Cursor, SipSyntaxError, splitList } from './grammar.ts';
import { header, headers, type SipMessage } from './message.ts';
import { parseUri, type SipUri } from './uri.ts';

export interface Via {
  transport: string;
  host: string;
  port?: number;
  params: Map<string, string>;
}

/** via-parm = sent-protocol LWS sent-by *( SEMI via-params ) */
export function parseVia(value: string): Via {
  const c = new Cursor(value, 'Via');
  if (c.token().toUpperCase() !== 'SIP') c.fail('protocol-name SIP');
  c.expectSep('/');
  c.token();
  c.expectSep('/');
  const transport = c.token().toUpperCase();
  c.lws();
  const host = c.host();
  const port = c.sep(':') ? c.port() : undefined;
  const params = c.params();
  c.end();
  return { transport, host, port, params };
}

export interface NameAddr {
  display?: string;
  uri: SipUri;
  params: Map<string, string>;
}

/** ( name-addr / addr-spec ) *( SEMI param ): From, To and each Contact. */
export function parseNameAddr(value: string, what: string): NameAddr {
  const c = new Cursor(value, what);
  c.sws();
  let display: string | undefined;
  let uriText: string;
  if (c.peek('"') || /^[^<]*</.test(value.slice(c.pos)) ) {
    if (c.peek('"')) display = c.quoted();
    else {
      const words: string[] = [];
      while (!c.peek('<')) {
        words.push(c.token());
        c.sws();
      }
      if (words.length) display = words.join(' ');
    }
    c.sws();
    if (!c.peek('<')) c.fail('"<"');
    const close = value.indexOf('>', c.pos);
    if (close < 0) c.fail('">"');
    uriText = value.slice(c.pos + 1, close);
    c.pos = close + 1;
  } else {
    // An addr-spec outside angle brackets ends at the first ';' (the rest are header parameters).
    uriText = c.match(/^[^;\s]+/, 'addr-spec');
    // RFC 3261 20: a URI with a comma, question mark or semicolon must be enclosed in angle brackets.
    if (/[?,]/.test(uriText)) c.fail('name-addr (a URI with "?" or "," in angle brackets)');
  }
  const uri = parseUri(uriText, what);
  const params = c.params();
  c.end();
  return { display, uri, params };
}

export const fromOf = (m: SipMessage) => parseNameAddr(need(m, 'From'), 'From');
export const toOf = (m: SipMessage) => parseNameAddr(need(m, 'To'), 'To');
export const viasOf = (m: SipMessage) => headers(m, 'Via').flatMap((v) => splitList(v, 'Via')).map(parseVia);

/** Contact: `*`, or a list of contact-params; undefined when absent. */
export function contactsOf(m: SipMessage): NameAddr[] | '*' | undefined {
  const rows = headers(m, 'Contact');
  if (rows.length === 0) return undefined;
  if (rows.length === 1 && rows[0]!.trim() === '*') return '*';
  return rows.flatMap((v) => splitList(v, 'Contact')).map((v) => parseNameAddr(v, 'Contact'));
}

export function need(m: SipMessage, name: string): string {
  const v = header(m, name);
  if (v === undefined) throw new SipSyntaxError(`missing ${name}`);
  return v;
}

/** CSeq = 1*DIGIT LWS Method */
export function cseqOf(m: SipMessage): { seq: number; method: string } {
  const c = new Cursor(need(m, 'CSeq'), 'CSeq');
  const seq = Number(c.match(/^\d{1,10}/, 'sequence number'));
  if (seq >= 2 ** 31) c.fail('sequence number below 2**31');
  c.lws();
  const method = c.token();
  c.end();
  return { seq, method };
}

/** Call-ID = word [ "@" word ] */
export function callIdOf(m: SipMessage): string {
  const v = need(m, 'Call-ID');
  if (!/^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/.test(v)) throw new SipSyntaxError(`Call-ID: ${JSON.stringify(v)}`);
  return v;
}

/** delta-seconds = 1*DIGIT, or undefined when the header is absent. */
export function expiresOf(m: SipMessage): number | undefined {
  const v = header(m, 'Expires');
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new SipSyntaxError(`Expires: ${JSON.stringify(v)}`);
  // RFC 3261 20.19 and 10.2.1.1: larger values are read as 2**32-1.
  return Math.min(Number(v), 2 ** 32 - 1);
}

/** A Digest challenge or credentials: the scheme and its parameters (names lower-cased, values unquoted). */
export interface AuthParams {
  scheme: string;
  params: Map<string, string>;
}

/** challenge / credentials = auth-scheme LWS auth-param *(COMMA auth-param) */
export function parseAuth(value: string, what: string): AuthParams {
  const c = new Cursor(value, what);
  c.sws();
  const scheme = c.token();
  c.lws();
  const params = new Map<string, string>();
  do {
    const name = c.token().toLowerCase();
    c.expectSep('=');
    const v = c.peek('"') ? c.quoted() : c.token();
    if (params.has(name)) c.fail(`"${name}" once`);
    params.set(name, v);
  } while (c.sep(','));
  c.end();
  return { scheme, params };
}
