// A spec file's requirements as vitest tests. A small catalogue is one test per requirement (named by
// it: `vitest run suites -t ID` and IDE runners see requirements); a large one is fewer tests, each a
// chunk of neighbouring requirements run one after another, their results in the test's meta. Vitest
// keeps every test's state to the end of the run, in the worker (a test context of closures, about
// 1.5 KB) and in the main process (the task, its names, its result): for the 32,004 requirements of a
// 3,000-operation document that was a large share of both processes' memory and of the traffic between them.
import type { Requirement } from '../model/types.ts';
import type { RequirementResult } from '../results/report.ts';
import { testName } from './only.ts';

/** Up to this many requirements of a spec in a file (or part), each is a test of its own; more share tests, at most about this many. */
export const TESTS_PER_FILE = 500;

declare module 'vitest' {
  interface TaskMeta {
    /** How many requirements a test runs, given when it is collected (a chunk's; absent: one). */
    requirements?: number;
  }
}

/** Requirements per test: `fixed` when given (tests), else 1 up to TESTS_PER_FILE requirements, more beyond. */
export const chunkSize = (count: number, fixed?: number): number => Math.max(1, fixed ?? Math.ceil(count / TESTS_PER_FILE));

/** Neighbours together, in catalogue order (a document's operation's requirements are neighbours). */
export function chunked<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** A chunk of one is named as its requirement; a larger one by its first and last. */
export const chunkName = (chunk: Requirement[]): string => (chunk.length === 1 ? testName(chunk[0]!) : `[${chunk.length} requirements] ${chunk[0]!.id} ... ${chunk.at(-1)!.id}`);

/**
 * Runs a chunk's requirements one after another (the file's tests run concurrently: a chunk takes the
 * place of one requirement in flight). Once `stopped()` (the run was interrupted) no requirement starts,
 * and one that ends after it is left out: the interruption may have cut it. What came before is kept.
 */
export async function runChunk(chunk: Requirement[], run: (r: Requirement) => Promise<RequirementResult>, stopped: () => boolean): Promise<RequirementResult[]> {
  const results: RequirementResult[] = [];
  for (const req of chunk) {
    if (stopped()) break;
    const result = await run(req);
    if (stopped()) break;
    results.push(result);
  }
  return results;
}

/** What a chunk's test shows in vitest: its failures (an error), its warnings (annotations), skipped when every requirement was. */
export function chunkOutcome(results: RequirementResult[]): { failed: RequirementResult[]; warned: RequirementResult[]; skipped?: string } {
  const failed = results.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
  const warned = results.filter((r) => r.verdict === 'warn');
  const allSkipped = results.length > 0 && results.every((r) => r.verdict === 'skip');
  return { failed, warned, ...(allSkipped && { skipped: results.length === 1 ? (results[0]!.reason ?? 'skipped') : `${results.length} requirements skipped (${results[0]!.reason ?? 'skipped'})` }) };
}
