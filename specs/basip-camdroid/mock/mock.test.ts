import { describe, expect, it, vi } from 'vitest';
import { basipCamdroidMock as def } from './index.ts';
import type { Variant } from '../../../mocks/kit.ts';
import {
  basipMockClient, type BasipMockClient, describeFaultChecks, withField as withFieldOf,
} from '../../basip-common/mock/mock.test-helpers.ts';
import { deviceFaultChecks } from '../../basip-common/mock/device.test-helpers.ts';

const SETTINGS = '/api/v1/device/sip/settings';
const BASIC = def.fixtures.basicAuthorization;
const AUTH = { authorization: BASIC };

/** Every value from the zone every reading accepts (docs/undecided/basip-camdroid.md). */
const VALID = {
  proxy: 'pbx.example.com',
  realm: 'pbx.example.com',
  user: '2002',
  password: 'p@ssword',
  stun: { ip: '203.0.113.5', port: 3478 },
  registration_interval: 120,
  h264: 110,
  transport: 'tcp',
};

const start = basipMockClient(def, SETTINGS, AUTH);
const withField = (path: string, value: unknown) => withFieldOf(VALID, path, value);
const VARIANTS: Variant[] = ['strictest', 'strict', 'loose', 'lenient'];

/** Accepted by every reading. */
const ACCEPTED: [string, unknown][] = [
  ['user', '1'], ['user', '9'.repeat(31)],
  ['password', 'x'], ['password', 'p'.repeat(31)],
  ['registration_interval', 30], ['registration_interval', 900], ['registration_interval', undefined],
  ['h264', 99], ['h264', 127],
  ['transport', 'udp'], ['transport', 'tcp'], ['transport', 'tls'], ['transport', undefined],
  ['proxy', 'sip.bas-ip.com'], ['proxy', '192.168.1.10'], ['realm', '10.0.0.1'], ['stun.ip', 'stun.example.com'], ['stun.port', 19302],
];

/** Rejected by every reading. */
const REJECTED: [string, unknown][] = [
  ['user', ''], ['user', '3'.repeat(32)], ['user', 'u'.repeat(32)], ['user', 2002], ['user', undefined],
  ['password', ''], ['password', 'p'.repeat(32)], ['password', ['x']], ['password', undefined],
  ['registration_interval', 29], ['registration_interval', 901], ['registration_interval', 29.99], ['registration_interval', true],
  ['h264', 98], ['h264', 128], ['h264', 100.5], ['h264', 'x'],
  ['transport', 'sctp'], ['transport', ''], ['transport', 1],
  ['proxy', undefined], ['proxy', ''], ['proxy', 'http://pbx.example.com'], ['proxy', 'pbx..example.com'],
  ['proxy', 'bad host'], ['proxy', '-pbx.example.com'], ['proxy', '1001@pbx.example.com'], ['proxy', 42],
  ['realm', undefined], ['realm', 'pbx.example.com:'],
  ['stun', undefined], ['stun', []], ['stun', 'stun.example.com'],
  ['stun.ip', undefined], ['stun.ip', 'not a host'], ['stun.port', undefined], ['stun.port', 3478.5], ['stun.port', {}],
];

/** How each variant reads an undecided value: accepted (true) or rejected (false). */
const UNDECIDED: [string, unknown, Record<Variant, boolean>][] = [
  ['proxy', 'sip:sip.bas-ip.com', { strictest: false, strict: true, loose: true, lenient: true }],
  ['proxy', 'pbx.example.com:5060', { strictest: false, strict: true, loose: true, lenient: true }],
  ['proxy', 'pbx_1.example.com', { strictest: false, strict: false, loose: false, lenient: true }],
  ['proxy', 'localhost', { strictest: false, strict: true, loose: true, lenient: true }],
  ['user', 'door1', { strictest: false, strict: true, loose: true, lenient: true }],
  ['user', "o'neil", { strictest: false, strict: true, loose: false, lenient: true }],
  ['password', 'p@ss word', { strictest: false, strict: true, loose: true, lenient: true }],
  ['registration_interval', 30.5, { strictest: false, strict: true, loose: true, lenient: true }],
  ['registration_interval', '300', { strictest: false, strict: false, loose: true, lenient: true }],
  ['stun.port', 70000, { strictest: false, strict: true, loose: false, lenient: true }],
  ['transport', 'UDP', { strictest: false, strict: false, loose: true, lenient: true }],
  ['transport', ' udp', { strictest: false, strict: false, loose: false, lenient: true }],
  ['h264', undefined, { strictest: false, strict: true, loose: true, lenient: true }],
  ['transport', null, { strictest: false, strict: false, loose: true, lenient: true }],
];

const PASSWORD_SHOWN: Record<Variant, string | undefined> = { strictest: 'WebPass', strict: VALID.password, loose: undefined, lenient: VALID.password };
const namesParam = (data: Record<string, unknown>, path: string) => Object.hasOwn(data, path) || String(data.param ?? '').split(', ').includes(path);

describe.each(VARIANTS)('basip-camdroid %s: documented rules', (variant) => {
  it('round-trips a valid POST through GET, showing the password as this reading does', async () => {
    const c = await start({ variant });
    expect((await c.post(VALID)).status).toBe(200);
    const got = await c.get();
    expect(got.status).toBe(200);
    const { password, ...rest } = VALID;
    expect(got.body).toMatchObject(rest);
    expect(got.body.password).toBe(PASSWORD_SHOWN[variant]);
    void password;
  });

  it.each(ACCEPTED)('accepts %s = %j', async (path, value) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it.each(REJECTED)('rejects %s = %j naming it in error.data', async (path, value) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_valid');
    expect(typeof res.body.error.message).toBe('string');
    expect(namesParam(res.body.error.data, path), JSON.stringify(res.body.error.data)).toBe(true);
    expect((await c.get()).body.user).toBe('1001');
  });

  it.each(UNDECIDED)('reads the undecided %s = %j as the table says', async (path, value, readings) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status, JSON.stringify(res.body)).toBe(readings[variant] ? 200 : 400);
  });

  it.each(['{', '', 'null', '[]', '"text"', '42', '{"proxy":'])('answers 400 not_valid to the body %j', async (raw) => {
    const c = await start({ variant });
    const res = await c.post(raw);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_valid');
  });

  it('answers a POST with neither body nor Content-Type with 415 (strictest) or 400', async () => {
    const c = await start({ variant });
    const res = await c.send('POST', SETTINGS, AUTH);
    expect(res.status).toBe(variant === 'strictest' ? 415 : 400);
  });

  it('ignores unknown properties and query parameters', async () => {
    const c = await start({ variant });
    const res = await c.send('POST', `${SETTINGS}?debug=1&x=y`, AUTH, JSON.stringify({ ...VALID, sip_debug: true, stun: { ...VALID.stun, extra: 1 } }));
    expect(res.status).toBe(200);
    const got = await c.send('GET', `${SETTINGS}?fields=all`, AUTH);
    expect(got.body.sip_debug).toBeUndefined();
    expect(got.body.stun).toEqual(VALID.stun);
  });

  it('answers 401 with the documented body without credentials, for GET and POST', async () => {
    const c = await start({ variant });
    for (const res of [await c.get({}), await c.post(VALID, {}), await c.get({ authorization: 'Basic YWRtaW46d3Jvbmc=' }), await c.get({ authorization: 'Bearer nope' })]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_authentication');
    }
  });

  it('logs in with the MD5 password and accepts the token as Bearer for 2 h', async () => {
    const c = await start({ variant });
    const login = await c.send('GET', def.fixtures.loginUrl, {});
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ account_type: 'admin', token: expect.any(String) });
    const bearer = { authorization: `Bearer ${login.body.token}` };
    expect((await c.get(bearer)).status).toBe(200);
    expect((await c.post(VALID, bearer)).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 2 * 60 * 60 * 1000 + 1000);
    expect((await c.get(bearer)).status).toBe(401);
  });

  it('rejects a login with wrong or plain-text credentials', async () => {
    const c = await start({ variant });
    for (const query of ['username=admin&password=123456', 'username=root&password=e10adc3949ba59abbe56e057f20f883e', '']) {
      const res = await c.send('GET', `/api/v1/login?${query}`, {});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_authentication');
    }
  });

  it('answers 404 to unknown paths and 405 (strictest: 404) to other methods', async () => {
    const c = await start({ variant });
    const method = variant === 'strictest' ? 404 : 405;
    expect((await c.send('GET', '/api/v1/device/sip', AUTH)).status).toBe(404);
    expect((await c.send('GET', '/api/v0/sip/settings', AUTH)).status).toBe(404);
    expect((await c.send('PUT', SETTINGS, AUTH, '{}')).status).toBe(method);
    expect((await c.send('DELETE', SETTINGS, AUTH)).status).toBe(method);
    expect((await c.send('POST', '/api/v1/login', {})).status).toBe(method);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const c = await start({ variant });
    const res = await c.post({ ...VALID, pad: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('survives hostile input', async () => {
    const c = await start({ variant });
    const huge = JSON.stringify(VALID).replace('"h264":110', '"h264":1e400');
    expect((await c.post(huge)).status).toBe(400);
    for (const raw of ['['.repeat(200_000), '{"a":'.repeat(100_000), JSON.stringify({ __proto__: 1, constructor: 2, ...VALID }), '\u0000', '{"user":"\ud800"}']) {
      expect([200, 400]).toContain((await c.post(raw)).status);
    }
    expect((await c.get()).status).toBe(200);
  });

  it('keeps state per mock instance', async () => {
    const a = await start({ variant });
    const b = await start({ variant });
    await a.post(withField('user', '3003'));
    expect((await a.get()).body.user).toBe('3003');
    expect((await b.get()).body.user).toBe('1001');
  });
});

describe('basip-camdroid strict', () => {
  it('lists every failing parameter with the vendor message', async () => {
    const c = await start();
    const res = await c.post({ ...VALID, user: '', stun: { ip: 'x y' } });
    expect(res.body.error.message).toBe('Data validation error');
    expect(Object.keys(res.body.error.data).sort()).toEqual(['stun.ip', 'stun.port', 'user']);
  });

  it('keeps the stored optional fields when a POST omits them', async () => {
    const c = await start();
    await c.post(VALID);
    await c.post(withField('transport', undefined));
    expect((await c.get()).body.transport).toBe('tcp');
  });
});

describe('basip-camdroid loose', () => {
  it('words errors differently, reports one parameter, value checks first', async () => {
    const c = await start({ variant: 'loose' });
    const res = await c.post({ ...VALID, user: 5, h264: 200 });
    expect(res.body.error.message).not.toBe('Data validation error');
    expect(Object.keys(res.body.error.data)).toEqual(['h264']);
  });

  it('adds a charset, extra fields, and resets omitted optional fields', async () => {
    const c = await start({ variant: 'loose' });
    const saved = await c.post(VALID);
    expect(saved.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await c.post(withField('transport', undefined));
    const got = await c.get();
    expect(got.body.transport).toBe('udp');
    expect(got.body.registration_status).toBe('unregistered');
  });
});

// Each fault, switched on alone, must change the behaviour it claims.
const FAULT_CHECKS: Record<string, (c: BasipMockClient) => Promise<void>> = {
  'interval-29-accepted': async (c) => expect((await c.post(withField('registration_interval', 29))).status).toBe(200),
  'interval-900-rejected': async (c) => expect((await c.post(withField('registration_interval', 900))).status).toBe(400),
  'h264-128-accepted': async (c) => expect((await c.post(withField('h264', 128))).status).toBe(200),
  'h264-99-rejected': async (c) => expect((await c.post(withField('h264', 99))).status).toBe(400),
  'user-32-accepted': async (c) => expect((await c.post(withField('user', '3'.repeat(32)))).status).toBe(200),
  'password-empty-accepted': async (c) => expect((await c.post(withField('password', ''))).status).toBe(200),
  'transport-unchecked': async (c) => expect((await c.post(withField('transport', 'sctp'))).status).toBe(200),
  'stun-port-fraction-accepted': async (c) => expect((await c.post(withField('stun.port', 3478.5))).status).toBe(200),
  'missing-realm-accepted': async (c) => expect((await c.post(withField('realm', undefined))).status).toBe(200),
  'host-unvalidated': async (c) => expect((await c.post(withField('proxy', 'bad host'))).status).toBe(200),
  'dns-names-rejected': async (c) => {
    expect((await c.post(withFieldOf(withField('realm', '10.0.0.1'), 'proxy', '10.0.0.2'))).status).toBe(200);
    const res = await c.post(VALID);
    expect(res.status).toBe(400);
    expect(res.body.error.data).toHaveProperty('proxy');
  },
  'wrong-error-code': async (c) => {
    const res = await c.post(withField('user', ''));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('system_error');
  },
  'missing-data': async (c) => {
    const res = await c.post(withField('user', ''));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('not_valid');
    expect(res.body.error).not.toHaveProperty('data');
  },
  '500-on-malformed-json': async (c) => expect((await c.post('{')).status).toBe(500),
  'unknown-field-rejected': async (c) => {
    const res = await c.post({ ...VALID, vendor_extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.data).toHaveProperty('vendor_extra');
  },
  'auth-bypass': async (c) => {
    expect((await c.get({})).status).toBe(200);
    expect((await c.post(VALID, {})).status).toBe(200);
  },
  '401-as-403': async (c) => {
    const res = await c.get({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('permission_denied');
  },
  'not-persisted': async (c) => {
    expect((await c.post(VALID)).status).toBe(200);
    expect((await c.get()).body.user).toBe('1001');
  },
};

describeFaultChecks(def, start, { ...FAULT_CHECKS, ...deviceFaultChecks(VALID) });
