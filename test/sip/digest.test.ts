// Digest computations against the RFCs' own examples, and the credentials the user agent writes.
import { describe, expect, test } from 'vitest';
import { credentials, digestResponse, verifyCredentials } from '../../src/sip/digest.ts';
import { parseAuth } from '../../src/sip/headers.ts';

describe('digest', () => {
  test('RFC 2617 3.5: MD5 with qop=auth', () => {
    expect(digestResponse({ algorithm: 'MD5', username: 'Mufasa', realm: 'testrealm@host.com', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093', qop: { cnonce: '0a4f113b', nc: '00000001' } })).toBe('6629fae49393a05397450978507c4ef1');
  });

  test('RFC 7616 3.9.1: SHA-256 and MD5 with qop=auth', () => {
    const d = { username: 'Mufasa', realm: 'http-auth@example.org', password: 'Circle of Life', method: 'GET', uri: '/dir/index.html', nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v', qop: { cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ', nc: '00000001' } };
    expect(digestResponse({ ...d, algorithm: 'SHA-256' })).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
    expect(digestResponse({ ...d, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  test.each(['MD5', 'SHA-256'])('credentials for a %s challenge verify with the password, not with another', (algorithm) => {
    const challenge = parseAuth(`Digest realm="r.example", nonce="abc", algorithm=${algorithm}, qop="auth"`, 'WWW-Authenticate');
    const creds = parseAuth(credentials(challenge, { username: '1001', password: 'pw', method: 'REGISTER', uri: 'sip:r.example' }), 'Authorization');
    expect(creds.params.get('algorithm')).toBe(algorithm);
    expect(verifyCredentials(creds, { password: 'pw', method: 'REGISTER' })).toBe(true);
    expect(verifyCredentials(creds, { password: 'pw2', method: 'REGISTER' })).toBe(false);
    expect(verifyCredentials(creds, { password: 'pw', method: 'INVITE' })).toBe(false);
  });

  test('a challenge without qop gets RFC 2069 credentials (no cnonce, no nc)', () => {
    const creds = parseAuth(credentials(parseAuth('Digest realm="r", nonce="n"', 'WWW-Authenticate'), { username: 'u', password: 'p', method: 'REGISTER', uri: 'sip:r' }), 'Authorization');
    expect(creds.params.has('cnonce')).toBe(false);
    expect(verifyCredentials(creds, { password: 'p', method: 'REGISTER' })).toBe(true);
  });
});
