// Undecided points both BAS-IP documents share (docs/undecided/basip-*.md): a correct device may go
// either way, so each is probed and what the device chose is reported, never judged.
import type { Case, Json, Probe, UndecidedPoint } from '../../src/index.ts';
import { OPS } from './openapi.ts';

/** A probe that sets `value` at `path` of a minimal valid settings body (`undefined` removes it). */
export const at = (path: string, value: Json | undefined): Probe =>
  value === undefined ? { operation: OPS.set, path, omit: true } : { operation: OPS.set, path, value };

const edit = (note: string, change: (c: Case) => Case): Probe => ({ operation: OPS.set, note, edit: change });

export const point = (id: string, title: string, readings: string[], source: string, probes: Probe[]): UndecidedPoint => ({ id, title, readings, source, probes });

/** Where the seed states the three host fields, e.g. `vendor document: … (seed 003) lines 5, 6, 9: "ipv4|dns"`. */
export function hostPoints(hosts: string): UndecidedPoint[] {
  const silent = `${hosts}; the seed is silent on this form`;
  return [
    point('host-sip-prefix', 'a "sip:" prefix on a host', ['accepted (SIP URI host form, as the CamDroid GET example shows it)', 'rejected ("ipv4|dns" names no prefix)'], `${hosts}; BAS-IP API docs (issue 3): the CamDroid GET example shows proxy "sip:sip.bas-ip.com"`, [
      at('/proxy', 'sip:sip.bas-ip.com'),
      at('/realm', 'sip:192.168.1.10'),
    ]),
    point('host-sip-prefix-case', 'an upper- or mixed-case "SIP:" prefix', ['accepted (URI schemes are case-insensitive, RFC 3261 §19.1.4)', 'rejected'], silent, [at('/proxy', 'SIP:pbx.example.com'), at('/proxy', 'Sip:10.0.0.1')]),
    point('host-sips-prefix', 'a "sips:" prefix', ['accepted (TLS URI form)', 'rejected'], silent, [at('/proxy', 'sips:pbx.example.com')]),
    point('host-port', 'a ":port" after a host', ['accepted (hostport)', 'rejected ("ipv4|dns" has no port)'], silent, [
      at('/proxy', 'pbx.example.com:5060'),
      at('/proxy', 'sip:sip.bas-ip.com:5060'),
      at('/realm', '192.168.1.10:5060'),
    ]),
    point('host-port-edge', 'a port with leading zeros, 0 or above 65535', ['accepted (the port is not validated)', 'rejected'], silent, [
      at('/proxy', '192.168.1.10:05060'),
      at('/proxy', 'pbx.example.com:0'),
      at('/proxy', 'pbx.example.com:65536'),
    ]),
    point('host-ipv4-leading-zero', 'an IPv4 octet with leading zeros', ['accepted (inet_aton or decimal reading)', 'rejected (RFC 3986 dec-octet)'], silent, [at('/proxy', '010.0.0.1'), at('/proxy', '192.168.001.010')]),
    point('host-ipv4-special', 'an IPv4 address that is not a usable unicast host', ['accepted (syntax only)', 'rejected'], silent, [
      at('/proxy', '0.0.0.0'),
      at('/proxy', '127.0.0.1'),
      at('/proxy', '224.0.0.1'),
      at('/proxy', '192.168.1.255'),
    ]),
    point('host-numeric-name', 'all-digit dotted names that are not an IPv4 address', ['accepted (all-digit labels as a host name, inet_aton shorthand)', 'rejected (RFC 1123 §2.1)'], silent, [
      at('/proxy', '1.2.3'),
      at('/proxy', '256.1.1.1'),
      at('/proxy', '1.2.3.4.5'),
    ]),
    point('host-trailing-dot', 'a trailing dot (absolute name)', ['accepted (FQDN)', 'rejected'], silent, [at('/proxy', 'pbx.example.com.')]),
    point('host-single-label', 'a single-label name', ['accepted (RFC 1123 host name)', 'rejected'], silent, [at('/proxy', 'localhost'), at('/proxy', 'pbx')]),
    point('host-upper-case', 'upper-case letters in a name', ['accepted (DNS is case-insensitive)', 'rejected'], silent, [at('/proxy', 'PBX.Example.COM')]),
    point('host-digit-label', 'a label that starts with a digit, or a top-level label with digits', ['accepted (RFC 1123)', 'rejected (RFC 952)'], silent, [
      at('/proxy', '1pbx.example.com'),
      at('/proxy', 'pbx.example.930h'),
    ]),
    point('host-underscore', 'an underscore in a name', ['accepted (DNS allows it, SRV names use it)', 'rejected (LDH host names)'], silent, [at('/proxy', 'pbx_1.example.com'), at('/proxy', '_sip._udp.example.com')]),
    point('host-idn', 'an internationalised name', ['accepted (U-label or A-label)', 'rejected (ASCII LDH only)'], silent, [at('/proxy', 'pbx.exämple.com'), at('/proxy', 'xn--exmple-cua.com')]),
    point('host-long', 'long labels and names, many labels', ['accepted (length not checked)', 'rejected (RFC 1035 limits)'], silent, [
      at('/proxy', `${'a'.repeat(64)}.example.com`),
      at('/proxy', 'a.b.c.d.e.example.com'),
    ]),
    point('host-ipv6', 'an IPv6 address', ['accepted', 'rejected ("ipv4|dns" only)'], silent, [at('/proxy', '[2001:db8::1]'), at('/proxy', '2001:db8::1')]),
    point('host-whitespace-edge', 'whitespace around a host', ['accepted (trimmed)', 'rejected'], silent, [at('/proxy', ' 192.168.1.10 ')]),
    point('stun-ip-prefix-port', 'a "sip:" prefix or ":port" on stun.ip', ['accepted (the same host parser)', 'rejected (the port has its own field)'], silent, [
      at('/stun/ip', 'sip:stun.example.com'),
      at('/stun/ip', '203.0.113.5:3478'),
    ]),
  ];
}

/** Points of the request as a whole; `bodyless` and `invalid`: what a 400 would be for. */
export function requestPoints(o: { body: string; auth: string; password: string }): UndecidedPoint[] {
  return [
    point('body-missing', 'a POST with no body and no Content-Type', ['400 (the body is missing)', '415 (no media type)'], o.body, [
      edit('POST without body or Content-Type', (c) => ({ ...c, input: undefined, rawBody: undefined })),
    ]),
    point('bad-content-type', 'a JSON body sent as text/plain', ['accepted (parsed anyway)', '400', '415'], o.body, [edit('JSON body as text/plain', (c) => ({ ...c, contentType: 'text/plain' }))]),
    point('auth-and-invalid', 'an invalid body and no credentials at once', ['401 (credentials checked first)', '400 (body checked first)'], o.auth, [
      edit('POST {} without credentials', (c) => ({ ...c, input: {}, auth: { kind: 'none' } })),
    ]),
    point('password-on-get', 'what GET shows for the SIP password', ['the placeholder "WebPass" (panels\' docs)', 'the stored password (the CamDroid GET example)', 'absent'], o.password, [
      {
        operation: OPS.get,
        note: 'GET settings: the password shown',
        observe: (body) => (typeof body === 'object' && body !== null && 'password' in body ? `password: ${JSON.stringify((body as { password: unknown }).password)}` : 'no password field'),
      },
    ]),
  ];
}
