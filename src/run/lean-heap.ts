// A large run's memory (issue 19: a 3,000-operation document's run under 500 MB of RSS over its
// processes). V8 keeps the heap a process once needed and lets its old generation grow to about
// twice what is live before collecting it again: loading a large document (the CLI plans the run
// with it, each worker loads it for its suite) left the CLI at ~195 MB and each worker at ~190 MB
// of RSS for the whole run, ~55 MB of it live in a worker.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TESTS_PER_FILE } from './chunks.ts';

/** A process whose spec runs more requirements than this (a chunked catalogue) keeps a lean heap. */
export const isLarge = (requirements: number): boolean => requirements > TESTS_PER_FILE;

/** A run with a large spec (selected requirements per spec, as the CLI planned them). */
export const isLargeRun = (sizes: Record<string, number> | undefined): boolean => Object.values(sizes ?? {}).some(isLarge);

/**
 * How far the old generation may grow past what a full collection leaves live (V8 picks 10-300%
 * by its collection speed; about 100% here). 20% kept the workers 10-15 MB smaller for ~0.15 s
 * more of full collections each.
 */
export const HEAP_GROWTH_PERCENT = 20;

let gc: (() => void) | undefined;

/** A full collection, without `--expose-gc` on the command line (the flag exposes `gc` to new contexts only). */
function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/**
 * The young generation stays near its present size (V8 doubles it, up to 32 MB on Node 20 and 22 and
 * 64-128 MB on Node 24, while objects keep surviving it; held, it takes at most one step) until the
 * returned function lets it grow again. The CLI holds it from the start of
 * `run`: planning a large document grew it to its maximum, which the CLI then kept through the whole
 * run, only folding results and writing reports (held: ~30 MB less, ~1 s more of young collections
 * on the 3,000-operation run); a small run lets it go once planned.
 */
export function holdYoungSize(): () => void {
  setFlagsFromString('--semi-space-growth-factor=1');
  return () => setFlagsFromString(`--semi-space-growth-factor=${V8_SEMI_SPACE_GROWTH}`);
}

/**
 * A large run's spec workers start with a young generation of at most 4 MB a semi-space (V8's is 16):
 * at 8, each worker was ~15-20 MB smaller for the whole run than at 16, for 10-20% more of their CPU
 * (more young collections); at 4, the 3,000-operation run's tree ~16 MB smaller again, for ~7% more of
 * its CPU. A large run's wall time has room for it, its memory had little.
 */
export const LEAN_YOUNG_GENERATION = ['--max-semi-space-size=4'];

/** V8's own `--semi-space-growth-factor` (`--heap-growing-percent`'s own is 0: V8 chooses). */
const V8_SEMI_SPACE_GROWTH = 2;

/**
 * Once a large document is loaded (the CLI: planned and dropped; a worker: its suite ready): a full
 * collection, and from then on the old generation kept within HEAP_GROWTH_PERCENT of what is live,
 * until the returned function gives the choice back to V8.
 */
export function leanHeap(): () => void {
  collectGarbage();
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
  return () => setFlagsFromString('--heap-growing-percent=0');
}
