// The BAS-IP CamDroid spec against its reference mock, plus the host pattern against the mock's host check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHost } from '../../mocks/basip-common.ts';
import { basipCamdroidMock } from '../../mocks/basip-camdroid.ts';
import { HOST_EXAMPLES, HOST_INVALID_EXAMPLES, HOST_PATTERN } from '../../specs/basip-common/openapi.ts';
import { REQUIREMENT_IDS } from '../../specs/basip-camdroid/ids.ts';
import { loadBasipCamdroid, readCamdroidError } from '../../specs/basip-camdroid/index.ts';
import { describeBasipSpec } from './basip-common.ts';

describeBasipSpec({
  load: loadBasipCamdroid,
  mock: basipCamdroidMock,
  ids: REQUIREMENT_IDS,
  settingsPath: '/api/v1/device/sip/settings',
  loginPath: '/api/v1/login',
});

describe('basip host pattern', () => {
  const re = new RegExp(HOST_PATTERN, 'u');

  it('accepts the vendor example with sip: and :port, and rejects the invalid examples', () => {
    for (const host of ['sip:sip.bas-ip.com', 'sip:sip.bas-ip.com:5060', ...HOST_EXAMPLES]) expect(re.test(host), host).toBe(true);
    for (const host of HOST_INVALID_EXAMPLES) expect(re.test(host), host).toBe(false);
  });

  it('agrees with the reference mock on every short string over the host alphabet', () => {
    const unit = fc.constantFrom(...'sSiIpP:.-0123456789abz_ ');
    fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (v) => re.test(v) === isHost(v)), { numRuns: 20_000 });
    fc.assert(fc.property(fc.stringMatching(re), (v) => isHost(v)), { numRuns: 2_000 });
  });
});

describe('basip-camdroid error reader', () => {
  it('reads error.code and the keys of error.data', () => {
    expect(readCamdroidError({ error: { code: 'not_valid', message: 'x', data: { 'stun.port': 'must be an integer', user: 'x' } } })).toEqual({ codes: ['not_valid'], params: ['stun.port', 'user'] });
    expect(readCamdroidError({ error: { code: 'invalid_authentication', message: 'Log In' } })).toEqual({ codes: ['invalid_authentication'], params: [] });
    expect(readCamdroidError({ error: 'Log In' })).toEqual({ codes: [], params: [] });
    expect(readCamdroidError(null)).toEqual({ codes: [], params: [] });
  });
});
