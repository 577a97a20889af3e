// A spec's requirements split over several vitest files ("parts") when it runs against its embedded
// mock: vitest runs a file whole on one worker, so one large spec would keep one core busy while the
// other waits. Each part starts its own embedded mock in whichever worker runs it; a requirement's
// cases come from its own seed (the run's seed and its id), so its verdict does not depend on the part.
import type { DryRunSpec } from './dry-run.ts';
import { selected } from './only.ts';
import { inShard, type Shard } from './shard.ts';

/** One part of a split spec, as the CLI hands it to the part files (`suites/part-<slot>.ts`). */
export interface SpecPart {
  spec: string;
  /** 1-based; part 1 also sends the spec's tolerance probes (once per spec). */
  index: number;
  of: number;
  /** The requirements this part runs (selected: `--only`, `--shard`, `--resume` already applied). */
  ids: string[];
}

/** The part files there are: `suites/part-1.ts` ... (a split spec's parts take the next free ones). */
export const PART_FILES = 4;

/**
 * The least work (requirements x runs) worth a part of its own. A part costs a mock, a session, in a
 * worker of its own loading the engine again and warming its JIT up, and CPU beside the other part:
 * on 2 cores, in 7 alternating pairs of the main job (Voximplant's 2,850 in two parts or whole) whole
 * was faster 6 times (split 11.0-14.5 s, whole 9.6-14.8 s; 2-4 s less CPU); Voximplant alone at `--runs 150`
 * (8,550) was no faster split and took 7 s more CPU; a 3,000-operation document at `--runs 2`
 * (64,000) took 63 s split and 82 s whole.
 */
export const MIN_PART_WORK = 10_000;

export interface SplitCandidate {
  spec: string;
  /** The selected requirements, in catalogue order. */
  ids: string[];
  /**
   * Only a spec against its embedded mock splits: against a configured target, parts would be
   * several sessions at once (exclusive requirements, rate limits and budgets are per run of a spec).
   */
  splittable: boolean;
}

/**
 * Requirements are dealt to parts in turn, one at a time (neighbours in a catalogue are often alike in
 * cost), or in blocks when a spec has more than this many per part: a document's requirements come
 * operation by operation, and a part that runs an operation compiles its validators (in the engine
 * and in its mock), so a 3,000-operation document dealt one by one compiled every one in both parts.
 */
const BLOCKS_PER_PART = 16;

/**
 * Which specs to split, and how: a part should hold no more than half of a core's share of the run's
 * work (so files can be balanced over the workers as they finish), at least MIN_PART_WORK, and a spec
 * has at most one part per core. Returns the parts by slot (1-based), none when nothing splits.
 */
export function splitWork(candidates: SplitCandidate[], runs: number, cores: number): Record<number, SpecPart> {
  const total = candidates.reduce((n, c) => n + c.ids.length * runs, 0);
  const chunk = total / (2 * cores);
  const parts: Record<number, SpecPart> = {};
  let slot = 0;
  for (const c of candidates) {
    const work = c.ids.length * runs;
    const of = Math.min(cores, Math.floor(work / MIN_PART_WORK), Math.ceil(work / chunk), PART_FILES - slot);
    if (!c.splittable || of < 2) continue;
    const block = Math.max(1, Math.floor(c.ids.length / (of * BLOCKS_PER_PART)));
    for (let index = 1; index <= of; index++) parts[++slot] = { spec: c.spec, index, of, ids: c.ids.filter((_, i) => Math.floor(i / block) % of === index - 1) };
  }
  return parts;
}

/** The specs a split runs in part files (their own suite file is left out of the run). */
export const splitSpecs = (parts: Record<number, SpecPart> | undefined): Set<string> => new Set(Object.values(parts ?? {}).map((p) => p.spec));

/** A spec of the CLI's run: its name as `--spec` gave it, its plan, and whether its config gives the registrar an address. */
export interface RunSpec {
  name: string;
  d: DryRunSpec;
  sip: boolean;
}

/**
 * The run's split: each spec's selected requirements (what its suite will run: `--shard`, `--only`,
 * `--resume`), and the parts. A spec against a configured target, paced, under a budget (its plan
 * allots cases over all its requirements) or with a configured registrar address (one port) stays whole.
 */
export function planParts(specs: RunSpec[], runs: number, cores: number, shard?: Shard): { selected: Map<string, string[]>; parts: Record<number, SpecPart> } {
  const chosen = new Map(specs.map(({ name, d }) => [name, inShard(d.spec.catalogue, shard).filter((r) => selected(d.spec.name, r, d.only) && !d.done?.has(r.id)).map((r) => r.id)]));
  const candidates = specs.map(({ name, d, sip }) => ({ spec: name, ids: chosen.get(name)!, splittable: d.embedded && !d.rate && d.budget === undefined && !sip }));
  return { selected: chosen, parts: splitWork(candidates, runs, cores) };
}
