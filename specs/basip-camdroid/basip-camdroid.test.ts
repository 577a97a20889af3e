// The BAS-IP CamDroid spec against its reference mock, plus the host zones against the mock's host checks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHost, isPlainHost, isWideHost } from '../basip-common/mock/index.ts';
import { basipCamdroidMock } from './mock/index.ts';
import { HOST_EXAMPLES, HOST_INVALID_EXAMPLES, HOST_LENIENT_PATTERN, HOST_PATTERN } from '../basip-common/openapi.ts';
import { load, readCamdroidError } from './index.ts';
import { describeBasipSpec } from '../basip-common/spec.test-helpers.ts';

describeBasipSpec({
  load,
  mock: basipCamdroidMock,
  settingsPath: '/api/v1/device/sip/settings',
  loginPath: '/api/v1/login',
});

describe('basip host zones', () => {
  const plain = new RegExp(HOST_PATTERN, 'u');
  const wide = new RegExp(HOST_LENIENT_PATTERN, 'u');

  it('accepts the plainest forms, leaves the sip: prefix and :port undecided, and rejects the invalid examples under every reading', () => {
    for (const host of HOST_EXAMPLES) expect(plain.test(host), host).toBe(true);
    for (const host of ['sip:sip.bas-ip.com', 'SIP:10.0.0.1', 'pbx.example.com:5060', '010.0.0.1', 'localhost', 'pbx.example.com.', '[::1]']) {
      expect([plain.test(host), wide.test(host)], host).toEqual([false, true]);
    }
    for (const host of HOST_INVALID_EXAMPLES) expect(wide.test(host), host).toBe(false);
  });

  it('agrees with the reference mock: the widest reading exactly, the accepted zone inside the strictest', () => {
    const unit = fc.constantFrom(...'sSiIpP:.-0123456789abzé_ []');
    fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (v) => wide.test(v) === isWideHost(v)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.stringMatching(plain), (v) => isPlainHost(v) && isHost(v) && isWideHost(v)), { numRuns: 2_000 });
  });
});

describe('basip-camdroid error reader', () => {
  it('reads error.code and the keys of error.data', () => {
    expect(readCamdroidError({ error: { code: 'not_valid', message: 'x', data: { 'stun.port': 'must be an integer', user: 'x' } } })).toEqual({ codes: ['not_valid'], params: ['stun.port', 'user'] });
    expect(readCamdroidError({ error: { code: 'invalid_authentication', message: 'Log In' } })).toEqual({ codes: ['invalid_authentication'], params: [] });
    expect(readCamdroidError({ error: 'Log In' })).toEqual({ codes: [], params: [] });
    expect(readCamdroidError({ error: { code: 'not_valid', message: 'x', data: { param: 'stun.port' } } })).toEqual({ codes: ['not_valid'], params: ['param', 'stun.port'] });
    expect(readCamdroidError(null)).toEqual({ codes: [], params: [] });
  });
});
