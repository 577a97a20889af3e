// Each reference mock survives a 10k-request autocannon burst of mixed valid and hostile requests,
// with no crash and its state still consistent afterwards.
import autocannon from 'autocannon';
import { describe, expect, it } from 'vitest';
import { type MockDefinition, startMock } from '../../mocks/kit.ts';
import { ringcentralMock } from '../../mocks/ringcentral.ts';

type Request = NonNullable<autocannon.Options['requests']>[number];

interface LoadPlan {
  mock: MockDefinition;
  requests(url: string): Promise<Request[]> | Request[];
  /** After the burst: the mock still answers as documented and its state is consistent. */
  consistent(url: string): Promise<void>;
}

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

describe.each(Object.entries(plans))('%s mock under a 10k-request burst', (_name, plan) => {
  it('answers every request, crashes never, and stays consistent', async () => {
    const server = await startMock(plan.mock, { faults: [], variant: 'strict' });
    try {
      const result = await autocannon({ url: server.url, amount: 10_000, connections: 16, requests: await plan.requests(server.url), timeout: 10 });
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result['5xx']).toBe(0);
      expect(result.requests.total).toBeGreaterThanOrEqual(10_000);
      await plan.consistent(server.url);
    } finally {
      await server.close();
    }
  }, 60_000);
});
