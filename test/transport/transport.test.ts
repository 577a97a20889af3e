// The transport's policies, each proved against a loopback server that makes it matter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { voximplantMock } from '../../specs/voximplant/mock/index.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY, writeMockCredentials } from '../../specs/voximplant/mock/keys.ts';
import { HttpClient } from '../../src/http/client.ts';
import { createTransport, parseRate } from '../../src/http/index.ts';
import { cliInProcess } from '../support/cli.ts';
import { explain, runAgainstMock } from '../support/run.ts';
import { idleResetProxy } from '../support/idle-reset-proxy.ts';
import { stallEventLoop } from '../support/stall.ts';
import { loadSpec } from '../../specs/index.ts';
import { EMBEDDED_MOCK_LISTEN, prepareSpecRun } from '../../src/run/run-spec.ts';

// The tests mostly wait (idle connections, Retry-After, paced runs, token lifetimes), each on servers
// of its own: they run side by side, and what they started is closed when the file ends.
const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function server(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<{ url: string; hits: () => number; connections: () => number }> {
  let n = 0;
  let connections = 0;
  const s = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res, ++n));
  });
  s.on('connection', () => connections++);
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  cleanup.push(() => new Promise((done) => (s.closeAllConnections(), s.close(() => done()))));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, hits: () => n, connections: () => connections };
}

/** A request timeout no busy machine reaches: the tests share one event loop with runs beside them, and no test here is about a timeout. */
const TIMEOUT_MS = 30_000;

function transport(rate?: string) {
  const client = new HttpClient({ timeoutMs: TIMEOUT_MS, concurrency: 4 });
  cleanup.push(() => client.close());
  return createTransport(client, { rate: rate ? parseRate(rate, 'test') : undefined });
}

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}');

describe.concurrent('stale keep-alive connections', () => {
  it('retries an idempotent request reset on an idle connection once, on a fresh one; a create is sent on a fresh connection and never twice', async () => {
    const upstream = await server((_req, res) => ok(res));
    const proxy = await idleResetProxy(upstream.url, 50);
    cleanup.push(() => proxy.close());
    const t = transport();
    expect((await t.send({ method: 'GET', url: `${proxy.url}/a`, headers: {} })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 120));
    const again = await t.send({ method: 'GET', url: `${proxy.url}/a`, headers: {} });
    expect(again.status).toBe(200);
    expect(proxy.dropped()).toBe(1);
    expect(t.stats.staleRetries).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    const create = await t.send({ method: 'GET', url: `${proxy.url}/create`, headers: {} }, { idempotent: false });
    expect(create.status).toBe(200);
    expect(proxy.dropped()).toBe(1);
    expect(upstream.hits()).toBe(3);
  });

  it('a POST rides a kept-alive connection only to the embedded mock, whose connections cannot go stale', async () => {
    const connections = async (ownTarget: boolean) => {
      const s = await server((_req, res) => ok(res));
      const client = new HttpClient({ timeoutMs: TIMEOUT_MS, concurrency: 1 });
      cleanup.push(() => client.close());
      const t = createTransport(client, { ownTarget });
      for (let i = 0; i < 3; i++) {
        const r = await t.send({ method: 'POST', url: `${s.url}/create`, headers: {}, body: '{}' });
        expect(r.status).toBe(200);
      }
      return s.connections();
    };
    expect(await connections(false)).toBe(3);
    expect(await connections(true)).toBe(1);
  });

  it('the embedded mock never closes an idle connection (the client alone does), so a create on one cannot be reset', async () => {
    const spec = await loadSpec('ringcentral');
    /** Whether a kept-alive connection, idle past Node's default keep-alive (5 s, closed at 6 s), is still open. */
    const openAfterIdle = async (listen: { keepAliveTimeoutMs?: number }) => {
      const mock = await startMock(spec.mock!, { faults: [], variant: 'strict' }, listen);
      cleanup.push(() => mock.close());
      const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
      cleanup.push(async () => void socket.destroy());
      let closed = false;
      socket.on('close', () => (closed = true)).on('error', () => {});
      socket.write('POST /restapi/v1.0/client-info/sip-provision HTTP/1.1\r\nHost: mock\r\nContent-Length: 0\r\n\r\n');
      await new Promise((answered) => socket.once('data', answered));
      await new Promise((r) => setTimeout(r, 7500));
      return !closed;
    };
    // Under Node's default (`{}`) it is closed by then: that race reset creates on a busy machine.
    expect(await openAfterIdle(EMBEDDED_MOCK_LISTEN)).toBe(true);
  });

  it('never retries a reset that came from a fresh connection twice: a resetting server still gets its verdict', async () => {
    const upstream = await server((req) => req.socket.resetAndDestroy());
    const t = transport();
    const r = await t.send({ method: 'GET', url: `${upstream.url}/`, headers: {} });
    expect(r.error?.cause).toBe('reset');
    expect(upstream.hits()).toBe(2);
    const post = await t.send({ method: 'POST', url: `${upstream.url}/`, headers: {}, body: '{}' });
    expect(post.error?.cause).toBe('reset');
    expect(upstream.hits()).toBe(3);
  });

  it('draws no verdict from a server that closes idle connections after 50 ms, requests spaced past it', async () => {
    const spec = await loadSpec('ringcentral');
    const mock = await startMock(spec.mock!, { faults: [], variant: 'strict' });
    cleanup.push(() => mock.close());
    const proxy = await idleResetProxy(mock.url, 50);
    cleanup.push(() => proxy.close());
    const only = ['RC-VALID-ACCEPTED', 'RC-DEVICE-ID-LENGTH', 'RC-AUTH-MISSING', 'RC-MALFORMED-JSON'];
    const report = await runAgainstMock(spec, { runs: 3, only, section: { target: proxy.url, token: spec.mock!.fixtures.token }, rate: '10/s' });
    expect(report.requirements.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
    expect(proxy.dropped()).toBeGreaterThan(0);
    expect(report.transport?.staleRetries).toBe(proxy.dropped());
  });
});

describe.concurrent('429 Too Many Requests', () => {
  it('waits as Retry-After tells, then sends again; counts the wait', async () => {
    const s = await server((_req, res, n) => (n === 1 ? res.writeHead(429, { 'retry-after': '1' }).end() : ok(res)));
    const t = transport();
    const started = Date.now();
    const r = await t.send({ method: 'POST', url: `${s.url}/`, headers: {}, body: '{}' });
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(t.stats).toMatchObject({ rateLimitWaits: 1, requests: 2 });
    expect(t.stats.waitedMs).toBeGreaterThanOrEqual(1000);
  });

  it('keeps a run under the enforced limit and green; a faster run waits out the penalty instead of failing', async () => {
    const spec = await loadSpec('ringcentral');
    const rateLimit = { limit: 10, windowMs: 1000, penaltyMs: 1000, group: 'heavy' };
    const only = ['RC-VALID-ACCEPTED', 'RC-DEVICE-ID-LENGTH', 'RC-AUTH-INVALID', 'RC-TRANSPORT-VALUE'];
    for (const [rate, refusals] of [['10/s', 0], ['40/s', 'some']] as const) {
      const mock = await startMock(spec.mock!, { faults: [], variant: 'strict', rateLimit });
      cleanup.push(() => mock.close());
      const report = await runAgainstMock(spec, { runs: 4, only, section: { target: mock.url, token: spec.mock!.fixtures.token }, rate });
      expect(report.requirements.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
      expect(report.transport!.requests).toBeGreaterThan(20);
      if (refusals === 0) expect(mock.stats().rateLimited).toBe(0);
      else expect(report.transport!.rateLimitWaits).toBeGreaterThan(0);
    }
  });
});

describe.concurrent('re-authentication', () => {
  it('recovers from a token that expires mid-run by logging in again, once per expiry', async () => {
    const spec = await loadSpec('basip-android');
    const mock = await startMock(spec.mock!, { faults: [], variant: 'strict', tokenLifetimeMs: 2000 });
    cleanup.push(() => mock.close());
    const section = { target: mock.url, username: 'admin', password: '123456' };
    // Paced at 10 per second, first come first served, the run outlives two tokens, and no retry
    // after a login waits as long as a token lives.
    const report = await runAgainstMock(spec, { runs: 40, only: ['BASIP-ANDROID-USER-LENGTH'], section, rate: '10/s' });
    expect(report.requirements.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
    expect(report.transport!.reauthentications).toBeGreaterThan(0);
    expect(report.transport!.requests).toBeGreaterThan(24);
  });

  it('sends a 401 to credentials that were invalid on purpose as it is, without logging in again', async () => {
    const s = await server((_req, res) => res.writeHead(401).end());
    const t = transport();
    let logins = 0;
    const r = await t.send({ method: 'GET', url: `${s.url}/`, headers: {} }, { reauthenticate: async () => (logins++, { method: 'GET', url: `${s.url}/`, headers: {} }) });
    expect(r.status).toBe(401);
    expect(logins).toBe(1);
    expect(s.hits()).toBe(2);
    expect((await t.send({ method: 'GET', url: `${s.url}/`, headers: {} })).status).toBe(401);
    expect(s.hits()).toBe(3);
  });
});

describe.concurrent('run --dry-run', () => {
  it('lists every requirement with its planned cases, the total and the time at the vendor rate, missing fixtures, and sends nothing', async () => {
    const s = await server((_req, res) => ok(res));
    const config = join(mkdtempSync(join(tmpdir(), 'sipc-dry-')), 'config.json');
    writeFileSync(config, JSON.stringify({ ringcentral: { token: 'dry-token' } }));
    const out = await cliInProcess(['run', '--spec', 'ringcentral', '--target', s.url, '--config', config, '--runs', '10', '--dry-run']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^dry run: nothing is sent/);
    expect(out.stdout).toMatch(/RC-DEVICE-ID-LENGTH\s+\d+ cases/);
    expect(out.stdout).toMatch(/RC-VOIP-PERMISSION\s+skip: needs fixture "noVoipPermissionToken"/);
    expect(out.stdout).toMatch(/at 10 per 1 min per credential .*Heavy.*: about \d+ min/);
    const total = Number(/total: (\d+) requests planned/.exec(out.stdout)?.[1]);
    const listed = [...out.stdout.matchAll(/ (\d+) cases| \d+ scenario runs \((\d+) requests\)/g)].reduce((n, m) => n + Number(m[1] ?? m[2]), 0);
    expect(total).toBe(listed);
    expect(s.hits()).toBe(0);
    const budgeted = await cliInProcess(['run', '--spec', 'ringcentral', '--dry-run', '--budget', '48']);
    expect(budgeted.stdout).toMatch(/48 requests planned \(budget 48\)/);
  });
});

describe.concurrent('Voximplant cleanup through the transport', () => {
  it('waits out 429s on the deletes of what the run created: nothing billed is left behind', async () => {
    const files = await writeMockCredentials(await mkdtemp(join(tmpdir(), 'sipc-vox-429-')));
    const spec = await loadSpec('voximplant');
    const mock = await startMock(voximplantMock, { faults: [], variant: 'strict', rateLimit: { limit: 4, windowMs: 500, penaltyMs: 500, group: 'test', announce: false } });
    cleanup.push(() => mock.close());
    const accountData = {
      applications: [
        { id: 101, name: 'sipc-app', rules: [{ id: 201, name: 'sipc-rule' }], users: [{ id: 301, name: 'alice' }, { id: 302, name: 'bob' }] },
        { id: 102, name: 'sipc-other-app', rules: [{ id: 203, name: 'other-rule' }], users: [{ id: 303, name: 'carol' }] },
      ],
    };
    const section = { target: mock.url, credentials: { owner: files.Owner! }, accountId: MOCK_ACCOUNT_ID, apiKey: MOCK_API_KEY, allowBillable: true, accountData };
    const report = await runAgainstMock(spec, { runs: 4, only: ['VOX-CREATE-RESULT', 'VOX-DELETE-REMOVES'], section });
    expect(report.requirements.filter((r) => r.verdict === 'fail'), explain(report.requirements)).toEqual([]);
    expect(report.transport!.rateLimitWaits).toBeGreaterThan(0);
    expect(mock.stats().rateLimited).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 600));
    const after = await fetch(`${mock.url}/platform_api/GetSipRegistrations?account_id=${MOCK_ACCOUNT_ID}&api_key=${MOCK_API_KEY}&count=1000`).then((r) => r.json());
    expect(after.result.map((r: { sip_registration_id: number }) => r.sip_registration_id)).toEqual([500]);
  });
});

// Alone, after the others: it stalls the event loop they share.
describe('the embedded mock', () => {
  it('is given time however loaded the machine: a late answer from the run\'s own event loop is not a timeout', async () => {
    const spec = await loadSpec('ringcentral');
    // The configured timeout is short so that a short stall of the event loop outlasts it three times.
    const run = await prepareSpecRun(spec, { seed: 1, runs: 1, timeoutMs: 200, concurrency: 1, timeLimitMs: 10_000, section: {} });
    cleanup.push(() => run.close());
    const answer = run.transport.send({ method: 'POST', url: `${/\((.*)\)/.exec(run.target)![1]}/restapi/v1.0/client-info/sip-provision`, headers: {}, body: '{}' });
    await new Promise((written) => setImmediate(written));
    stallEventLoop(600); // past the 200 ms timeout
    const r = await answer;
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(401);
  });
});
