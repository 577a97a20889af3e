// The undecided points of seed 003 (docs/undecided/basip-camdroid.md), as probes.
import type { UndecidedPoint } from '../../src/index.ts';
import { at, hostPoints, point, requestPoints } from '../basip-common/undecided.ts';
import { SIP_SPECIALS } from '../basip-common/openapi.ts';
import { line } from './openapi.ts';

export function undecided(): UndecidedPoint[] {
  const strings = line('7-8', 'string required Possible values: non-empty and <= 31 characters');
  return [
    ...hostPoints(line('5, 6, 9', 'ipv4|dns')),
    point('user-number', 'a user with letters or specials', ['accepted (line 7: a string)', 'rejected (line 7: "User number", digits only)'], line(7, 'user string required ... User number'), [
      at('/user', 'door1'),
      at('/user', 'a'),
      at('/user', `1001${SIP_SPECIALS}`),
    ]),
    point('string-charset', 'user or password characters beyond letters, digits and the common specials', ['accepted (seed 003 names no charset)', 'rejected (a device charset such as seed 004\'s)'], `${strings}; seed 004 lines 15-22 (same vendor)`, [
      at('/user', "o'neil"),
      at('/password', 'pass:word;[x]'),
      at('/password', 'p"<x>|`'),
    ]),
    point('string-non-ascii', 'non-ASCII characters in user or password', ['accepted (counted as characters)', 'rejected or counted as bytes'], strings, [at('/user', 'é'.repeat(20)), at('/password', '😀'.repeat(16))]),
    point('string-whitespace', 'whitespace in user or password', ['accepted as is', 'trimmed, then checked', 'rejected'], strings, [
      at('/password', 'p@ss word'),
      at('/user', ' 1001 '),
      at('/user', ' '),
    ]),
    point('interval-fraction', 'a fractional registration_interval', ['accepted (line 10: "number")', 'rejected (an interval in seconds is whole)'], line(10, 'registration_interval number Possible values: >= 30 and <= 900'), [
      at('/registration_interval', 30.5),
      at('/registration_interval', 899.9),
    ]),
    point('numeric-string', 'a numeric string for a number field', ['accepted (validators that convert, e.g. Joi)', 'rejected as the wrong type'], `${line('9-11', 'integer / number')}; only strings are shown type-checked (line 27 "must be a string")`, [
      at('/registration_interval', '300'),
      at('/h264', '102'),
      at('/stun/port', '3478'),
    ]),
    point('stun-port-range', 'a stun.port outside 1..65535', ['accepted (line 9 says only "integer")', 'rejected (not a port)'], line(9, 'port integer required'), [
      at('/stun/port', 0),
      at('/stun/port', 70000),
      at('/stun/port', -1),
    ]),
    point('transport-case', 'transport in another case', ['accepted (case-insensitive)', 'rejected (exact)'], line(12, 'transport string Possible values: [ udp,tcp,tls]'), [at('/transport', 'UDP'), at('/transport', 'Tcp')]),
    point('transport-whitespace', 'whitespace around transport', ['accepted (trimmed)', 'rejected'], line(12, 'transport string Possible values: [ udp,tcp,tls]'), [at('/transport', ' udp'), at('/transport', 'tls\n')]),
    point('h264-absent', 'h264 omitted', ['accepted with the documented default 102', 'rejected ("required")'], line(11, 'h264 integer required ... Default value: 102'), [at('/h264', undefined)]),
    point('optional-null', 'an optional field sent as null', ['accepted as absent', 'rejected as the wrong type'], line('10, 12', 'registration_interval number / transport string (not required)'), [
      at('/registration_interval', null),
      at('/transport', null),
    ]),
    ...requestPoints({
      body: `${line(4, 'Request Body required')}; ${line(3, '- application/json')}; HTTP (RFC 9110 §15.5.16 415)`,
      auth: `${line('13-15', '200 / 400 / 401')}: the order of the checks is not documented`,
      password: 'BAS-IP API docs (issue 3): the panels read the password back as "WebPass"; the CamDroid GET example shows the stored password',
    }),
  ];
}
