// Interrupted Voximplant runs leave nothing billed behind: runs against the standalone mock, each
// signalled at a moment chosen by an event the mock sees (its n-th request, a create in flight), then
// the registrations left on the mock are counted through its API.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../../test/support/cli.ts';
import { type SeenRequest, type StandaloneMock, startStandalone, watchingProxy } from './standalone.test-helpers.ts';

/** The kill moments are drawn from this seed: the same moments every run. */
const SEED = 20261201;

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Kill {
  name: string;
  signal: NodeJS.Signals;
  /** Signals the run when this request reaches the mock (before the mock answers it); undefined: at its first line of output. */
  when?: (r: SeenRequest, creates: number) => boolean;
  only?: string;
}

const draw = random(SEED);
const nth = () => 3 + Math.floor(draw() * 200);
const isCreate = (r: SeenRequest) => `${r.url} ${r.body}`.includes('CreateSipRegistration');
const at = (n: number) => (r: SeenRequest) => r.index === n;
const [k1, k2] = [nth(), 20 + Math.floor(draw() * 60)];
const KILLS: Kill[] = [
  { name: 'at its first line, while the workers load', signal: 'SIGTERM' },
  { name: "at the first request: the session's own create, during login", signal: 'SIGINT', when: at(1) },
  { name: 'while the first create of a scenario is on the mock', signal: 'SIGTERM', when: (r, creates) => isCreate(r) && creates === 2 },
  { name: `at request ${k1}`, signal: 'SIGINT', when: at(k1) },
  // count-ignored makes VOX-GET-COUNT fail within its first runs: later requests of a run of it alone shrink.
  { name: `at request ${k2} of VOX-GET-COUNT alone, which fails on this mock and shrinks`, signal: 'SIGTERM', when: at(k2), only: 'VOX-GET-COUNT' },
];

let mock: StandaloneMock;
let dir: string;

beforeAll(async () => {
  mock = await startStandalone(['--fault', 'count-ignored']);
  dir = await mkdtemp(join(tmpdir(), 'sipc-vox-kill-'));
});
afterAll(async () => {
  await mock?.stop();
  await rm(dir, { recursive: true, force: true });
});

// Side by side on one mock: each run counts only the registrations it created (through its own proxy).
describe.concurrent('an interrupted Voximplant run against the standalone mock', () => {
  KILLS.forEach((kill, i) => {
    it(`${kill.signal} ${kill.name}: deletes every registration it created and exits 130`, async () => {
      const reports = join(dir, `run-${i}`);
      let creates = 0;
      let signalled = false;
      const args = ['run', '--spec', 'voximplant', '--config', mock.config, '--runs', '10', '--seed', String(SEED + i), '--report-dir', reports, ...(kill.only ? ['--only', kill.only] : [])];
      const proxy = await watchingProxy(mock.url, (r) => {
        if (isCreate(r)) creates++;
        if (!signalled && kill.when?.(r, creates)) {
          signalled = true;
          child.kill(kill.signal);
        }
      });
      const child = spawn(process.execPath, [BIN, ...args, '--target', proxy.url], { env: { ...process.env, NO_COLOR: '1' } });
      let text = '';
      child.stdout.on('data', (d) => {
        text += d;
        if (!kill.when && !signalled) {
          signalled = true;
          child.kill(kill.signal);
        }
      });
      child.stderr.on('data', (d) => (text += d));
      try {
        const code = await new Promise<number | null>((done) => child.once('close', done));
        await proxy.idle();
        expect(signalled, `the run ended before its kill moment:\n${text}`).toBe(true);
        expect(code, text).toBe(130);
        expect(text).toMatch(/interrupted/);
        const left = (await mock.registrations()).filter((id) => proxy.created.has(id));
        expect(left, text).toEqual([]);
        if (proxy.seen() > 0) {
          expect(JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8'))).toMatchObject({ complete: false });
          if (proxy.created.size > 0) expect(text).toMatch(/voximplant: deleted the \d+ SIP registration/);
        }
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        await proxy.close();
      }
    });
  });
});
