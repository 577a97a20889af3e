// SIP-URI and SIPS-URI (RFC 3261 19.1 and 25.1): scheme, userinfo, hostport, uri-parameters, headers.
import { Cursor, SipSyntaxError } from './grammar.ts';

export interface SipUri {
  scheme: 'sip' | 'sips';
  /** The user part, %-escapes decoded. */
  user?: string;
  host: string;
  port?: number;
  params: Map<string, string>;
}

/** user = 1*( unreserved / escaped / user-unreserved ) */
const USER = /^([A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+/;
/** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ) */
const PASSWORD = /^([A-Za-z0-9\-_.!~*'()&=+$,]|%[0-9A-Fa-f]{2})*/;
/** paramchar = param-unreserved / unreserved / escaped */
const PARAMCHARS = /^([A-Za-z0-9\-_.!~*'()[\]/:&+$]|%[0-9A-Fa-f]{2})+/;
const HEADERS = /^\?([A-Za-z0-9\-_.!~*'()[\]/?:+$=&]|%[0-9A-Fa-f]{2})*/;

export function parseUri(text: string, what = 'Request-URI'): SipUri {
  const c = new Cursor(text, what);
  const scheme = c.match(/^sips?(?=:)/i, 'sip: or sips:').toLowerCase() as 'sip' | 'sips';
  c.pos++;
  let user: string | undefined;
  const at = text.indexOf('@', c.pos);
  if (at >= 0) {
    user = decodeURIComponent(c.match(USER, 'user'));
    if (c.peek(':')) {
      c.pos++;
      c.match(PASSWORD, 'password');
    }
    if (!c.peek('@')) c.fail('"@"');
    c.pos++;
  }
  const host = c.host();
  let port: number | undefined;
  if (c.peek(':')) {
    c.pos++;
    port = c.port();
  }
  const params = new Map<string, string>();
  while (c.peek(';')) {
    c.pos++;
    const name = c.match(PARAMCHARS, 'uri-parameter').toLowerCase();
    params.set(name, c.peek('=') ? (c.pos++, c.match(PARAMCHARS, 'parameter value')) : '');
  }
  if (c.peek('?')) c.match(HEADERS, 'uri headers');
  if (!c.done) c.fail('end of URI');
  if (user === '') throw new SipSyntaxError(`${what}: empty user`);
  return { scheme, user, host: host.toLowerCase(), port, params };
}

export function formatUri(u: { scheme?: string; user?: string; host: string; port?: number; params?: Record<string, string> }): string {
  const user = u.user === undefined ? '' : `${u.user.replace(/[^A-Za-z0-9\-_.!~*'()&=+$,;?/]/gu, (ch) => encodeURIComponent(ch))}@`;
  const params = Object.entries(u.params ?? {}).map(([k, v]) => `;${k}${v ? `=${v}` : ''}`).join('');
  return `${u.scheme ?? 'sip'}:${user}${u.host}${u.port === undefined ? '' : `:${u.port}`}${params}`;
}
