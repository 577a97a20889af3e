// The Voximplant mock as a user starts it (`sip-conformance mock --spec voximplant`), in a process of
// its own on 127.0.0.1: its address, the config it prints, and its registrations read through its API.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type StandaloneMock as StandaloneBase, startStandaloneMock } from '../../test/support/standalone.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY } from './mock/keys.ts';

export interface StandaloneMock extends StandaloneBase {
  /** Ids of the registrations on the mock (the frozen one, 500, included). */
  registrations(): Promise<number[]>;
}

export async function startStandalone(args: string[] = []): Promise<StandaloneMock> {
  const mock = await startStandaloneMock('voximplant', args);
  return { ...mock, registrations: () => registrationIds(mock.url) };
}

/** The largest page every reading serves (seed 002 `count` names no maximum: docs/undecided/voximplant.md page-size). */
const PAGE = 20;
const MAX_PAGES = 50;

/**
 * Ids of every registration on a Voximplant mock at `url`, read page by page with `count` 20 and
 * `offset`: one huge page would be refused by the strictest reading (496) or capped by another.
 */
export async function registrationIds(url: string): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `account_id=${MOCK_ACCOUNT_ID}&api_key=${MOCK_API_KEY}&count=${PAGE}&offset=${page * PAGE}`;
    const body = (await (await fetch(`${url}/platform_api/GetSipRegistrations?${query}`)).json()) as { result?: Array<{ sip_registration_id: number }>; error?: unknown };
    if (!Array.isArray(body.result)) throw new Error(`GetSipRegistrations page ${page + 1} answered no result: ${JSON.stringify(body).slice(0, 200)}`);
    ids.push(...body.result.map((r) => r.sip_registration_id));
    if (body.result.length < PAGE) return ids;
  }
  throw new Error(`more than ${MAX_PAGES * PAGE} registrations on the mock`);
}

export interface SeenRequest {
  /** 1 for the first request the proxy saw. */
  index: number;
  method: string;
  url: string;
  body: string;
}

export interface WatchingProxy {
  url: string;
  seen(): number;
  /** Ids the mock answered creates through this proxy with. */
  created: Set<number>;
  /** Resolves once every request seen has been answered by the mock (its client may be gone). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a mock that shows each request to `before` (which may act, e.g.
 * signal a run, and is awaited) before forwarding it: kill moments chosen by events, not by the clock.
 */
export async function watchingProxy(upstream: string, before: (r: SeenRequest) => void | Promise<void>): Promise<WatchingProxy> {
  let index = 0;
  let pending = 0;
  const created = new Set<number>();
  const answered = () => --pending;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    pending++;
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const seen = { index: ++index, method: req.method ?? 'GET', url: req.url ?? '/', body: body.toString('utf8') };
      await before(seen);
      const creates = `${seen.url} ${seen.body}`.includes('CreateSipRegistration');
      const out = request(`${upstream}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => {
          chunks.push(c);
          res.write(c);
        });
        answer.once('end', () => {
          const id = creates ? (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { sip_registration_id?: unknown }).sip_registration_id : undefined;
          if (typeof id === 'number') created.add(id);
          res.end();
          answered();
        });
      });
      out.on('error', () => {
        answered();
        res.destroy();
      });
      out.end(body);
    });
    req.on('error', answered);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen: () => index,
    created,
    idle: async () => {
      for (let waited = 0; pending > 0 && waited < 30_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    },
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
