// What a run will send, per requirement, before anything is sent: the request budget's planner
// (--budget) and the dry run (--dry-run) both read it.
import { GenerationError } from '../../generators/bounded.ts';
import { planCases } from '../../generators/cases.ts';
import type { Case, Requirement } from '../model/types.ts';
import type { ConformanceSpec, Session } from '../model/vendor.ts';

/** A stable 31-bit seed per requirement, so one run seed replays every requirement alike. */
export function requirementSeed(runSeed: number, id: string): number {
  let h = runSeed | 0;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1);
  return (h >>> 1) & 0x7fffffff;
}

export interface PlannedRequirement {
  requirement: Requirement;
  /** Boundary and control examples (informative first), then up to `runs` random cases. */
  examples: number;
  capacity: number;
  /** A scenario: `examples` is 0 and `capacity` counts runs. */
  scenario: boolean;
  /** Requests one case or scenario run sends (the requirement's `requestsPerRun`); default 1. */
  cost?: number;
  skip?: string;
}

/**
 * The order a budget takes examples in: the first violating boundary, the first valid-side control
 * (the documented alternative must be accepted), then the other boundaries spread over the list
 * (generators list them class by class, so any prefix of this order samples every region), then
 * the other controls.
 */
export function informativeFirst(examples: Case[]): Case[] {
  const violating = examples.filter((c) => c.violations.length > 0);
  const controls = examples.filter((c) => c.violations.length === 0);
  return [...violating.slice(0, 1), ...controls.slice(0, 1), ...spread(violating.slice(1)), ...controls.slice(1)];
}

/** Midpoints first, breadth-first: [0..8) → 4, 2, 6, 1, 3, 5, 7, 0. */
function spread<T>(items: T[]): T[] {
  const out: T[] = [];
  const intervals: Array<[number, number]> = [[0, items.length]];
  for (let i = 0; i < intervals.length; i++) {
    const [lo, hi] = intervals[i]!;
    if (lo >= hi) continue;
    const mid = lo + Math.floor((hi - lo) / 2);
    out.push(items[mid]!);
    intervals.push([lo, mid], [mid + 1, hi]);
  }
  return out;
}

/** Cases each requirement would get with `runs` random cases; needs only the session's fixtures. */
export function planRequirements(spec: ConformanceSpec, session: Pick<Session, 'fixtures'>, requirements: Requirement[], runs: number, seed: number): PlannedRequirement[] {
  return requirements.map((requirement) => {
    if (requirement.trigger.kind === 'scenario') return { requirement, examples: 0, capacity: Math.min(runs, requirement.maxRuns ?? runs), scenario: true, cost: requirement.requestsPerRun ?? 1 };
    const plan = planOrSkip(() => planCases(requirement, spec, session as Session, requirementSeed(seed, requirement.id)));
    if ('skip' in plan) return { requirement, examples: 0, capacity: 0, scenario: false, skip: plan.skip };
    return { requirement, examples: plan.examples.length, capacity: plan.examples.length + runs, scenario: false };
  });
}

/** A requirement whose schema yields no value (e.g. contradictory bounds) is planned as skipped, as the engine skips it. */
function planOrSkip<T extends object>(plan: () => T): T | { skip: string } {
  try {
    return plan();
  } catch (err) {
    if (err instanceof GenerationError) return { skip: err.reason };
    throw err;
  }
}

/** Requests `n` cases or scenario runs of a planned requirement send. */
export const requestsOf = (p: PlannedRequirement, n: number): number => n * (p.cost ?? 1);

/**
 * Spends `budget` requests: every requirement first gets its single most informative case or run
 * (MUST requirements before SHOULD ones when the budget cannot reach all), then every requirement
 * its next boundary example in turn, then random cases in turn; a case or run costs its requests
 * (`cost`), and one that does not fit what is left is not given. Returns cases (or scenario runs)
 * per requirement id; 0 means the budget did not reach it.
 */
export function allot(planned: PlannedRequirement[], budget: number): Map<string, number> {
  const order = [...planned.filter((p) => p.requirement.level === 'MUST'), ...planned.filter((p) => p.requirement.level !== 'MUST')].filter((p) => !p.skip);
  const given = new Map(planned.map((p) => [p.requirement.id, 0]));
  let left = budget;
  const round = (limit: (p: PlannedRequirement) => number, once: boolean) => {
    for (let progress = true; progress && left > 0; ) {
      progress = false;
      for (const p of order) {
        const n = given.get(p.requirement.id)!;
        const cost = requestsOf(p, 1);
        if (cost > left || n >= limit(p)) continue;
        given.set(p.requirement.id, n + 1);
        left -= cost;
        progress = true;
      }
      if (once) return;
    }
  };
  round((p) => Math.min(1, p.capacity), true);
  round((p) => p.examples, false);
  round((p) => p.capacity, false);
  return given;
}
