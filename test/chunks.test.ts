// A large catalogue runs as few vitest tests, each a chunk of requirements (src/run/chunks.ts): how
// requirements are chunked, and that a chunked run reports what a run of one test per requirement
// reports (verdicts, cases, failures, probes, counts), `--only` selecting as before.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../specs/index.ts';
import type { Report, RequirementResult } from '../src/results/report.ts';
import { chunked, chunkName, chunkOutcome, chunkSize, runChunk, TESTS_PER_FILE } from '../src/run/chunks.ts';
import { selected, testName } from '../src/run/only.ts';
import type { SuiteOptions } from '../src/run/suite.ts';
import { inProcess, suiteRunner } from './support/cli.ts';
import { requirement } from './support/report.ts';

describe('chunks', () => {
  it('one test per requirement up to TESTS_PER_FILE, then at most about that many tests', () => {
    expect(chunkSize(1)).toBe(1);
    expect(chunkSize(TESTS_PER_FILE)).toBe(1);
    expect(chunkSize(TESTS_PER_FILE + 1)).toBe(2);
    expect(chunked(Array.from({ length: 16_002 }, (_, i) => i), chunkSize(16_002)).length).toBeLessThanOrEqual(TESTS_PER_FILE);
    expect(chunkSize(10, 4)).toBe(4);
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('a chunk of one is named as its requirement (vitest -t ID, IDE runners), a larger one by its ends', async () => {
    const { catalogue } = await loadSpec('ringcentral');
    expect(chunkName(catalogue.slice(0, 1))).toBe(testName(catalogue[0]!));
    expect(chunkName(catalogue.slice(0, 3))).toBe(`[3 requirements] ${catalogue[0]!.id} ... ${catalogue[2]!.id}`);
  });

  it('interrupted: no requirement starts, one that ends after it is left out, what came before is kept', async () => {
    const reqs = ['A', 'B', 'C'].map((id) => ({ id }) as Parameters<typeof testName>[0]);
    let interrupted = false;
    const started: string[] = [];
    const results = await runChunk(reqs, async (r) => {
      started.push(r.id);
      if (r.id === 'B') interrupted = true; // arrives while B runs
      return requirement('pass', { id: r.id });
    }, () => interrupted);
    expect(started).toEqual(['A', 'B']);
    expect(results.map((r) => r.id)).toEqual(['A']);
  });

  it("what the chunk's test shows: every failure, every warning, skipped only when all skipped", () => {
    const r = (verdict: RequirementResult['verdict'], id: string) => requirement(verdict, { id, reason: `${id} why` });
    const mixed = chunkOutcome([r('pass', 'A'), r('fail', 'B'), r('warn', 'C'), r('error', 'D'), r('skip', 'E')]);
    expect([mixed.failed.map((x) => x.id), mixed.warned.map((x) => x.id), mixed.skipped]).toEqual([['B', 'D'], ['C'], undefined]);
    expect(chunkOutcome([r('skip', 'A')]).skipped).toBe('A why');
    expect(chunkOutcome([r('skip', 'A'), r('skip', 'B')]).skipped).toBe('2 requirements skipped (A why)');
  });
});

describe('a chunked run reports what a run of one test per requirement reports', async () => {
  const { root, runSuites } = await suiteRunner();
  const spec = await loadSpec('ringcentral');
  const all = spec.catalogue.map((r) => r.id);
  // Faults, so failures are compared too: one a boundary case finds, one random cases find.
  const mock = { faults: ['device-id-39-accepted', 'mixed-transports-wss-first-only'], variant: 'strict' as const };
  const run = async (more: Partial<SuiteOptions>, only?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-chunks-'));
    const options: SuiteOptions = { seed: 7, runs: 15, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000, specs: { ringcentral: { section: {}, mock } }, ...more };
    const out = await inProcess(() => runSuites({ options: { ...options, onlyText: only }, targets: { ringcentral: 'embedded mock' }, reportDir: dir, root }));
    return { out, dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  };
  let whole: Awaited<ReturnType<typeof run>>;
  let chunks: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    whole = await run({});
    chunks = await run({ chunk: 4 });
  }, 300_000);

  const byId = (r: Report) => Object.fromEntries(r.specs[0]!.requirements.map((q) => [q.id, { verdict: q.verdict, cases: q.cases, requests: q.requests, failures: q.failures?.map((f) => ({ level: f.level, case: f.case, expected: f.expected, status: f.actual.status })) }]));

  it('every requirement: the same verdict, cases, requests and failures; the same probes and counts in every format', () => {
    expect(chunks.out.code).toBe(1);
    expect(Object.keys(byId(chunks.report)).sort()).toEqual([...all].sort());
    expect(byId(chunks.report)).toEqual(byId(whole.report));
    expect(chunks.report.specs[0]!.probes).toEqual(whole.report.specs[0]!.probes);
    expect(chunks.report.specs[0]!.planned).toBe(all.length);
    expect(chunks.report.totals).toMatchObject({ ...whole.report.totals, durationMs: expect.any(Number) });
    const t = chunks.report.totals!;
    expect(readFileSync(join(chunks.dir, 'report.md'), 'utf8')).toMatch(new RegExp(`^\\| ringcentral \\| [^|]+ \\| ${t.pass} \\| ${t.fail} \\| ${t.warn} \\| ${t.skip} \\| [^|]+ \\| ${t.requests} \\|$`, 'm'));
    // Each failing requirement is printed with its replay line, as before.
    for (const id of ['RC-DEVICE-ID-LENGTH', 'RC-MIXED-TRANSPORTS']) expect(chunks.out.stdout).toContain(`--only ${id}`);
  });

  it('--only selects in the suite itself: one requirement of a chunked spec, no probes', async () => {
    const only = await run({ chunk: 4 }, 'RC-DEVICE-ID-LENGTH');
    const expected = spec.catalogue.filter((r) => selected(spec.name, r, 'RC-DEVICE-ID-LENGTH')).map((r) => r.id);
    expect(only.report.specs[0]!.requirements.map((r) => r.id)).toEqual(expected);
    expect(only.report.specs[0]!.planned).toBe(expected.length);
    expect(only.report.specs[0]!.probes).toBeUndefined();
    expect(byId(only.report)['RC-DEVICE-ID-LENGTH']).toEqual(byId(whole.report)['RC-DEVICE-ID-LENGTH']);
  }, 120_000);
});
