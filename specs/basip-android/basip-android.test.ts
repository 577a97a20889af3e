// The BAS-IP Android spec against its reference mock, plus the charset zones against the mock's checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN_CHARSET, WIDE_CHARSET } from '../basip-common/mock/index.ts';
import { basipAndroidMock } from './mock/index.ts';
import { SIP_CHARSET_LENIENT_PATTERN, SIP_CHARSET_PATTERN, SIP_SPECIALS } from '../basip-common/openapi.ts';
import { load, readAndroidError } from './index.ts';
import { describeBasipSpec } from '../basip-common/spec.test-helpers.ts';

describeBasipSpec({
  load,
  mock: basipAndroidMock,
  settingsPath: '/api/v0/sip/settings',
  loginPath: '/api/v0/login',
});

describe('basip SIP charset zones', () => {
  const plain = new RegExp(SIP_CHARSET_PATTERN, 'u');
  const wide = new RegExp(SIP_CHARSET_LENIENT_PATTERN, 'u');

  it('accepts letters, digits and the common specials; leaves the lost specials and whitespace undecided; rejects the rest', () => {
    for (const v of [SIP_SPECIALS, 'Ab9', '']) expect(plain.test(v), JSON.stringify(v)).toBe(true);
    for (const v of ['a b', 'a\tb', 'a;b', 'a`b', 'a[b]', 'a|b', 'a"b', '<a>', 'a\u00a0b']) expect([plain.test(v), wide.test(v)], JSON.stringify(v)).toEqual([false, true]);
    for (const v of ["o'neil", 'a:b', 'a\\b', 'é', '\u0661', '😀']) expect(wide.test(v), JSON.stringify(v)).toBe(false);
  });

  it('agrees with the reference mock on any string, in both zones', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (v) => plain.test(v) === PLAIN_CHARSET.test(v) && wide.test(v) === WIDE_CHARSET.test(v)), { numRuns: 20_000 });
  });
});

describe('basip-android error reader', () => {
  it('maps the documented strings to codes and names the field', () => {
    expect(readAndroidError({ error: 'Wrong JSON body' })).toEqual({ codes: ['body'], params: [] });
    expect(readAndroidError({ error: 'Wrong JSON body: no value for `stun.ip`' })).toEqual({ codes: ['missing'], params: ['stun.ip'] });
    expect(readAndroidError({ error: 'Wrong JSON body: value `enable` was of the wrong type' })).toEqual({ codes: ['wrong-type'], params: ['enable'] });
    expect(readAndroidError({ error: 'Wrong JSON body: value `timeout` is invalid' })).toEqual({ codes: ['body'], params: ['timeout'] });
    expect(readAndroidError({ error: 'Log In' })).toEqual({ codes: ['log-in'], params: [] });
    expect(readAndroidError({ error: 'Internal Server Error' })).toEqual({ codes: ['other'], params: [] });
    expect(readAndroidError({ error: true })).toEqual({ codes: [], params: [] });
  });
});
