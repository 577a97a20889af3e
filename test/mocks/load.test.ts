// Each reference mock survives a 2k-request autocannon burst of mixed valid and hostile requests,
// with no crash and its state still consistent afterwards. (The suite's own fuzzing of every mock
// runs in test/mutation.test.ts.)
import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { basipAndroidMock } from '../../specs/basip-android/mock/index.ts';
import { basipCamdroidMock } from '../../specs/basip-camdroid/mock/index.ts';
import { type MockDefinition, startMock } from '../../mocks/kit.ts';
import { ringcentralMock } from '../../specs/ringcentral/mock/index.ts';
import { voximplantMock } from '../../specs/voximplant/mock/index.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY } from '../../specs/voximplant/mock/keys.ts';

type Request = NonNullable<autocannon.Options['requests']>[number];

interface LoadPlan {
  mock: MockDefinition;
  requests(url: string): Promise<Request[]> | Request[];
  /** After the burst: the mock still answers as documented and its state is consistent. */
  consistent(url: string): Promise<void>;
}

/**
 * Requests in each mock's burst (16 connections, mixed valid and hostile): every kind of request sent
 * hundreds of times on connections in flight together, Voximplant's creates past its cap of 100 (was
 * 5,000: the same, two and a half times over, 2.5 s more of the test worker's CPU).
 */
const BURST = 2000;

const RC_PATH = '/restapi/v1.0/client-info/sip-provision';
const rcHeaders = { 'content-type': 'application/json', authorization: `Bearer ${ringcentralMock.fixtures.token}`, 'user-agent': 'load/1.0' };

const plans: Record<string, LoadPlan> = {
  ringcentral: {
    mock: ringcentralMock,
    requests: () => [
      { method: 'POST', path: RC_PATH, headers: rcHeaders, body: JSON.stringify({ device: { id: '123' }, sipInfo: [{ transport: 'UDP' }] }) },
      { method: 'POST', path: RC_PATH, headers: rcHeaders, body: '{"device":' },
      { method: 'POST', path: RC_PATH, headers: rcHeaders, body: JSON.stringify({ device: { id: 'x'.repeat(5000) }, sipInfo: [{ transport: '\u0000' }] }) },
      { method: 'POST', path: RC_PATH, headers: { ...rcHeaders, authorization: 'Bearer nope' }, body: '[]' },
      { method: 'GET', path: '/../../etc/passwd', headers: rcHeaders },
    ],
    consistent: async (url) => {
      const res = await fetch(url + RC_PATH, { method: 'POST', headers: rcHeaders, body: JSON.stringify({ device: { id: '42' } }) });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { device: { id: string } }).device.id).toBe('42');
    },
  },
};

/** BAS-IP: a burst of writes with one known body among hostile ones; afterwards GET reads that body back. */
function basipPlan(mock: MockDefinition, settings: Record<string, unknown>): LoadPlan {
  const path = mock.fixtures.settingsPath!;
  const headers = { 'content-type': 'application/json', authorization: mock.fixtures.basicAuthorization! };
  return {
    mock,
    requests: () => [
      { method: 'POST', path, headers, body: JSON.stringify(settings) },
      { method: 'POST', path, headers, body: '{"proxy": ' },
      { method: 'POST', path, headers, body: JSON.stringify({ ...settings, user: 'u'.repeat(5000), stun: [[[[{}]]]] }) },
      { method: 'POST', path, headers: { ...headers, authorization: 'Bearer nope' }, body: JSON.stringify(settings) },
      { method: 'GET', path, headers },
      { method: 'GET', path: mock.fixtures.loginUrl!, headers: {} },
    ],
    consistent: async (url) => {
      const res = await fetch(url + path, { headers });
      expect(res.status).toBe(200);
      // The password GET shows is an undecided point: the stored one or the panels' placeholder.
      const { password: shown, ...view } = (await res.json()) as Record<string, unknown>;
      const { password: stored, ...written } = settings;
      expect(view).toMatchObject(written);
      expect([stored, 'WebPass']).toContain(shown);
    },
  };
}

const stun = { ip: 'stun.bas-ip.com', port: 3478 };
plans['basip-camdroid'] = basipPlan(basipCamdroidMock, { proxy: 'sip:sip.bas-ip.com', realm: 'sip.bas-ip.com', user: '1001', password: 'secret1', stun, h264: 102, registration_interval: 300, transport: 'udp' });
plans['basip-android'] = basipPlan(basipAndroidMock, { enable: true, proxy: 'sip.bas-ip.com:5060', realm: '10.0.0.1', user: '1001', password: 'secret12', timeout: 300, stun, transport: 'tcp', registration_interval: 600 });

const legacy = `account_id=${MOCK_ACCOUNT_ID}&api_key=${MOCK_API_KEY}`;
plans.voximplant = {
  mock: voximplantMock,
  requests: () => [
    { method: 'GET', path: `/platform_api/CreateSipRegistration?${legacy}&sip_username=load&proxy=sip.example.com` },
    { method: 'GET', path: `/platform_api/GetSipRegistrations?${legacy}&count=5` },
    { method: 'POST', path: '/platform_api/DeleteSipRegistration', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `${legacy}&sip_registration_id=1001` },
    { method: 'GET', path: `/platform_api/GetSipRegistrations?${legacy}&status_code=1;2:x&application_id=1;2;x` },
    { method: 'GET', path: '/platform_api/BindSipRegistration', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } },
  ],
  consistent: async (url) => {
    const res = await fetch(`${url}/platform_api/GetSipRegistrations?${legacy}&count=1000`);
    const body = (await res.json()) as { result: { sip_registration_id: number }[]; count: number };
    const ids = body.result.map((r) => r.sip_registration_id);
    expect(ids.length).toBe(body.count);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeLessThanOrEqual(100);
  },
};

describe.each(Object.entries(plans))('%s mock under a 2k-request burst', (_name, plan) => {
  it('answers every request, crashes never, and stays consistent', async () => {
    const server = await startMock(plan.mock, { faults: [], variant: 'strict' });
    try {
      const result = await autocannon({ url: server.url, amount: BURST, connections: 16, requests: await plan.requests(server.url), timeout: 10 });
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result['5xx']).toBe(0);
      expect(result.requests.total).toBeGreaterThanOrEqual(BURST);
      await plan.consistent(server.url);
    } finally {
      await server.close();
    }
  });
});
