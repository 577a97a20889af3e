// The model-based tests against a real target (the standalone mock, started with faults): the full
// `--runs` on a pool of registrations created once, the faults caught on every seed, nothing left.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceSpec } from '../../src/index.ts';
import { cliInProcess } from '../../test/support/cli.ts';
import { IN_PROCESS_TIMEOUT_MS, runSpec } from '../../test/support/engine.ts';
import { DEFAULT_POOL } from './config.ts';
import { load } from './index.ts';
import { type StandaloneMock, startStandalone, watchingProxy } from './standalone.test-helpers.ts';

/** Each fault breaks the requirement beside it (see `mock --list-faults`). */
const FAULTS = { 'offset-off-by-one': 'VOX-GET-OFFSET', 'filter-ignored': 'VOX-GET-FILTER', 'count-ignored': 'VOX-GET-COUNT', 'unbind-ignored': 'VOX-BIND-UNBIND' };
const RUNS = 50;

let spec: ConformanceSpec;
let mock: StandaloneMock;
let section: Record<string, unknown>;

beforeAll(async () => {
  spec = await load();
  mock = await startStandalone(Object.keys(FAULTS).flatMap((f) => ['--fault', f]));
  // The printed config's section, as the CLI hands it to the spec (its `rate` and `sip` are the CLI's).
  const { rate: _, sip: _sip, ...own } = (JSON.parse(await readFile(mock.config, 'utf8')) as { voximplant: Record<string, unknown> }).voximplant;
  section = own;
});
afterAll(async () => mock?.stop());

describe('the model-based tests against a standalone mock with faults', () => {
  it.each([1, 2, 3, 4, 5])(`catch an off-by-one offset, an ignored filter, count and unbind with seed %i, in ${RUNS} runs on a pool of ${DEFAULT_POOL}`, async (seed) => {
    let creates = 0;
    const proxy = await watchingProxy(mock.url, (r) => {
      if (`${r.url} ${r.body}`.includes('CreateSipRegistration')) creates++;
    });
    try {
      const report = await runSpec(spec, { seed, runs: RUNS, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 8, timeLimitMs: 120_000, section, target: proxy.url, rate: 'none', only: Object.values(FAULTS) });
      for (const id of Object.values(FAULTS)) {
        const r = report.requirements.find((x) => x.id === id)!;
        expect(r.verdict, `${id}: ${r.reason ?? ''}`).toBe('fail');
        expect(r.failures[0]!.case).toMatch(/pool/);
      }
      // The session's own registration, the pool once, and no replacement (these tests delete nothing).
      expect(creates).toBe(1 + DEFAULT_POOL);
      expect(await mock.registrations()).toEqual([500]);
    } finally {
      await proxy.close();
    }
  });

  it('says in a dry run what the run will create, and that the model runs are --runs', async () => {
    const out = await cliInProcess(['run', '--spec', 'voximplant', '--target', mock.url, '--config', mock.config, '--dry-run', '--runs', '7']);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toMatch(new RegExp(`creates at most \\d+ SIP registrations .*a pool of ${DEFAULT_POOL} \\(voximplant\\.registrationPool\\)`));
    expect(out.stdout).toMatch(/VOX-GET-OFFSET\s+7 scenario runs/);
  });
});
