// The SIP reader against RFC 3261 25's grammar: valid messages in the tortuous forms RFC 4475 3.1.1
// uses (compact names, folding, escapes, odd but legal white space), and invalid ones after RFC 4475 3.1.2.
import { describe, expect, test } from 'vitest';
import { SipSyntaxError } from '../../src/sip/grammar.ts';
import { callIdOf, contactsOf, cseqOf, expiresOf, fromOf, parseAuth, toOf, viasOf } from '../../src/sip/headers.ts';
import { parseMessage, serialize } from '../../src/sip/message.ts';
import { parseUri } from '../../src/sip/uri.ts';

const crlf = (lines: string[], body = '') => `${lines.join('\r\n')}\r\n\r\n${body}`;

/** Everything a registrar reads of a REGISTER. */
function readAll(text: string) {
  const m = parseMessage(text);
  return { m, to: toOf(m), from: fromOf(m), vias: viasOf(m), cseq: cseqOf(m), callId: callIdOf(m), contacts: contactsOf(m), expires: expiresOf(m) };
}

const REGISTER = [
  'REGISTER sip:registrar.example.com SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776',
  'Max-Forwards: 70',
  'To: <sip:1001@registrar.example.com>',
  'From: <sip:1001@registrar.example.com>;tag=456248',
  'Call-ID: 843817637684230@998sdasdh09',
  'CSeq: 1826 REGISTER',
  'Contact: <sip:1001@192.0.2.1>',
  'Expires: 7200',
  'Content-Length: 0',
];

describe('valid messages', () => {
  test('a plain REGISTER (RFC 3261 10.2) is read field by field', () => {
    const r = readAll(crlf(REGISTER));
    expect(r.m).toMatchObject({ kind: 'request', method: 'REGISTER', uri: 'sip:registrar.example.com' });
    expect(r.to.uri.user).toBe('1001');
    expect(r.from.params.get('tag')).toBe('456248');
    expect(r.vias[0]).toMatchObject({ transport: 'UDP', host: '192.0.2.1', port: 5060 });
    expect(r.cseq).toEqual({ seq: 1826, method: 'REGISTER' });
    expect(r.expires).toBe(7200);
  });

  test('compact names, folded lines, odd white space and escapes (in the manner of RFC 4475 3.1.1.1 wsinv, 3.1.1.2 intmeth, 3.1.1.3 esc01)', () => {
    const r = readAll(crlf([
      'REGISTER sip:registrar.example.com SIP/2.0',
      'v:  SIP / 2.0 / UDP 192.0.2.1 ; branch = z9hG4bKkdjuw',
      'max-forwards:\t70',
      't:\r\n  "Joe \\"the\\" User"\r\n   <sip:%61lice@registrar.example.com>',
      'f   :<sip:alice@registrar.example.com>;tag=1928301774',
      'i:a84b4c76e66710',
      'CSEQ  :   314159    REGISTER',
      'm: <sip:alice@192.0.2.1;transport=tcp>;expires=60, <sip:alice@192.0.2.2>',
      'l: 0',
    ]));
    expect(r.to.display).toBe('Joe "the" User');
    expect(r.to.uri.user).toBe('alice');
    expect(r.vias[0]!.params.get('branch')).toBe('z9hG4bKkdjuw');
    expect(r.cseq.seq).toBe(314159);
    expect(r.contacts).toHaveLength(2);
    expect((r.contacts as Exclude<typeof r.contacts, '*' | undefined>)[0]!.params.get('expires')).toBe('60');
  });

  test('an overlarge Expires reads as 2**32-1 (RFC 3261 20.19; RFC 4475 3.1.2.4 scalar02 names it)', () => {
    expect(readAll(crlf(REGISTER.map((l) => (l.startsWith('Expires') ? 'Expires: 10000000000000000000' : l)))).expires).toBe(2 ** 32 - 1);
  });

  test('Contact: * with Expires: 0 (RFC 3261 10.2.2)', () => {
    expect(readAll(crlf(REGISTER.map((l) => (l.startsWith('Contact') ? 'Contact: *' : l)))).contacts).toBe('*');
  });

  test('digest credentials with quoted strings, commas and escapes inside them', () => {
    const a = parseAuth('Digest username="a\\"b", realm="x, y", nonce="n", uri="sip:r", response="0123abcd", qop=auth, nc=00000001, cnonce="c"', 'Authorization');
    expect(a.scheme).toBe('Digest');
    expect(a.params.get('username')).toBe('a"b');
    expect(a.params.get('realm')).toBe('x, y');
    expect(a.params.get('nc')).toBe('00000001');
  });

  test('a response and serialize/parse round trip', () => {
    const m = parseMessage(crlf(['SIP/2.0 401 Unauthorized', 'Via: SIP/2.0/TCP h;branch=z9hG4bK1', 'To: <sip:a@h>;tag=1', 'From: <sip:a@h>;tag=2', 'Call-ID: x', 'CSeq: 1 REGISTER', 'Content-Length: 0']));
    expect(m).toMatchObject({ kind: 'response', status: 401, reason: 'Unauthorized' });
    expect(parseMessage(serialize(m))).toEqual(m);
  });

  test('URIs: user with escapes and user-unreserved characters, port, parameters', () => {
    expect(parseUri('sip:+1%20212;x=1@[2001:db8::10]:5070;transport=tcp;lr')).toMatchObject({ user: '+1 212;x=1', host: '[2001:db8::10]', port: 5070 });
    expect(parseUri('SIPS:example.com').scheme).toBe('sips');
  });
});

const invalid: [string, string][] = [
  ['3.1.2.2 clerr: Content-Length larger than the message', crlf(REGISTER.map((l) => (l.startsWith('Content-Length') ? 'Content-Length: 9999' : l)), 'short')],
  ['3.1.2.3 ncl: negative Content-Length', crlf(REGISTER.map((l) => (l.startsWith('Content-Length') ? 'Content-Length: -999' : l)))],
  ['3.1.2.4 scalar02: overlarge CSeq', crlf(REGISTER.map((l) => (l.startsWith('CSeq') ? 'CSeq: 36893488147419103232 REGISTER' : l)))],
  ['3.1.2.6 quotbal: unterminated quoted display name', crlf(REGISTER.map((l) => (l.startsWith('To') ? 'To: "Mr. J. User <sip:1001@registrar.example.com>' : l)))],
  ['3.1.2.7 ltgtruri: <> around the Request-URI', crlf(['REGISTER <sip:registrar.example.com> SIP/2.0', ...REGISTER.slice(1)])],
  ['3.1.2.8 lwsruri: white space inside the Request-URI', crlf(['REGISTER sip:registrar.example.com; lr SIP/2.0', ...REGISTER.slice(1)])],
  ['3.1.2.9 lwsstart: two spaces in the Request-Line', crlf(['REGISTER  sip:registrar.example.com SIP/2.0', ...REGISTER.slice(1)])],
  ['3.1.2.10 trws: trailing space on the Request-Line', crlf(['REGISTER sip:registrar.example.com SIP/2.0 ', ...REGISTER.slice(1)])],
  ['3.1.2.13 regbadct: a Contact URI with "?" outside <>', crlf(REGISTER.map((l) => (l.startsWith('Contact') ? 'Contact: sip:user@example.com?Route=%3Csip:sip.example.com%3E' : l)))],
  ['3.1.2.14 badaspec: white space inside an addr-spec', crlf(REGISTER.map((l) => (l.startsWith('To') ? 'To: sip:1001 @registrar.example.com' : l)))],
  ['3.1.2.15 baddn: non-token characters in an unquoted display name', crlf(REGISTER.map((l) => (l.startsWith('From') ? 'From: Bell, Alexander <sip:1001@registrar.example.com>;tag=43' : l)))],
  ['3.1.2.16 badvers: SIP/7.0', crlf(['REGISTER sip:registrar.example.com SIP/7.0', ...REGISTER.slice(1)])],
  ['3.1.2.17 mismatch01: CSeq method differs from the Request-Line', crlf(REGISTER.map((l) => (l.startsWith('CSeq') ? 'CSeq: 1 INVITE' : l)))],
  ['3.1.2.19 bigcode: overlarge status code', crlf(['SIP/2.0 4294967301 Better Not Break The Receiver', ...REGISTER.slice(1)])],
  ['a header name that is not a token', crlf([...REGISTER.slice(0, -1), 'Bad Name: x', 'Content-Length: 0'])],
  ['bare LF line ends', REGISTER.join('\n') + '\n\n'],
];

describe('invalid messages are refused by the reader (after RFC 4475 3.1.2)', () => {
  test.each(invalid)('%s', (_name, text) => {
    const read = () => {
      const r = readAll(text);
      if (r.m.kind === 'request' && r.cseq.method !== r.m.method) throw new SipSyntaxError('CSeq method differs');
    };
    expect(read).toThrow(SipSyntaxError);
  });
});
