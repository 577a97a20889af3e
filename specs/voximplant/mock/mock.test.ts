import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, exportPKCS8 } from 'jose';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { HTTP_FAULTS, startMock, type RunningMock, type Variant } from '../../../mocks/kit.ts';
import { type Registration, Registrar, usesPassword } from '../../../src/index.ts';
import { voximplantMock } from './index.ts';
import { exchange } from '../../../test/support/exchange.ts';
import {
  MOCK_ACCOUNT_ID, MOCK_API_KEY, ROLES, mockCredentials, signVoxToken, writeMockCredentials,
  type Role, type VoxCredentials,
} from './keys.ts';

type Params = Record<string, string | number | boolean>;
type Auth = Role | 'none' | 'apikey' | { bearer: string };
type Via = 'query' | 'post-query' | 'form' | 'multipart' | 'cmd-query' | 'cmd-form';
interface Reply { status: number; headers: Headers; text: string; body: any }

let creds: Record<Role, VoxCredentials>;
const tokens = {} as Record<Role, string>;
const now = () => Math.floor(Date.now() / 1000);

/** The registrar the mocks' platform reaches when a proxy names REGISTRAR (as the embedded mock's run routes it). */
const REGISTRAR = 'registrar.sipc.test';
/** The platform's clock: a granted 20 s is refreshed after 10 s, here 0.5 s; a transaction may take 1.6 s. */
const TIME_SCALE = 0.05;
const registrar = new Registrar(REGISTRAR, ['MD5']);
let registrarPort: number;

beforeAll(async () => {
  creds = await mockCredentials();
  for (const role of ROLES) tokens[role] = await signVoxToken(creds[role]);
  ({ port: registrarPort } = await registrar.listen({ host: '127.0.0.1', port: 0 }));
});
afterAll(() => registrar.close());

const running: RunningMock[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((m) => m.close()));
});

function replyOf(res: { status: number; headers: Headers; text: string }): Reply {
  let body: any;
  try { body = JSON.parse(res.text); } catch { body = undefined; }
  return { ...res, body };
}

class Client {
  constructor(readonly url: string) {}

  async call(method: string, params: Params = {}, opts: { auth?: Auth; via?: Via; headers?: Record<string, string> } = {}): Promise<Reply> {
    const auth = opts.auth ?? 'Owner';
    const via = opts.via ?? 'query';
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries(params)) all[k] = String(v);
    const headers: Record<string, string> = { ...opts.headers };
    if (auth === 'apikey') Object.assign(all, { account_id: String(MOCK_ACCOUNT_ID), api_key: MOCK_API_KEY });
    else if (typeof auth === 'object') headers.authorization = `Bearer ${auth.bearer}`;
    else if (auth !== 'none') headers.authorization = `Bearer ${tokens[auth]}`;
    const cmd = via.startsWith('cmd');
    if (cmd) all.cmd = method;
    const path = cmd ? '/platform_api' : `/platform_api/${method}`;
    // Most calls are GETs with a query: through node:http (a third of fetch's CPU), the rest through fetch.
    if (via === 'query' || via === 'cmd-query') return replyOf(await exchange(`${this.url}${path}?${new URLSearchParams(all)}`, 'GET', headers));
    let res: Response;
    if (via === 'post-query') {
      res = await fetch(`${this.url}${path}?${new URLSearchParams(all)}`, { method: 'POST', headers });
    } else if (via === 'multipart') {
      const form = new FormData();
      for (const [k, v] of Object.entries(all)) form.append(k, v);
      res = await fetch(`${this.url}${path}`, { method: 'POST', headers, body: form });
    } else {
      res = await fetch(`${this.url}${path}`, { method: 'POST', headers, body: new URLSearchParams(all) });
    }
    return replyOf({ status: res.status, headers: res.headers, text: await res.text() });
  }

  async create(params: Params = {}, auth: Auth = 'Owner'): Promise<number> {
    const r = await this.call('CreateSipRegistration', { sip_username: 'line', proxy: 'sip.example.com', ...params }, { auth });
    expect(r.body, r.text).toMatchObject({ result: 1 });
    return r.body.sip_registration_id;
  }

  async get(params: Params = {}): Promise<{ result: any[]; count: number }> {
    const r = await this.call('GetSipRegistrations', params);
    expect(r.body?.error, r.text).toBeUndefined();
    return r.body;
  }

  async item(id: number): Promise<any> {
    return (await this.get({ sip_registration_id: id })).result[0];
  }
}

async function mock(faults: string[] = [], variant: Variant = 'strict'): Promise<Client> {
  const sip = { route: (_t: string, host: string) => (host === REGISTRAR ? { host: '127.0.0.1', port: registrarPort } : undefined), timeScale: TIME_SCALE };
  const m = await startMock(voximplantMock, { faults, variant, sip }, { host: '127.0.0.1' });
  running.push(m);
  return new Client(m.url);
}

const code = (r: Reply) => r.body?.error?.code;

describe('voximplant mock: definition', () => {
  it('every fault names requirements (test/vendors.test.ts checks they exist) and is unique', () => {
    const names = voximplantMock.faults.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of voximplantMock.faults) {
      expect(f.breaks.length).toBeGreaterThan(0);
    }
  });

  it('rejects unknown faults', async () => {
    await expect(startMock(voximplantMock, { faults: ['nope'], variant: 'strict' })).rejects.toThrow(/unknown fault/);
  });

  it('writes credentials.json files that sign accepted tokens', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vox-'));
    try {
      const paths = await writeMockCredentials(dir);
      const admin = JSON.parse(await readFile(paths.Admin, 'utf8')) as VoxCredentials;
      expect(admin).toMatchObject({ account_id: MOCK_ACCOUNT_ID, key_id: creds.Admin.key_id });
      expect(admin.private_key).toContain('BEGIN PRIVATE KEY');
      const c = await mock();
      const r = await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(admin) } });
      expect(r.body.result).toBeInstanceOf(Array);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('voximplant mock: transport', () => {
  it('answers on every documented way of calling a method', async () => {
    const c = await mock();
    for (const via of ['query', 'post-query', 'form', 'multipart', 'cmd-query', 'cmd-form'] as Via[]) {
      const r = await c.call('CreateSipRegistration', { sip_username: `via-${via}`, proxy: 'sip.example.com' }, { via });
      expect(r.status, via).toBe(200);
      expect(r.body, via).toMatchObject({ result: 1, sip_registration_id: expect.any(Number) });
      expect(r.headers.get('content-type')).toBe('application/json');
    }
    expect((await c.get({ proxy: 'sip.example.com' })).count).toBe(6);
  });

  it('gives 103 for unknown methods, 102 without cmd, 405 for other HTTP methods, 404 elsewhere', async () => {
    const c = await mock();
    expect(code(await c.call('CreateSipRegistrations'))).toBe(103);
    expect(code(await c.call('createsipregistration'))).toBe(103);
    const noCmd = await fetch(`${c.url}/platform_api`, { headers: { authorization: `Bearer ${tokens.Owner}` } });
    expect((await noCmd.json()).error.code).toBe(102);
    const put = await fetch(`${c.url}/platform_api/GetSipRegistrations`, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect((await fetch(`${c.url}/elsewhere`)).status).toBe(404);
  });

  it('reads repeated parameters as their last value and empty values as absent', async () => {
    const c = await mock();
    const r = await fetch(`${c.url}/platform_api/CreateSipRegistration?sip_username=a&sip_username=b&proxy=sip.example.com&auth_user=`, {
      headers: { authorization: `Bearer ${tokens.Owner}` },
    });
    const id = (await r.json()).sip_registration_id;
    const item = await c.item(id);
    expect(item.sip_username).toBe('b');
    expect(item).not.toHaveProperty('auth_user');
  });

  it('answers errors as {"error":{"code","msg"}} with HTTP 200', async () => {
    const c = await mock();
    const r = await c.call('CreateSipRegistration', { proxy: 'sip.example.com' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ error: { code: 134, msg: "Required parameter is empty: 'sip_username'" } });
  });
});

describe('voximplant mock: authentication', () => {
  it('accepts a JWT per role and the legacy api_key (as Owner)', async () => {
    const c = await mock();
    for (const role of ROLES) expect((await c.call('GetSipRegistrations', {}, { auth: role })).body.result, role).toBeInstanceOf(Array);
    const id = await c.create({}, 'apikey');
    expect((await c.call('DeleteSipRegistration', { sip_registration_id: id }, { auth: 'apikey' })).body).toEqual({ result: 1 });
  });

  it('accepts iss as a string too', async () => {
    const c = await mock();
    const t = await signVoxToken(creds.Owner, { iss: String(MOCK_ACCOUNT_ID) });
    expect((await c.call('GetSipRegistrations', {}, { auth: { bearer: t } })).body.result).toBeInstanceOf(Array);
  });

  it('rejects missing, wrong, expired, future, long-lived, foreign and garbage credentials with 100', async () => {
    const c = await mock();
    const other = await generateKeyPair('RS256', { extractable: true });
    const forged: VoxCredentials = { ...creds.Owner, private_key: await exportPKCS8(other.privateKey) };
    const t = now();
    const bad: Record<string, Auth | Record<string, string>> = {
      none: 'none',
      expired: { bearer: await signVoxToken(creds.Owner, { iat: t - 7200, exp: t - 3600 }) },
      future: { bearer: await signVoxToken(creds.Owner, { iat: t + 600, exp: t + 1200 }) },
      nbf: { bearer: await signVoxToken(creds.Owner, { nbf: t + 600 }) },
      longLived: { bearer: await signVoxToken(creds.Owner, { iat: t, exp: t + 3601 }) },
      wrongIss: { bearer: await signVoxToken(creds.Owner, { iss: 7654321 }) },
      forged: { bearer: await signVoxToken(forged) },
      unknownKid: { bearer: await signVoxToken(creds.Owner, { kid: 'no-such-key' }) },
      garbage: { bearer: 'not.a.jwt' },
      empty: { bearer: '' },
      noneAlg: { bearer: `${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.e30.` },
    };
    for (const [name, auth] of Object.entries(bad)) {
      const r = await c.call('GetSipRegistrations', {}, { auth: auth as Auth });
      expect(code(r), name).toBe(100);
    }
    const basic = await c.call('GetSipRegistrations', {}, { auth: 'none', headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(code(basic)).toBe(100);
    const wrongKey = await fetch(`${c.url}/platform_api/GetSipRegistrations?account_id=${MOCK_ACCOUNT_ID}&api_key=wrong`);
    expect((await wrongKey.json()).error.code).toBe(100);
    const wrongAccount = await fetch(`${c.url}/platform_api/GetSipRegistrations?account_id=1&api_key=${MOCK_API_KEY}`);
    expect((await wrongAccount.json()).error.code).toBe(100);
  });
});

describe('voximplant mock: roles', () => {
  const allowed: Record<string, Role[]> = {
    CreateSipRegistration: ['Owner', 'Admin', 'Accountant'],
    UpdateSipRegistration: ['Owner', 'Admin', 'Developer'],
    BindSipRegistration: ['Owner', 'Admin', 'Developer'],
    DeleteSipRegistration: ['Owner', 'Admin'],
    GetSipRegistrations: ['Owner', 'Admin', 'Developer', 'Supervisor', 'Accountant', 'Support'],
  };
  for (const variant of ['strict', 'loose'] as Variant[]) {
    it(`follows the documented role matrix (${variant})`, async () => {
      const c = await mock([], variant);
      for (const [method, roles] of Object.entries(allowed)) {
        for (const role of ROLES) {
          const id = await c.create();
          const params: Params = method === 'CreateSipRegistration' ? { sip_username: 'r', proxy: 'sip.example.com' }
            : method === 'BindSipRegistration' ? { sip_registration_id: id, application_id: 101 }
            : method === 'GetSipRegistrations' ? {} : { sip_registration_id: id };
          const r = await c.call(method, params, { auth: role });
          if (roles.includes(role)) expect(r.body?.error, `${method} ${role}`).toBeUndefined();
          else expect(code(r), `${method} ${role}`).toBe(104);
        }
      }
    });
  }
});

describe('voximplant mock: CreateSipRegistration', () => {
  it('creates and shows the registration with its fields', async () => {
    const c = await mock();
    const r = await c.call('CreateSipRegistration', {
      sip_username: 'alice-line', proxy: 'sip.example.com:5060', auth_user: 'auth1', outbound_proxy: 'out.example.com', password: 's3cret',
      application_name: 'sipc-app', rule_name: 'sipc-rule', user_id: 301,
    });
    expect(r.body).toEqual({ result: 1, sip_registration_id: 1001, account_info: { account_id: MOCK_ACCOUNT_ID, balance: 100, currency: 'USD' } });
    const item = await c.item(1001);
    expect(item).toEqual({
      sip_registration_id: 1001, sip_username: 'alice-line', proxy: 'sip.example.com:5060', auth_user: 'auth1', outbound_proxy: 'out.example.com',
      successful: true, status_code: 200, deactivated: false, last_updated: expect.any(Number),
      application_id: 101, application_name: 'sipc-app', rule_id: 201, rule_name: 'sipc-rule', user_id: 301, user_name: 'alice',
      is_persistent: true, in_progress: false,
    });
    expect(JSON.stringify(item)).not.toContain('s3cret');
  });

  it('checks required parameters, username, proxy and types', async () => {
    const c = await mock();
    const create = (p: Params) => c.call('CreateSipRegistration', p).then(code);
    expect(await create({ proxy: 'sip.example.com' })).toBe(134);
    expect(await create({ sip_username: 'x' })).toBe(134);
    expect(await create({ sip_username: 'x', proxy: '' })).toBe(134);
    for (const u of ['a b', 'a@b', 'ü', 'x'.repeat(129), 'a:b']) expect(await create({ sip_username: u, proxy: 'sip.example.com' }), u).toBe(273);
    for (const p of ['bad proxy', 'sip..example.com', 'host:0', 'host:99999', '-x.example.com', '999.1.1.1', '[zz]', 'ü.example']) {
      expect(await create({ sip_username: 'x', proxy: p }), p).toBe(274);
    }
    for (const p of ['10.0.0.1', '[2001:db8::1]:5061', 'sip:pbx.example.org', 'pbx.example.org;transport=tcp']) {
      expect(await create({ sip_username: 'x', proxy: p }), p).toBeUndefined();
    }
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', outbound_proxy: 'bad proxy' })).toBe(496);
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', auth_user: 'a b' })).toBe(496);
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', is_persistent: 'yes' })).toBe(496);
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', is_persistent: 'TRUE' })).toBe(496);
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', application_id: '1e3' })).toBe(496);
    expect(await create({ sip_username: 'x', proxy: 'sip.example.com', application_id: '99999999999999999999' })).toBe(496);
  });

  it('checks the binding parameters', async () => {
    const c = await mock();
    const create = (p: Params) => c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', ...p }).then(code);
    expect(await create({ rule_id: 201 })).toBe(485);
    expect(await create({ user_name: 'alice' })).toBe(485);
    expect(await create({ application_id: 101, application_name: 'sipc-app' })).toBe(458);
    expect(await create({ application_id: 101, rule_id: 201, rule_name: 'sipc-rule' })).toBe(458);
    expect(await create({ application_id: 101, user_id: 301, user_name: 'alice' })).toBe(458);
    expect(await create({ application_id: 999 })).toBe(496);
    expect(await create({ application_name: 'nope' })).toBe(496);
    expect(await create({ application_id: 101, rule_id: 203 })).toBe(496);
    expect(await create({ application_id: 101, user_name: 'carol' })).toBe(496);
    expect(await create({ application_id: 102, user_name: 'carol' })).toBeUndefined();
  });

  it('defaults is_persistent to true and accepts both readings with a user', async () => {
    const c = await mock();
    expect((await c.item(await c.create())).is_persistent).toBe(true);
    const a = await c.item(await c.create({ application_id: 101, user_id: 301, is_persistent: true }));
    expect(a).toMatchObject({ is_persistent: true, user_id: 301, successful: true });
    const b = await c.item(await c.create({ application_id: 101, user_id: 302, is_persistent: false }));
    expect(b).toMatchObject({ is_persistent: false, user_id: 302, successful: false, in_progress: false });
    expect(b).not.toHaveProperty('status_code');
  });

  it('stops at the registration limit with 272', async () => {
    const c = await mock();
    for (let i = 1; i < 100; i++) await c.create({ sip_username: `n${i}` });
    expect(code(await c.call('CreateSipRegistration', { sip_username: 'over', proxy: 'sip.example.com' }))).toBe(272);
    await c.call('DeleteSipRegistration', { sip_registration_id: 500 });
    await c.create();
  });
});

describe('voximplant mock: Update, Bind, Delete', () => {
  it('updates fields and the outcome', async () => {
    const c = await mock();
    const id = await c.create();
    expect((await c.call('UpdateSipRegistration', { sip_registration_id: id, proxy: 'fail.example.com', sip_username: 'renamed' })).body).toEqual({ result: 1 });
    expect(await c.item(id)).toMatchObject({ proxy: 'fail.example.com', sip_username: 'renamed', successful: false, status_code: 403, error_message: 'Forbidden' });
    await c.call('UpdateSipRegistration', { sip_registration_id: id, proxy: 'pending.example.com' });
    const item = await c.item(id);
    expect(item).toMatchObject({ in_progress: true, successful: false });
    expect(item).not.toHaveProperty('status_code');
    expect(code(await c.call('UpdateSipRegistration', {}))).toBe(134);
    expect(code(await c.call('UpdateSipRegistration', { sip_registration_id: 4242 }))).toBe(275);
    expect(code(await c.call('UpdateSipRegistration', { sip_registration_id: 'x' }))).toBe(496);
    expect(code(await c.call('UpdateSipRegistration', { sip_registration_id: id, proxy: 'bad proxy' }))).toBe(274);
    expect(code(await c.call('UpdateSipRegistration', { sip_registration_id: id, rule_id: 201 }))).toBe(485);
  });

  it('update binding keeps rule/user within the same application and drops them on another', async () => {
    const c = await mock();
    const id = await c.create({ application_id: 101, rule_id: 201 });
    await c.call('UpdateSipRegistration', { sip_registration_id: id, application_id: 101, user_name: 'bob' });
    expect(await c.item(id)).toMatchObject({ application_id: 101, rule_id: 201, user_id: 302 });
    await c.call('UpdateSipRegistration', { sip_registration_id: id, application_name: 'sipc-other-app' });
    const item = await c.item(id);
    expect(item.application_id).toBe(102);
    expect(item).not.toHaveProperty('rule_id');
    expect(item).not.toHaveProperty('user_id');
  });

  it('binds, and a user keeps only its latest registration (Create, Update, Bind)', async () => {
    const c = await mock();
    const a = await c.create({ application_id: 101, user_id: 301 });
    const b = await c.create({ application_id: 101, user_id: 301 });
    expect((await c.item(a)).user_id).toBeUndefined();
    expect((await c.item(a)).application_id).toBe(101);
    expect((await c.item(b)).user_id).toBe(301);
    await c.call('UpdateSipRegistration', { sip_registration_id: a, application_id: 101, user_id: 301 });
    expect((await c.item(b)).user_id).toBeUndefined();
    const d = await c.create();
    expect((await c.call('BindSipRegistration', { sip_registration_id: d, application_id: 101, user_name: 'alice' })).body).toEqual({ result: 1 });
    expect((await c.item(a)).user_id).toBeUndefined();
    expect(await c.item(d)).toMatchObject({ application_id: 101, user_id: 301, user_name: 'alice' });
  });

  it('checks Bind parameters', async () => {
    const c = await mock();
    const id = await c.create();
    const bind = (p: Params) => c.call('BindSipRegistration', p).then(code);
    expect(await bind({ application_id: 101 })).toBe(485);
    expect(await bind({ application_id: 101, bind: true })).toBe(485);
    expect(await bind({ sip_registration_id: id })).toBe(485);
    expect(await bind({ sip_registration_id: id, user_id: 301 })).toBe(485);
    expect(await bind({ sip_registration_id: id, rule_name: 'sipc-rule', bind: false })).toBe(485);
    expect(await bind({ bind: false })).toBe(485);
    expect(await bind({ sip_registration_id: id, application_id: 101, application_name: 'sipc-app' })).toBe(458);
    expect(await bind({ sip_registration_id: id, application_id: 101, rule_id: 999 })).toBe(496);
    expect(await bind({ sip_registration_id: id, application_id: 101, bind: 'maybe' })).toBe(496);
    expect(await bind({ sip_registration_id: 4242, application_id: 101 })).toBe(275);
  });

  it('unbinds: one registration fully, one part, or a whole application', async () => {
    const c = await mock();
    const a = await c.create({ application_id: 101, rule_id: 201, user_id: 301 });
    const b = await c.create({ application_id: 101, user_id: 302 });
    const d = await c.create({ application_id: 102 });
    await c.call('BindSipRegistration', { sip_registration_id: a, application_id: 101, rule_id: 201, bind: false });
    expect(await c.item(a)).toMatchObject({ application_id: 101, user_id: 301 });
    expect((await c.item(a)).rule_id).toBeUndefined();
    await c.call('BindSipRegistration', { sip_registration_id: a, application_id: 102, bind: false });
    expect((await c.item(a)).application_id).toBe(101);
    await c.call('BindSipRegistration', { sip_registration_id: a, bind: false });
    expect((await c.item(a)).application_id).toBeUndefined();
    await c.call('BindSipRegistration', { application_name: 'sipc-app', bind: false });
    expect((await c.item(b)).application_id).toBeUndefined();
    expect((await c.item(d)).application_id).toBe(102);
  });

  it('deletes', async () => {
    const c = await mock();
    const id = await c.create();
    expect(code(await c.call('DeleteSipRegistration', {}))).toBe(134);
    expect((await c.call('DeleteSipRegistration', { sip_registration_id: id })).body).toEqual({ result: 1 });
    expect((await c.get({ sip_registration_id: id })).count).toBe(0);
    expect(code(await c.call('DeleteSipRegistration', { sip_registration_id: id }))).toBe(275);
    expect(code(await c.call('UpdateSipRegistration', { sip_registration_id: id }))).toBe(275);
    expect(code(await c.call('BindSipRegistration', { sip_registration_id: id, bind: false }))).toBe(275);
  });
});

describe('voximplant mock: GetSipRegistrations', () => {
  async function seeded(variant: Variant = 'strict'): Promise<{ c: Client; ids: Record<string, number> }> {
    const c = await mock([], variant);
    const ids = {
      ok: await c.create({ sip_username: 'ok', proxy: 'ok.example.com', application_id: 101, rule_id: 201, user_id: 301 }),
      fail: await c.create({ sip_username: 'fail', proxy: 'fail.example.com', application_id: 102 }),
      timeout: await c.create({ sip_username: 'timeout', proxy: 'timeout.example.com' }),
      pending: await c.create({ sip_username: 'pending', proxy: 'pending.example.com' }),
      login: await c.create({ sip_username: 'login', proxy: 'ok.example.com', application_id: 101, user_name: 'bob', is_persistent: false }),
    };
    return { c, ids };
  }
  const idsOf = (r: { result: any[] }) => r.result.map((i) => i.sip_registration_id);

  it('filters', async () => {
    const { c, ids } = await seeded();
    expect(idsOf(await c.get())).toEqual([500, ids.ok, ids.fail, ids.timeout, ids.pending, ids.login]);
    expect(idsOf(await c.get({ sip_registration_id: ids.fail }))).toEqual([ids.fail]);
    expect(idsOf(await c.get({ sip_username: 'timeout' }))).toEqual([ids.timeout]);
    expect(idsOf(await c.get({ deactivated: true }))).toEqual([500]);
    expect(idsOf(await c.get({ deactivated: false }))).not.toContain(500);
    expect(idsOf(await c.get({ successful: true }))).toEqual([ids.ok]);
    expect(idsOf(await c.get({ successful: false }))).not.toContain(ids.ok);
    expect(idsOf(await c.get({ is_persistent: false }))).toEqual([ids.login]);
    expect(idsOf(await c.get({ in_progress: true }))).toEqual([ids.pending]);
    expect(idsOf(await c.get({ is_bound_to_application: true }))).toEqual([ids.ok, ids.fail, ids.login]);
    expect(idsOf(await c.get({ is_bound_to_application: false }))).toEqual([500, ids.timeout, ids.pending]);
    expect(idsOf(await c.get({ application_id: '101;102' }))).toEqual([ids.ok, ids.fail, ids.login]);
    expect(idsOf(await c.get({ application_name: 'sipc-other-app' }))).toEqual([ids.fail]);
    expect(idsOf(await c.get({ rule_id: 201 }))).toEqual([ids.ok]);
    expect(idsOf(await c.get({ rule_name: 'sipc-rule;other-rule' }))).toEqual([ids.ok]);
    expect(idsOf(await c.get({ user_id: '301;302' }))).toEqual([ids.ok, ids.login]);
    expect(idsOf(await c.get({ user_name: 'bob' }))).toEqual([ids.login]);
    expect(idsOf(await c.get({ proxy: 'ok.example.com;timeout.example.com' }))).toEqual([ids.ok, ids.timeout, ids.login]);
    expect(idsOf(await c.get({ application_id: 999 }))).toEqual([]);
  });

  it('filters status codes by lists and inclusive ranges', async () => {
    const { c, ids } = await seeded();
    expect(idsOf(await c.get({ status_code: '200' }))).toEqual([ids.ok]);
    expect(idsOf(await c.get({ status_code: '403;408' }))).toEqual([ids.fail, ids.timeout]);
    expect(idsOf(await c.get({ status_code: '200:403' }))).toEqual([ids.ok, ids.fail]);
    expect(idsOf(await c.get({ status_code: '200;403:408' }))).toEqual([ids.ok, ids.fail, ids.timeout]);
    expect(idsOf(await c.get({ status_code: '500:599' }))).toEqual([]);
    for (const bad of ['abc', '200:', ':200', '200;;403', '403:200', '2000', '200-299']) {
      expect(code(await c.call('GetSipRegistrations', { status_code: bad })), bad).toBe(496);
    }
  });

  it('pages with count and offset; count in the reply is the total before paging', async () => {
    const { c, ids } = await seeded();
    const all = [500, ids.ok, ids.fail, ids.timeout, ids.pending, ids.login];
    const page = await c.get({ count: 2, offset: 1 });
    expect(idsOf(page)).toEqual(all.slice(1, 3));
    expect(page.count).toBe(6);
    expect(idsOf(await c.get({ offset: 5 }))).toEqual([ids.login]);
    expect(idsOf(await c.get({ offset: 10 }))).toEqual([]);
    expect((await c.get({ count: 0 })).result).toEqual([]);
    for (let i = 0; i < 20; i++) await c.create();
    expect((await c.get()).result).toHaveLength(20);
    expect((await c.get()).count).toBe(26);
  });

  it('rejects malformed parameters', async () => {
    const { c } = await seeded();
    const bad: Params[] = [
      { application_id: '1;2;x' }, { application_id: '1;' }, { user_id: '-1' }, { rule_id: ';' }, { application_name: 'a;;b' },
      { proxy: 'a;' }, { count: -1 }, { count: 'ten' }, { offset: '1.5' }, { successful: 'yes' }, { sip_registration_id: 'x' },
    ];
    for (const p of bad) expect(code(await c.call('GetSipRegistrations', p)), JSON.stringify(p)).toBe(496);
    expect(code(await c.call('GetSipRegistrations', { application_id: 101, application_name: 'sipc-app' }))).toBe(458);
    expect(code(await c.call('GetSipRegistrations', { user_id: 301, user_name: 'alice' }))).toBe(458);
  });
});

describe('voximplant mock: robustness', () => {
  it('never answers 5xx', async () => {
    const c = await mock();
    const weird = ['', 'ü', '\u0000', '😀'.repeat(1000), '9'.repeat(400), '-0', 'NaN', 'Infinity', '1e309', ';;;', ':', '%', '[]', '{"a":1}'];
    for (const method of Object.keys({ CreateSipRegistration: 1, UpdateSipRegistration: 1, BindSipRegistration: 1, DeleteSipRegistration: 1, GetSipRegistrations: 1 })) {
      for (const w of weird) {
        for (const name of ['sip_registration_id', 'sip_username', 'proxy', 'application_id', 'application_name', 'status_code', 'bind', 'count']) {
          const r = await c.call(method, { sip_username: 'x', proxy: 'sip.example.com', sip_registration_id: 1001, [name]: w });
          expect(r.status, `${method} ${name}=${w}`).toBeLessThan(500);
          expect(typeof code(r) === 'number' || r.body?.result !== undefined).toBe(true);
        }
      }
    }
    for (const bearer of ['a.b.c', '....', 'x'.repeat(10000), 'eyJhbGciOiJSUzI1NiJ9.eyJ9.sig', 'é']) {
      const r = await c.call('GetSipRegistrations', {}, { auth: { bearer } });
      expect(code(r)).toBe(100);
    }
    const multipart = await fetch(`${c.url}/platform_api/GetSipRegistrations`, {
      method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz', authorization: `Bearer ${tokens.Owner}` }, body: '--zzz\r\nbroken',
    });
    expect(multipart.status).toBe(200);
    expect((await multipart.json()).error.code).toBe(101);
    const big = await fetch(`${c.url}/platform_api/GetSipRegistrations`, { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
  });
});

describe('voximplant mock: loose variant', () => {
  it('words and shapes things differently', async () => {
    const c = await mock([], 'loose');
    const r = await c.call('CreateSipRegistration', { proxy: 'sip.example.com' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(r.body.error).toEqual({ code: 134, msg: "Parameter 'sip_username' is required", field_name: 'sip_username' });
    const ok = await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com' });
    expect(ok.body.account_info).toMatchObject({ account_id: MOCK_ACCOUNT_ID, balance: 100, currency: 'USD' });
    expect((await c.call('getsipregistrations')).body.total_count).toBe(2);
    // Loose checks parameters before the role.
    expect(code(await c.call('DeleteSipRegistration', {}, { auth: 'Developer' }))).toBe(134);
  });

  it('still obeys the documented rules', async () => {
    const c = await mock([], 'loose');
    const ids = [await c.create({ proxy: 'ok.example.com' }), await c.create({ proxy: 'fail.example.com' }), await c.create({ proxy: 'timeout.example.com' })];
    const call = (m: string, p: Params, auth: Auth = 'Owner') => c.call(m, p, { auth }).then(code);
    expect(await call('CreateSipRegistration', { sip_username: 'x' })).toBe(134);
    expect(await call('CreateSipRegistration', { sip_username: 'a b', proxy: 'sip.example.com' })).toBe(273);
    expect(await call('CreateSipRegistration', { sip_username: 'x', proxy: 'bad proxy' })).toBe(274);
    expect(await call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', rule_id: 201 })).toBe(485);
    expect(await call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', application_id: 101, application_name: 'sipc-app' })).toBe(458);
    expect(await call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', application_id: 999 })).toBe(496);
    expect(await call('DeleteSipRegistration', { sip_registration_id: ids[0] }, 'Developer')).toBe(104);
    expect(await call('DeleteSipRegistration', { sip_registration_id: 4242 })).toBe(275);
    expect(await call('GetSipRegistrations', { application_id: '1;x' })).toBe(496);
    expect(await call('GetSipRegistrations', {}, 'none')).toBe(100);
    expect(await call('NoSuchMethod', {})).toBe(103);
    const range = await c.get({ status_code: '200:403' });
    expect(range.result.map((i) => i.sip_registration_id)).toEqual(ids.slice(0, 2));
    const page = await c.get({ proxy: 'ok.example.com;fail.example.com;timeout.example.com', count: 1, offset: 1 });
    expect(page.result.map((i) => i.sip_registration_id)).toEqual([ids[1]]);
    expect(page.count).toBe(3);
    expect((await c.get({ successful: true })).result.map((i) => i.sip_registration_id)).toEqual([ids[0]]);
    // "show the successful registrations only": loose reads false as no filter.
    expect((await c.get({ successful: false })).result.map((i) => i.sip_registration_id)).toContain(ids[0]);
    await c.call('BindSipRegistration', { sip_registration_id: ids[0], application_id: 101, user_id: 301 });
    await c.call('BindSipRegistration', { sip_registration_id: ids[1], application_id: 101, user_id: 301 });
    expect((await c.item(ids[0])).user_id).toBeUndefined();
    await c.call('DeleteSipRegistration', { sip_registration_id: ids[2] });
    expect((await c.get({ sip_registration_id: ids[2] })).count).toBe(0);
  });
});

describe('voximplant mock: strictest and lenient variants (docs/undecided/voximplant.md)', () => {
  const create = (c: Client, p: Params) => c.call('CreateSipRegistration', { sip_username: 'line', proxy: 'sip.example.com', ...p }).then(code);
  const get = (c: Client, p: Params) => c.call('GetSipRegistrations', p).then(code);

  it('strictest refuses every undecided value and takes the narrowest reading', async () => {
    const c = await mock([], 'strictest');
    for (const proxy of ['sip:sip.example.com', 'localhost', 'sip.example.com:5060', 'SIP.EXAMPLE.COM', '12']) expect(await create(c, { proxy }), proxy).toBe(274);
    for (const sip_username of ['+15551234567', 'a@b', '_x']) expect(await create(c, { sip_username }), sip_username).toBe(273);
    expect(await create(c, { password: 'x'.repeat(33) })).toBe(496);
    expect(await create(c, { is_persistent: false, application_id: 101, user_id: 301 })).toBe(496);
    for (const p of <Params[]>[{ count: '007' }, { count: '' }, { count: '21' }, { count: '1000' }, { count: '0' }, { is_persistent: 'TRUE' }, { application_id: '1;;2' }, { application_name: 'a;;b' }, { status_code: '99' }]) expect(await get(c, p), JSON.stringify(p)).toBe(496);
    const id = await c.create({ proxy: 'page.example.com' });
    await c.create({ proxy: 'page.example.com' });
    expect((await c.get({ proxy: 'page.example.com', count: 1 })).count).toBe(1);
    expect(code(await c.call('BindSipRegistration', { sip_registration_id: id, bind: true }))).toBe(485);
    expect(code(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(creds.Owner, { iat: now() - 7200, exp: now() - 3600 }) } }))).toBe(456);
    expect(code(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(creds.Owner, { exp: now() + 86400 }) } }))).toBe(454);
  });

  it('lenient takes every undecided value and the widest reading, and still refuses what no reading accepts', async () => {
    const c = await mock([], 'lenient');
    for (const proxy of ['sip:sip.example.com', 'localhost', '[2001:db8::1]:5061', '12', ' sip.example.com']) expect(await create(c, { proxy }), proxy).toBeUndefined();
    for (const sip_username of ['+15551234567', 'a@b', 'élodie']) expect(await create(c, { sip_username }), sip_username).toBeUndefined();
    expect(await create(c, { auth_user: 'two words', outbound_proxy: 'not a host', password: 'x'.repeat(300) })).toBeUndefined();
    for (const p of <Params[]>[{ count: '007' }, { count: '1.5' }, { count: '1000' }, { count: '0' }, { is_persistent: 'TRUE' }, { application_id: '1;;2' }, { application_name: ';' }, { status_code: '300:200' }, { status_code: '2xx' }]) expect(await get(c, p), JSON.stringify(p)).toBeUndefined();
    expect(await create(c, { proxy: 'two words' })).toBe(274);
    expect(await create(c, { sip_username: 'a b' })).toBe(273);
    expect(await get(c, { count: 'x' })).toBe(496);
    expect(await get(c, { status_code: 'abc' })).toBe(496);
    const id = await c.create({ proxy: 'page.example.com' });
    expect(code(await c.call('BindSipRegistration', { sip_registration_id: id, bind: true }))).toBeUndefined();
    expect(code(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(creds.Owner, { iat: now() - 7200, exp: now() - 3600 }) } }))).toBe(100);
  });
});

/**
 * Each fault: the same scenario against a clean mock and a mock with only that fault on;
 * the observations must be `good` and `bad` respectively.
 */
interface FaultCheck { scenario: (c: Client) => Promise<unknown>; good: unknown; bad: unknown }
const outcome = (r: Reply) => (r.status !== 200 ? `HTTP ${r.status}` : r.body?.error ? r.body.error.code ?? 'no code' : 'ok');
const three = async (c: Client) => [
  await c.create({ sip_username: 'p1', proxy: 'page.example.com' }),
  await c.create({ sip_username: 'p2', proxy: 'page.example.com' }),
  await c.create({ sip_username: 'p3', proxy: 'page.example.com' }),
];

/** A registration at the test registrar, for a fresh line whose digest user and password the registrar knows. */
/** The lines the platform faults' scenarios registered, for the failure message. */
const linesAtRegistrar: string[] = [];

/** What the registrar heard of `lines` (and dropped): a platform check that fails says what came, and when. */
function heardOf(lines: string[]): string {
  const heard = registrar.registrations.filter((r) => lines.includes(r.user ?? ''));
  const times = heard.map((r) => `${r.summary} (heard ${r.at}, answered ${r.answeredAt}, ${r.retransmissions} retransmissions)`);
  return [`registrar heard, now ${Date.now()}:`, ...times, ...registrar.dropped.map((d) => `dropped from ${d.flow}: ${d.reason}`)].join('\n');
}

async function atRegistrar(c: Client, o: { refuse?: boolean } = {}) {
  const user = `line-${randomBytes(4).toString('hex')}`;
  linesAtRegistrar.push(user);
  const auth = `auth-${user}`;
  const password = `Pw${randomBytes(4).toString('hex')}`;
  registrar.accounts.set(auth, { password, aor: user, maxExpires: 20, ...(o.refuse && { refuse: { status: 403, reason: 'Forbidden' } }) });
  const since = Date.now();
  const id = await c.create({ sip_username: user, auth_user: auth, password, proxy: REGISTRAR });
  const next = (test: (r: Registration) => boolean, from = since) => registrar.waitFor((r) => (r.user === user || r.auth?.username === auth) && test(r), 30_000, from);
  return { id, user, auth, password, next };
}

/** The item once the platform has an outcome (bounded: the platform answers within a transaction's time). */
async function settled(c: Client, id: number): Promise<any> {
  for (let i = 0; i < 200; i++) {
    const item = await c.item(id);
    if (item.in_progress === false) return item;
    await new Promise((done) => setTimeout(done, 25));
  }
  throw new Error(`registration ${id} never left in_progress`);
}

const FAULT_CHECKS: Record<string, FaultCheck> = {
  'sip-auth-user-ignored': {
    scenario: async (c) => {
      const r = await atRegistrar(c);
      return (await r.next((x) => x.auth !== undefined))?.auth?.username === r.auth;
    },
    good: true, bad: false,
  },
  'sip-never-registers': {
    scenario: async (c) => {
      const r = await atRegistrar(c);
      // The clean platform registers at once; 1 s (20 s on its clock) without a REGISTER is the fault.
      return (await registrar.waitFor((x) => x.user === r.user, 1000)) !== undefined;
    },
    good: true, bad: false,
  },
  'sip-status-from-challenge': {
    scenario: async (c) => {
      const r = await atRegistrar(c);
      await r.next((x) => x.status === 200);
      const item = await settled(c, r.id);
      return [item.successful, item.status_code];
    },
    good: [true, 200], bad: [false, 401],
  },
  'sip-refusal-reported-successful': {
    scenario: async (c) => {
      const r = await atRegistrar(c, { refuse: true });
      await r.next((x) => x.status === 403);
      const item = await settled(c, r.id);
      return [item.successful, item.status_code, item.error_message];
    },
    good: [false, 403, 'Forbidden'], bad: [true, 200, undefined],
  },
  'sip-stale-password-after-update': {
    scenario: async (c) => {
      const r = await atRegistrar(c);
      const first = await r.next((x) => x.status === 200);
      const fresh = `Pw${randomBytes(4).toString('hex')}`;
      registrar.accounts.set(r.auth, { password: fresh, aor: r.user, maxExpires: 20 });
      const since = Date.now();
      await c.call('UpdateSipRegistration', { sip_registration_id: r.id, password: fresh });
      // The update's REGISTER, not a UDP retransmission of the first one (its nonce).
      const after = await r.next((x) => x.auth !== undefined && x.credentials?.params.get('nonce') !== first!.credentials?.params.get('nonce'), since);
      return usesPassword(after!, fresh);
    },
    good: true, bad: false,
  },
  'sip-delete-keeps-registering': {
    scenario: async (c) => {
      const r = await atRegistrar(c);
      const ok = await r.next((x) => x.status === 200);
      await c.call('DeleteSipRegistration', { sip_registration_id: r.id });
      // The next REGISTER: the unregister (Expires 0), or the refresh 10 s (0.5 s here) after the 200.
      return (await r.next(() => true, ok!.answeredAt + 1))?.expires;
    },
    good: 0, bad: 300,
  },

  'bind-keeps-previous': {
    scenario: async (c) => {
      const a = await c.create({ application_id: 101, user_id: 301 });
      await c.create({ application_id: 101, user_id: 301 });
      return (await c.item(a)).user_id ?? null;
    },
    good: null, bad: 301,
  },
  'delete-noop': {
    scenario: async (c) => {
      const id = await c.create();
      await c.call('DeleteSipRegistration', { sip_registration_id: id });
      return (await c.get({ sip_registration_id: id })).count;
    },
    good: 0, bad: 1,
  },
  'offset-off-by-one': {
    scenario: async (c) => {
      const ids = await three(c);
      const r = await c.get({ proxy: 'page.example.com', count: 1, offset: 1 });
      return ids.indexOf(r.result[0].sip_registration_id);
    },
    good: 1, bad: 0,
  },
  'count-ignored': {
    scenario: async (c) => { await three(c); return (await c.get({ proxy: 'page.example.com', count: 1 })).result.length; },
    good: 1, bad: 3,
  },
  'range-exclusive': {
    scenario: async (c) => { await c.create(); return (await c.get({ status_code: '200:299' })).result.length; },
    good: 1, bad: 0,
  },
  'role-allowed': {
    scenario: async (c) => outcome(await c.call('DeleteSipRegistration', { sip_registration_id: await c.create() }, { auth: 'Developer' })),
    good: 104, bad: 'ok',
  },
  'unknown-id-accepted': {
    scenario: async (c) => outcome(await c.call('DeleteSipRegistration', { sip_registration_id: 4242 })),
    good: 275, bad: 'ok',
  },
  'pair-accepted': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', application_id: 101, application_name: 'sipc-app' })),
    good: 458, bad: 'ok',
  },
  'expired-jwt-accepted': {
    scenario: async (c) => outcome(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(creds.Owner, { iat: now() - 7200, exp: now() - 3600 }) } })),
    good: 100, bad: 'ok',
  },
  'long-lived-jwt-accepted': {
    scenario: async (c) => outcome(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(creds.Owner, { exp: now() + 86400 }) } })),
    good: 100, bad: 'ok',
  },
  'jwt-signature-unchecked': {
    scenario: async (c) => {
      const other = await generateKeyPair('RS256', { extractable: true });
      const forged = { ...creds.Owner, private_key: await exportPKCS8(other.privateKey) };
      return outcome(await c.call('GetSipRegistrations', {}, { auth: { bearer: await signVoxToken(forged) } }));
    },
    good: 100, bad: 'ok',
  },
  'api-key-rejected': {
    scenario: async (c) => outcome(await c.call('GetSipRegistrations', {}, { auth: 'apikey' })),
    good: 'ok', bad: 100,
  },
  'required-missing-accepted': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x' })),
    good: 134, bad: 'ok',
  },
  'invalid-proxy-accepted': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'not a proxy' })),
    good: 274, bad: 'ok',
  },
  'cap-unenforced': {
    scenario: async (c) => {
      for (let i = 1; i < 100; i++) await c.create();
      return outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com' }));
    },
    good: 272, bad: 'ok',
  },
  'update-ignored': {
    scenario: async (c) => {
      const id = await c.create();
      await c.call('UpdateSipRegistration', { sip_registration_id: id, proxy: 'new.example.com' });
      return (await c.item(id)).proxy;
    },
    good: 'new.example.com', bad: 'sip.example.com',
  },
  'unbind-ignored': {
    scenario: async (c) => {
      const id = await c.create({ application_id: 101 });
      await c.call('BindSipRegistration', { sip_registration_id: id, bind: false });
      return (await c.item(id)).application_id ?? null;
    },
    good: null, bad: 101,
  },
  'unknown-target-accepted': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', application_id: 999 })),
    good: 496, bad: 'ok',
  },
  'application-not-required': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com', user_id: 301 })),
    good: 485, bad: 'ok',
  },
  'filter-ignored': {
    scenario: async (c) => { await three(c); return (await c.get({ sip_username: 'p2' })).count; },
    good: 1, bad: 4,
  },
  'successful-filter-ignored': {
    scenario: async (c) => {
      await c.create({ sip_username: 'ok', proxy: 'page.example.com' });
      await c.create({ sip_username: 'no', proxy: 'fail.example.com' });
      return (await c.get({ proxy: 'page.example.com;fail.example.com', successful: true })).result.map((r) => r.sip_username);
    },
    good: ['ok'], bad: ['ok', 'no'],
  },
  'count-ignores-filter': {
    scenario: async (c) => { await three(c); return (await c.get({ proxy: 'page.example.com', count: 1 })).count; },
    good: 3, bad: 4,
  },
  'bad-bool-accepted': {
    scenario: async (c) => outcome(await c.call('GetSipRegistrations', { is_persistent: 'maybe' })),
    good: 496, bad: 'ok',
  },
  '5xx-on-bad-list': {
    scenario: async (c) => outcome(await c.call('GetSipRegistrations', { application_id: '1;2;x' })),
    good: 496, bad: 'HTTP 500',
  },
  'form-body-ignored': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', { sip_username: 'x', proxy: 'sip.example.com' }, { via: 'form' })),
    good: 'ok', bad: 134,
  },
  'error-without-code': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', {})),
    good: 134, bad: 'no code',
  },
  'error-http-400': {
    scenario: async (c) => outcome(await c.call('CreateSipRegistration', {})),
    good: 134, bad: 'HTTP 400',
  },
};

describe('voximplant mock: faults', () => {
  // The shell's HTTP faults (mocks/kit.ts) are checked where the shell is, and by the fault score.
  const own = voximplantMock.faults.filter((f) => !Object.values(HTTP_FAULTS).some((h) => h.name === f.name));
  it('has a check for every fault', () => {
    expect(Object.keys(FAULT_CHECKS).sort()).toEqual(own.map((f) => f.name).sort());
  });
  for (const f of own) {
    it(`${f.name} changes what it claims`, async () => {
      const check = FAULT_CHECKS[f.name];
      linesAtRegistrar.length = 0;
      expect(await check.scenario(await mock()), heardOf(linesAtRegistrar)).toEqual(check.good);
      linesAtRegistrar.length = 0;
      expect(await check.scenario(await mock([f.name])), heardOf(linesAtRegistrar)).toEqual(check.bad);
    });
  }
});

describe('the Voximplant mock started by hand', () => {
  it('writes the credentials of every role and a config that its own keys verify (JWT first; the legacy key for VOX-AUTH-API-KEY)', async () => {
    const files = await voximplantMock.standalone!('http://127.0.0.1:1');
    const path = files.printed.config!.split(' ')[0]!;
    const { voximplant } = JSON.parse(await readFile(path, 'utf8')) as { voximplant: { credentials: Record<string, string>; accountId?: number; apiKey?: string } };
    expect([voximplant.accountId, voximplant.apiKey]).toEqual([MOCK_ACCOUNT_ID, MOCK_API_KEY]);
    expect(Object.keys(voximplant.credentials).sort()).toEqual(['accountant', 'admin', 'developer', 'owner', 'supervisor', 'support']);
    const running = await startMock(voximplantMock, { faults: [], variant: 'strict' });
    try {
      const owner = JSON.parse(await readFile(voximplant.credentials.owner!, 'utf8'));
      const token = await signVoxToken(owner);
      const res = await fetch(`${running.url}/platform_api/GetSipRegistrations`, { headers: { authorization: `Bearer ${token}` } });
      expect(await res.json()).toMatchObject({ count: 1 });
    } finally {
      await running.close();
      await rm(files.dir, { recursive: true, force: true });
    }
  });
});
