// Turns a spec's catalogue into vitest tests: one test per requirement, named by level, code and id.
import { afterAll, beforeAll, describe, inject, test } from 'vitest';
import type { Variant } from '../../mocks/kit.ts';
import { formatRequirement } from '../../reports/console.ts';
import { loadSpec } from '../../specs/index.ts';
import type { Requirement } from '../model/types.ts';
import type { Rate, TimeBox } from '../http/index.ts';
import type { ProbeResult, RequirementResult, TransportSummary } from '../results/report.ts';
import { interruption, leaveTransport } from './interruption.ts';
import { isLarge, leanHeap } from './lean-heap.ts';
import { prepareSpecRun, type SpecRun } from './run-spec.ts';
import { inShard, type Shard } from './shard.ts';
import type { SpecPart } from './parts.ts';
import { probesSelected, probesSuiteName, probeTestName, selected } from './only.ts';
import { chunked, chunkName, chunkOutcome, chunkSize, runChunk } from './chunks.ts';
import type { SipConfig } from '../sip/endpoint.ts';

export interface SpecSuiteOptions {
  section: Record<string, unknown>;
  target?: string;
  catalogue?: string;
  mock?: { faults: string[]; variant: Variant };
  /** The replay command the CLI was invoked with (`{id}` replaced per requirement). */
  replay?: string;
  /** This spec's share of `--budget`, or what the time box holds at its pace if less. */
  budget?: number;
  /** Where the budget comes from when it is the time box's. */
  budgetFrom?: string;
  /** `--resume`: ids of the requirements the report already judged (not run again). */
  done?: string[];
  /** `--resume`: the report's probes were all sent (not sent again). */
  probesDone?: boolean;
  /** `--rate`, else the section's `rate`. */
  rate?: Rate | 'none';
  /** The section's `sip` key, validated. */
  sip?: SipConfig;
}

/** What the CLI hands the suites through vitest's `provide`. */
export interface SuiteOptions {
  seed: number;
  runs: number;
  timeoutMs: number;
  concurrency: number;
  timeLimitMs: number;
  /** `--rate`, for every spec (`none`: unpaced). */
  rate?: Rate | 'none';
  specs: Record<string, SpecSuiteOptions>;
  shard?: Shard;
  /** `--max-time` (or the default box): nothing is sent after its end. */
  timeBox?: TimeBox;
  /** The file the CLI writes when it is interrupted (`src/run/interruption.ts`). */
  interruptFile?: string;
  /** Specs split over the part files (`src/run/parts.ts`), by slot. */
  parts?: Record<number, SpecPart>;
  /** `--only`'s text: the suites select the requirements themselves (a test may run several: `src/run/chunks.ts`), not vitest's name pattern. */
  onlyText?: string;
  /** Requirements per vitest test, instead of `chunkSize`'s choice (tests). */
  chunk?: number;
}

export interface ConformanceMeta {
  spec: string;
  /** What is the same for every requirement of the spec's run: only in the first result a worker sends. */
  target?: string;
  origin?: string;
  ambiguities?: string[];
  /** The results of a test's requirements (`src/run/chunks.ts`), in catalogue order. */
  results: RequirementResult[];
  /** What the transport has done so far in this spec's run (in this part of it, when split). */
  transport: TransportSummary;
  /** The part that ran it, when the spec is split (the reporter sums the parts' transports). */
  part?: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sipConformance: SuiteOptions;
  }
  interface TaskMeta {
    conformance?: ConformanceMeta;
    probes?: { spec: string; target: string; probes: ProbeResult[]; transport: TransportSummary; part?: number };
  }
}

/** Without the CLI (plain `vitest run suites`): the embedded mocks, a seed from SIPC_SEED or random. */
function suiteOptions(): SuiteOptions {
  const provided = inject('sipConformance');
  if (provided) return provided;
  const seed = Number(process.env.SIPC_SEED) || Math.floor(Math.random() * 2 ** 31);
  return { seed, runs: Number(process.env.SIPC_RUNS) || 25, timeoutMs: 5000, concurrency: 8, timeLimitMs: 30_000, specs: {} };
}

/**
 * Vitest's clock would count a requirement's wait for its turn (exclusive requirements run alone)
 * and for the rate limiter, and cut a paced run against a real device short. The engine bounds each
 * requirement itself: its time limit grows with those waits, and past it a guard gives it up.
 */
const NO_TEST_TIMEOUT = 0;
/** Deleting what the run created at its end (the CLI bounds an interrupted run's cleanup itself). */
const CLOSE_TIMEOUT_MS = 120_000;

/** A part file's suite (`suites/part-<slot>.ts`): the part of a split spec the CLI gave that slot. */
export async function definePart(slot: number): Promise<void> {
  const part = suiteOptions().parts?.[slot];
  if (!part) throw new Error(`suites/part-${slot}: no part of a spec given to this file (sip-conformance run assigns the parts)`);
  await defineConformanceSuite(part.spec, part);
}

export async function defineConformanceSuite(name: string, part?: SpecPart): Promise<void> {
  const options = suiteOptions();
  const own = options.specs[name] ?? { section: {} };
  const spec = await loadSpec(name, own.catalogue);
  // A part runs the requirements the CLI dealt it (already selected); the tolerance probes go with part 1.
  const ids = part && new Set(part.ids);
  const done = new Set(own.done);
  const requirements = ids ? spec.catalogue.filter((r) => ids.has(r.id)) : inShard(spec.catalogue, options.shard).filter((r) => !done.has(r.id) && selected(spec.name, r, options.onlyText));
  const probing = Boolean(spec.undecided?.length) && !own.probesDone && (part?.index ?? 1) === 1 && probesSelected(spec.name, options.onlyText);
  // Nothing selected: no session is opened (a real target's session may create things).
  if (requirements.length === 0 && !probing) return;
  const partOf = part && { part: part.index };
  let run: SpecRun | undefined;
  let release: (() => void) | undefined;
  let described = false;

  beforeAll(async () => {
    release = interruption.hold(options.interruptFile);
    run = await prepareSpecRun(spec, {
      ...options, section: own.section, target: own.target, mock: own.mock, replay: own.replay, budget: own.budget, budgetFrom: own.budgetFrom, done: own.done, rate: own.rate ?? options.rate, signal: interruption.signal, sip: own.sip,
    });
    // What loading a large document left behind is let go before the run (src/run/lean-heap.ts).
    if (isLarge(requirements.length)) leanHeap();
  }, 60_000);
  afterAll(async () => {
    try {
      await run?.close();
    } finally {
      // After the cleanup, whose requests count too.
      if (run && options.interruptFile && interruption.interrupted) leaveTransport(options.interruptFile, { spec: spec.name, part: part?.index, target: run.target, transport: run.summary() });
      release?.();
    }
  }, CLOSE_TIMEOUT_MS);

  describe.concurrent(spec.name, () => {
    for (const chunk of chunked(requirements, chunkSize(requirements.length, options.chunk))) {
      test(chunkName(chunk), { meta: { requirements: chunk.length }, timeout: NO_TEST_TIMEOUT }, async ({ task, skip, annotate }) => {
        if (interruption.signal.aborted) skip('the run was interrupted');
        const results = await runChunk(chunk, (req) => run!.engine.run(req), () => interruption.signal.aborted);
        task.meta.conformance = { spec: spec.name, ...(!described && { target: run!.target, origin: spec.model.origin, ambiguities: spec.ambiguities }), results, transport: run!.summary(), ...partOf };
        described = true;
        const { failed, warned, skipped } = chunkOutcome(results);
        for (const r of warned) await annotate(formatRequirement(r), 'warning');
        if (failed.length) throw new Error(`seed ${options.seed}\n${failed.map(formatRequirement).join('\n')}`);
        if (skipped !== undefined || results.length === 0) skip(skipped ?? 'the run was interrupted');
      });
    }
  });

  // After every requirement: a probe the server accepts may change its state.
  if (probing) {
    describe(probesSuiteName(spec.name), () => {
      test(probeTestName(spec.name), async ({ task }) => {
        const probes = await run!.engine.probeAll();
        task.meta.probes = { spec: spec.name, target: run!.target, probes, transport: run!.summary(), ...partOf };
      }, NO_TEST_TIMEOUT);
    });
  }
}
