import { describe, expect, it, vi } from 'vitest';
import { basipAndroidMock as def } from './index.ts';
import type { Variant } from '../../../mocks/kit.ts';
import {
  basipMockClient, type BasipMockClient, describeFaultChecks, withField as withFieldOf,
} from '../../basip-common/mock/mock.test-helpers.ts';
import { deviceFaultChecks } from '../../basip-common/mock/device.test-helpers.ts';

const SETTINGS = '/api/v0/sip/settings';
const AUTH = { authorization: def.fixtures.basicAuthorization };

/** Every value from the zone every reading accepts (docs/undecided/basip-android.md). */
const VALID = {
  enable: true,
  proxy: 'pbx.example.com',
  realm: 'pbx.example.com',
  user: '2002',
  password: 'p@ssword',
  transport: 'tls',
  user_id: 'door-1',
  is_enable_ring_code: true,
  timeout: 600,
  registration_interval: 120,
  stun: { ip: '203.0.113.5', port: 3478 },
};

const start = basipMockClient(def, SETTINGS, AUTH);
const withField = (path: string, value: unknown) => withFieldOf(VALID, path, value);
const VARIANTS: Variant[] = ['strictest', 'strict', 'loose', 'lenient'];

const SPECIALS = '~!@#$%^&*()_-+={},.?/';

/** Accepted by every reading. */
const ACCEPTED: [string, unknown][] = [
  ['enable', false],
  ['user', 'a'], ['user', 'u'.repeat(31)], ['user', SPECIALS],
  ['password', 'p'.repeat(6)], ['password', 'p'.repeat(31)], ['password', `x${SPECIALS}`],
  ['user_id', 'i'.repeat(31)], ['user_id', undefined],
  ['timeout', 120], ['timeout', 300], ['timeout', 600], ['timeout', 1200], ['timeout', 1800],
  ['transport', 'udp'], ['transport', 'tcp'], ['transport', 'tls'], ['transport', undefined],
  ['registration_interval', 30], ['registration_interval', 900], ['registration_interval', undefined],
  ['is_enable_ring_code', false], ['is_enable_ring_code', undefined],
  ['proxy', '192.168.1.10'], ['realm', 'sip.bas-ip.com'], ['stun.ip', 'stun.example.com'],
];

type Kind = 'missing' | 'type' | 'invalid';
/** Rejected by every reading; `type` and `invalid` strings depend on the reading, `missing` does not. */
const REJECTED: [string, unknown, Kind][] = [
  ['enable', undefined, 'missing'], ['enable', 1, 'type'], ['enable', 'yes', 'type'], ['enable', {}, 'type'],
  ['proxy', undefined, 'missing'], ['proxy', '', 'invalid'], ['proxy', 'http://pbx', 'invalid'], ['proxy', {}, 'type'],
  ['realm', undefined, 'missing'], ['realm', 'a b', 'invalid'],
  ['user', undefined, 'missing'], ['user', '', 'invalid'], ['user', 'u'.repeat(32), 'invalid'],
  ['user', 'é', 'invalid'], ['user', "o'neil", 'invalid'], ['user', 'a:b', 'invalid'], ['user', 'a\\b', 'invalid'],
  ['password', undefined, 'missing'], ['password', 'p'.repeat(5), 'invalid'], ['password', 'p'.repeat(32), 'invalid'], ['password', 'pässwort', 'invalid'],
  ['user_id', 'i'.repeat(32), 'invalid'], ['user_id', 'id:1', 'invalid'],
  ['timeout', undefined, 'missing'], ['timeout', 121, 'invalid'], ['timeout', 0, 'invalid'], ['timeout', 3600, 'invalid'], ['timeout', true, 'type'],
  ['transport', 'sctp', 'invalid'], ['transport', true, 'type'],
  ['registration_interval', 29, 'invalid'], ['registration_interval', 901, 'invalid'], ['registration_interval', [60], 'type'],
  ['is_enable_ring_code', 'yes', 'type'],
  ['stun', undefined, 'missing'], ['stun', [], 'type'], ['stun', 'stun.example.com', 'type'],
  ['stun.ip', undefined, 'missing'], ['stun.ip', 'x y', 'invalid'], ['stun.port', undefined, 'missing'], ['stun.port', {}, 'type'],
];

/** How each variant reads an undecided value: accepted (true) or rejected (false). */
const UNDECIDED: [string, unknown, Record<Variant, boolean>][] = [
  ['proxy', 'sip:sip.bas-ip.com', { strictest: false, strict: true, loose: true, lenient: true }],
  ['proxy', 'pbx.example.com.', { strictest: false, strict: false, loose: false, lenient: true }],
  ['user', 'door 1', { strictest: false, strict: true, loose: true, lenient: true }],
  ['user', 'a;b', { strictest: false, strict: true, loose: true, lenient: true }],
  ['password', 'pass\u00a0word', { strictest: false, strict: false, loose: false, lenient: true }],
  ['user_id', '', { strictest: false, strict: true, loose: true, lenient: true }],
  ['user', 1001, { strictest: false, strict: false, loose: true, lenient: true }],
  ['timeout', '120', { strictest: false, strict: false, loose: true, lenient: true }],
  ['timeout', 120.5, { strictest: false, strict: false, loose: true, lenient: true }],
  ['enable', 'true', { strictest: false, strict: false, loose: true, lenient: true }],
  ['stun.port', 70000, { strictest: false, strict: true, loose: false, lenient: true }],
  ['transport', 'UDP', { strictest: false, strict: false, loose: true, lenient: true }],
  ['transport', null, { strictest: false, strict: false, loose: true, lenient: true }],
];

const PASSWORD_SHOWN: Record<Variant, string | undefined> = { strictest: 'WebPass', strict: 'WebPass', loose: VALID.password, lenient: undefined };

/** What every reading's string for a rejected field looks like. */
function expected(path: string, kind: Kind, variant: Variant): RegExp {
  const name = variant === 'loose' || variant === 'lenient' ? path.split('.').pop()! : path;
  if (kind === 'missing') return new RegExp(`^Wrong JSON body: no value for \`${name}\`$`);
  return /^Wrong JSON body(?:$|: )/;
}

describe.each(VARIANTS)('basip-android %s: documented rules', (variant) => {
  it('round-trips a valid POST through GET, showing the password as this reading does', async () => {
    const c = await start({ variant });
    expect((await c.post(VALID)).status).toBe(200);
    const got = await c.get();
    expect(got.status).toBe(200);
    const { password: _password, ...rest } = VALID;
    expect(got.body).toMatchObject(rest);
    expect(got.body.password).toBe(PASSWORD_SHOWN[variant]);
  });

  it.each(ACCEPTED)('accepts %s = %j', async (path, value) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it.each(REJECTED)('rejects %s = %j (%s)', async (path, value, kind) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(expected(path, kind, variant));
    expect((await c.get()).body.user).toBe('1001');
  });

  it.each(UNDECIDED)('reads the undecided %s = %j as the table says', async (path, value, readings) => {
    const c = await start({ variant });
    const res = await c.post(withField(path, value));
    expect(res.status, JSON.stringify(res.body)).toBe(readings[variant] ? 200 : 400);
  });

  it.each(['{', '', 'null', '[]', '"text"', '42', 'true'])('answers 400 "Wrong JSON body" to the body %j', async (raw) => {
    const c = await start({ variant });
    const res = await c.post(raw);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'Wrong JSON body' });
  });

  it('ignores unknown properties and query parameters', async () => {
    const c = await start({ variant });
    const res = await c.send('POST', `${SETTINGS}?debug=1`, AUTH, JSON.stringify({ ...VALID, codec: 'pcmu', stun: { ...VALID.stun, extra: 1 } }));
    expect(res.status).toBe(200);
    const got = await c.send('GET', `${SETTINGS}?x=y`, AUTH);
    expect(got.body.codec).toBeUndefined();
    expect(got.body.stun).toEqual(VALID.stun);
  });

  it('answers 401 {"error":"Log In"} without valid credentials, for GET and POST', async () => {
    const c = await start({ variant });
    for (const res of [await c.get({}), await c.post(VALID, {}), await c.get({ authorization: 'Basic YWRtaW46d3Jvbmc=' }), await c.get({ authorization: 'Bearer nope' })]) {
      expect(res.status).toBe(401);
      expect(typeof res.body.error).toBe('string');
    }
  });

  it('logs in with the MD5 password and accepts the token as Bearer for 2 h', async () => {
    const c = await start({ variant });
    const login = await c.send('GET', def.fixtures.loginUrl, {});
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ account_type: 'admin', token: expect.any(String) });
    const bearer = { authorization: `Bearer ${login.body.token}` };
    expect((await c.post(VALID, bearer)).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 2 * 60 * 60 * 1000 + 1000);
    expect((await c.get(bearer)).status).toBe(401);
  });

  it('rejects a login with wrong or plain-text credentials', async () => {
    const c = await start({ variant });
    for (const query of ['username=admin&password=123456', 'username=root&password=e10adc3949ba59abbe56e057f20f883e', '']) {
      const res = await c.send('GET', `/api/v0/login?${query}`, {});
      expect(res.status).toBe(401);
      expect(typeof res.body.error).toBe('string');
    }
  });

  it('answers 404 to unknown paths and 405 (strictest: 404) to other methods', async () => {
    const c = await start({ variant });
    const method = variant === 'strictest' ? 404 : 405;
    expect((await c.send('GET', '/api/v1/device/sip/settings', AUTH)).status).toBe(404);
    expect((await c.send('PUT', SETTINGS, AUTH, '{}')).status).toBe(method);
    expect((await c.send('POST', '/api/v0/login', {})).status).toBe(method);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const c = await start({ variant });
    expect((await c.post({ ...VALID, pad: 'x'.repeat(1024 * 1024) })).status).toBe(413);
  });

  it('survives hostile input', async () => {
    const c = await start({ variant });
    const huge = JSON.stringify(VALID).replace('"timeout":600', '"timeout":1e400');
    expect((await c.post(huge)).status).toBe(400);
    for (const raw of ['['.repeat(200_000), '{"a":'.repeat(100_000), '\u0000', '{"user":"\ud800"}']) {
      expect([200, 400]).toContain((await c.post(raw)).status);
    }
    expect((await c.get()).status).toBe(200);
  });
});

describe('basip-android strict', () => {
  it('reports the first failing field in document order', async () => {
    const c = await start();
    const res = await c.post({ ...VALID, enable: 'yes', timeout: 5 });
    expect(res.body.error).toBe('Wrong JSON body: value `enable` was of the wrong type');
  });

  it('keeps stored optional fields when a POST omits them', async () => {
    const c = await start();
    await c.post(VALID);
    await c.post(withField('user_id', undefined));
    expect((await c.get()).body.user_id).toBe('door-1');
  });
});

describe('basip-android loose', () => {
  it('checks values before types', async () => {
    const c = await start({ variant: 'loose' });
    const res = await c.post({ ...VALID, enable: 'yes', timeout: 5 });
    expect(res.body.error).toBe('Wrong JSON body');
  });

  it('adds a charset, extra fields, and resets omitted optional fields', async () => {
    const c = await start({ variant: 'loose' });
    const saved = await c.post(VALID);
    expect(saved.headers.get('content-type')).toBe('application/json; charset=utf-8');
    await c.post(withField('user_id', undefined));
    const got = await c.get();
    expect(got.body.user_id).toBe('');
    expect(got.body.registration_status).toBe('unregistered');
  });
});

const FAULT_CHECKS: Record<string, (c: BasipMockClient) => Promise<void>> = {
  'password-5-accepted': async (c) => expect((await c.post(withField('password', 'p'.repeat(5)))).status).toBe(200),
  'user-32-accepted': async (c) => expect((await c.post(withField('user', 'u'.repeat(32)))).status).toBe(200),
  'user-id-32-accepted': async (c) => expect((await c.post(withField('user_id', 'i'.repeat(32)))).status).toBe(200),
  'charset-unchecked': async (c) => expect((await c.post(withField('user', "o'neil:é"))).status).toBe(200),
  'timeout-121-accepted': async (c) => expect((await c.post(withField('timeout', 121))).status).toBe(200),
  'transport-unchecked': async (c) => expect((await c.post(withField('transport', 'sctp'))).status).toBe(200),
  'interval-29-accepted': async (c) => expect((await c.post(withField('registration_interval', 29))).status).toBe(200),
  'host-unvalidated': async (c) => expect((await c.post(withField('proxy', 'not a host!'))).status).toBe(200),
  'dns-names-rejected': async (c) => {
    expect((await c.post(withFieldOf(withField('realm', '10.0.0.1'), 'proxy', '10.0.0.2'))).status).toBe(200);
    expect((await c.post(VALID)).status).toBe(400);
  },
  'missing-field-accepted': async (c) => expect((await c.post(withField('enable', undefined))).status).toBe(200),
  'wrong-type-accepted': async (c) => {
    expect((await c.post(withField('enable', 0))).status).toBe(200);
    expect((await c.get()).body.enable).toBe(false);
  },
  'wrong-param-named': async (c) => expect((await c.post(withField('timeout', undefined))).body).toEqual({ error: 'Wrong JSON body: no value for `param`' }),
  'error-not-string': async (c) => {
    const res = await c.post(withField('timeout', undefined));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: true });
  },
  '500-on-malformed-json': async (c) => expect((await c.post('{')).status).toBe(500),
  'auth-bypass': async (c) => {
    expect((await c.get({})).status).toBe(200);
    expect((await c.post(VALID, {})).status).toBe(200);
  },
  '401-status-200': async (c) => {
    const res = await c.get({});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ error: 'Log In' });
  },
  'basic-auth-rejected': async (c) => expect((await c.get(AUTH)).status).toBe(401),
  'not-persisted': async (c) => {
    expect((await c.post(VALID)).status).toBe(200);
    expect((await c.get()).body.user).toBe('1001');
  },
};

describeFaultChecks(def, start, { ...FAULT_CHECKS, ...deviceFaultChecks(VALID) });
