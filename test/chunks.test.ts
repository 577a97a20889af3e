// A large catalogue runs as few vitest tests, each a chunk of requirements (src/run/chunks.ts): how
// requirements are chunked, named, stopped and shown.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../specs/index.ts';
import type { RequirementResult } from '../src/results/report.ts';
import { chunked, chunkName, chunkOutcome, chunkSize, runChunk, TESTS_PER_FILE } from '../src/run/chunks.ts';
import { testName } from '../src/run/only.ts';
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

// That a chunked run reports what a split run of one test per requirement reports, and `--only` in a
// chunked suite: test/parts.test.ts (one pair of runs for both).
