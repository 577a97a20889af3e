// The specs that run against their embedded mocks share "part files" (suites/part-<slot>.ts), one per
// core: a part file runs several specs, or parts of a large spec, side by side. Vitest runs a file whole
// on one worker and its files one after another, so a spec in a file of its own left its worker idle
// while it started, while its exclusive requirements ran alone (BAS-IP's wire requirements wait for
// REGISTERs) and while the next file loaded; side by side, another spec's requirements fill that time.
// A large spec is split over several part files so one spec does not keep one core busy while the
// other waits. Each piece starts its own embedded mock in whichever worker runs it; a requirement's
// cases come from its own seed (the run's seed and its id), so its verdict does not depend on its file.
import type { DryRunSpec } from './dry-run.ts';
import { selected } from './only.ts';
import { inShard, type Shard } from './shard.ts';

/** A spec, or one part of a split spec, as the CLI hands it to a part file (`suites/part-<slot>.ts`). */
export interface SpecPart {
  spec: string;
  /** 1-based; part 1 (a whole spec is part 1 of 1) also sends the spec's tolerance probes (once per spec). */
  index: number;
  of: number;
  /** The requirements this part runs (selected: `--only`, `--shard`, `--resume` already applied). */
  ids: string[];
}

/** The part files there are: `suites/part-1.ts` ... (at most one per core is used). */
export const PART_FILES = 4;

/**
 * The least work (requirements x runs) worth a part of its own: a part costs a mock and a session
 * (0.05-0.3 s of CPU: BAS-IP's and RingCentral's least, Voximplant's most), so a small run stays whole.
 */
export const MIN_PART_WORK = 500;

export interface SplitCandidate {
  spec: string;
  /** The selected requirements, in catalogue order. */
  ids: string[];
  /**
   * Only a spec against its embedded mock goes to the part files: against a configured target, parts
   * would be several sessions at once (exclusive requirements, rate limits and budgets are per run of
   * a spec), and specs side by side would share one server.
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
 * Which specs go to the part files, and how: a spec with at least MIN_PART_WORK per part is split into
 * one part per part file used, so every file gets about the same share of every spec (a requirement's
 * cost differs from spec to spec by more than 2x: a Voximplant scenario sends several requests a run,
 * a BAS-IP check one; shares of each spec balance the files without knowing it). The pieces (whole
 * specs and parts) are dealt to the part files, most work first, each to the file with least work that
 * holds no other part of its spec. Returns the pieces by slot (1-based); none when fewer than two
 * pieces would share the files.
 */
export function splitWork(candidates: SplitCandidate[], runs: number, cores: number): Record<number, SpecPart[]> {
  const files = Math.min(cores, PART_FILES);
  const pieces = candidates.filter((c) => c.splittable && c.ids.length > 0).flatMap((c) => {
    const of = Math.min(files, Math.floor((c.ids.length * runs) / MIN_PART_WORK));
    if (of < 2) return [{ spec: c.spec, index: 1, of: 1, ids: c.ids }];
    const block = Math.max(1, Math.floor(c.ids.length / (of * BLOCKS_PER_PART)));
    return Array.from({ length: of }, (_, i) => ({ spec: c.spec, index: i + 1, of, ids: c.ids.filter((_, k) => Math.floor(k / block) % of === i) }));
  });
  if (pieces.length < 2 || files < 2) return {};
  return deal(pieces, Math.min(files, pieces.length));
}

/** Most work first, each piece to the least loaded file without another part of its spec (a stable order: the same run, the same files). */
function deal(pieces: SpecPart[], files: number): Record<number, SpecPart[]> {
  const slots = Array.from({ length: files }, () => ({ work: 0, pieces: [] as SpecPart[] }));
  const order = pieces.map((p, i) => ({ p, i })).sort((a, b) => b.p.ids.length - a.p.ids.length || a.i - b.i);
  for (const { p } of order) {
    const free = slots.filter((s) => !s.pieces.some((q) => q.spec === p.spec));
    const slot = free.reduce((a, b) => (b.work < a.work ? b : a));
    slot.pieces.push(p);
    slot.work += p.ids.length;
  }
  // Within a file, catalogue order of the run's specs: its requirements queue in that order.
  return Object.fromEntries(slots.map((s, i) => [i + 1, s.pieces.sort((a, b) => pieces.indexOf(a) - pieces.indexOf(b))]));
}

/** The specs that run in part files (their own suite file is left out of the run). */
export const splitSpecs = (parts: Record<number, SpecPart[]> | undefined): Set<string> => new Set(Object.values(parts ?? {}).flatMap((lane) => lane.map((p) => p.spec)));

/** A spec of the CLI's run: its name as `--spec` gave it, its plan, and whether its config gives the registrar an address. */
export interface RunSpec {
  name: string;
  d: DryRunSpec;
  sip: boolean;
}

/**
 * The run's split: each spec's selected requirements (what its suite will run: `--shard`, `--only`,
 * `--resume`), and the part files' pieces. A spec against a configured target, paced, under a budget
 * (its plan allots cases over all its requirements) or with a configured registrar address (one port)
 * runs in its own file, whole.
 */
export function planParts(specs: RunSpec[], runs: number, cores: number, shard?: Shard): { selected: Map<string, string[]>; parts: Record<number, SpecPart[]> } {
  const chosen = new Map(specs.map(({ name, d }) => [name, inShard(d.spec.catalogue, shard).filter((r) => selected(d.spec.name, r, d.only) && !d.done?.has(r.id)).map((r) => r.id)]));
  const candidates = specs.map(({ name, d, sip }) => ({ spec: name, ids: chosen.get(name)!, splittable: d.embedded && !d.rate && d.budget === undefined && !sip }));
  return { selected: chosen, parts: splitWork(candidates, runs, cores) };
}
