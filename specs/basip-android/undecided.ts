// The undecided points of seed 004 (docs/undecided/basip-android.md), as probes.
import type { UndecidedPoint } from '../../src/index.ts';
import { at, hostPoints, point, requestPoints } from '../basip-common/undecided.ts';
import { line } from './openapi.ts';

export function undecided(): UndecidedPoint[] {
  const charset = line('15-16, 21-22, 33-34', 'Value must match regular expression ^[0-9a-zA-Z\\s~`!@#$%^&;*()_-+={[}]|"<,>.?/]{..}?$ (garbled)');
  const orgJson = `${line('61-69', 'no value for `param` / value `param` was of the wrong type')}: the messages of Android's org.json, which converts on read`;
  return [
    ...hostPoints(line('7, 9, 52', 'ipv4|dns')),
    point('charset-edge-specials', 'the listed specials the garbled regex loses: ` ; [ ] | " < >', ['accepted (the text lists them)', 'rejected (lost from the regex)'], charset, [
      at('/user', 'a`b;c'),
      at('/password', 'pa[ss]|"<>'),
      at('/user_id', 'id;1'),
    ]),
    point('charset-whitespace', 'whitespace in user, password or user_id', ['accepted (\\s)', 'trimmed', 'rejected'], charset, [
      at('/password', 'p@ss word'),
      at('/user', 'door 1'),
      at('/user', '1001\t'),
    ]),
    point('charset-unicode-space', 'Unicode spaces (NBSP, U+3000)', ['accepted (a Unicode \\s, as JS reads it)', 'rejected (ASCII \\s, as Java reads it)'], charset, [at('/password', 'pass\u00a0word'), at('/user', 'door\u30001')]),
    point('user-id-empty', 'an empty user_id', ['accepted (the regex allows {0,31}, line 34)', 'rejected ("non-empty", line 31)'], line('29-34', 'user_id string Possible values: non-empty ... {0,31}'), [at('/user_id', '')]),
    point('coerce-to-string', 'a number, boolean or array for a string field', ['accepted as its text (org.json getString)', '400 wrong type'], orgJson, [
      at('/user', 1001),
      at('/user_id', true),
      at('/password', ['secret1']),
    ]),
    point('coerce-numeric-string', 'a numeric string for an integer field', ['accepted (org.json getInt)', '400 wrong type'], orgJson, [
      at('/timeout', '120'),
      at('/registration_interval', '300'),
      at('/stun/port', '3478'),
    ]),
    point('coerce-fraction', 'a fraction for an integer field', ['truncated (org.json getInt)', '400 wrong type'], orgJson, [at('/timeout', 120.5), at('/registration_interval', 300.7)]),
    point('coerce-boolean-string', '"true"/"false" strings for a boolean', ['accepted (org.json getBoolean)', '400 wrong type'], orgJson, [at('/enable', 'true'), at('/is_enable_ring_code', 'FALSE')]),
    point('stun-port-range', 'a stun.port outside 1..65535', ['accepted (line 53 says only "integer")', 'rejected (not a port)'], line(53, 'port integer required'), [
      at('/stun/port', 0),
      at('/stun/port', 70000),
    ]),
    point('transport-case', 'transport in another case', ['accepted (case-insensitive)', 'rejected (exact)'], line('23-28', 'transport string Possible values: [udp, tcp, tls]'), [at('/transport', 'UDP')]),
    point('transport-whitespace', 'whitespace around transport', ['accepted (trimmed)', 'rejected'], line('23-28', 'transport string Possible values: [udp, tcp, tls]'), [at('/transport', ' udp')]),
    point('optional-null', 'an optional field sent as null', ['accepted as absent (org.json opt*)', '400'], line('23, 29, 35, 45', 'transport / user_id / is_enable_ring_code / registration_interval (not required)'), [
      at('/transport', null),
      at('/user_id', null),
      at('/registration_interval', null),
    ]),
    ...requestPoints({
      body: `${line('58-60', 'Missed json body or wrong param ... "Wrong JSON body"')}; ${line(3, '- application/json')}; HTTP (RFC 9110 §15.5.16 415)`,
      auth: `${line('54-56', '200 / 400 / 401')}: the order of the checks is not documented`,
      password: 'BAS-IP API docs (issue 3): the panels read the password back as "WebPass"; the CamDroid GET example shows the stored password',
    }),
  ];
}
