// What each spec of a run will send, per requirement, and how long it takes at the configured rate:
// `run --dry-run` prints it, and a run's first lines say it (src/cli/preamble.ts). Nothing is sent
// (no login, no session).
import { describeRate, intervalOf, type Rate } from '../http/index.ts';
import { selected } from './only.ts';
import { allot, type PlannedRequirement, planRequirements, requestsOf } from './planner.ts';
import type { ConformanceSpec } from '../model/vendor.ts';

export interface DryRunSpec {
  spec: ConformanceSpec;
  target: string;
  section: Record<string, unknown>;
  embedded: boolean;
  rate?: Rate;
  budget?: number;
  /** Where the budget comes from when it is not `--budget` (the time box). */
  budgetFrom?: string;
  only?: string;
  /** Requirement ids already judged (`--resume`): not planned again. */
  done?: Set<string>;
}

/** One spec's plan: what it will send under its budget, what the whole plan is, and how long it takes at its pace. */
export interface SpecPlan {
  d: DryRunSpec;
  requirements: number;
  planned: PlannedRequirement[];
  /** Requests planned under the budget (the whole plan without one). */
  requests: number;
  /** Requests of the whole plan, budget or not. */
  whole: number;
  /** Time at the pace: of the planned requests, and of the whole plan; 0 unpaced. */
  ms: number;
  wholeMs: number;
  count(p: PlannedRequirement): number;
}

export function planSpec(d: DryRunSpec, runs: number, seed: number): SpecPlan {
  const settings = d.spec.settings(d.section, d.embedded);
  const fixtures = { ...(d.embedded ? d.spec.mock?.fixtures : {}), ...settings.fixtures };
  const requirements = d.spec.catalogue.filter((r) => selected(d.spec.name, r, d.only) && !d.done?.has(r.id));
  const planned = planRequirements(d.spec, { fixtures }, requirements, runs, seed);
  const given = d.budget === undefined ? undefined : allot(planned, d.budget);
  const full = (p: PlannedRequirement) => (p.skip ? 0 : p.capacity);
  const count = (p: PlannedRequirement) => given?.get(p.requirement.id) ?? full(p);
  const requests = planned.reduce((n, p) => n + requestsOf(p, count(p)), 0);
  const whole = planned.reduce((n, p) => n + requestsOf(p, full(p)), 0);
  const at = (n: number) => (d.rate ? n * intervalOf(d.rate) : 0);
  return { d, requirements: requirements.length, planned, requests, whole, ms: at(requests), wholeMs: at(whole), count };
}

/** The lines to print, and the requests planned in all. */
export function dryRun(specs: DryRunSpec[], runs: number, seed: number): { lines: string[]; requests: number } {
  const lines = ['dry run: nothing is sent'];
  let requests = 0;
  let slowestMs = 0;
  for (const d of specs) {
    const plan = planSpec(d, runs, seed);
    requests += plan.requests;
    slowestMs = Math.max(slowestMs, plan.ms);
    lines.push(`${d.spec.name} (${d.target}): ${plan.requirements} requirements, ${plan.requests} requests planned${d.budget === undefined ? '' : ` (budget ${d.budget}${d.budgetFrom ? `: ${d.budgetFrom}` : ''})`}, ${d.rate ? `at ${describeRate(d.rate)} per credential (${d.rate.source}): about ${formatDuration(plan.ms)}` : 'no rate limit'}`);
    for (const p of plan.planned) {
      const n = plan.count(p);
      const what = p.skip ? `skip: ${p.skip}` : n === 0 ? 'skip: the request budget does not reach it' : p.scenario ? `${n} scenario runs (${requestsOf(p, n)} requests)` : `${n} cases (${Math.min(p.examples, n)} boundary)`;
      lines.push(`  ${(p.requirement.errorCode ?? '-').padEnd(8)} ${p.requirement.id.padEnd(36)} ${what}`);
    }
  }
  lines.push(`total: ${requests} requests planned${slowestMs > 0 ? `; specs run side by side, the slowest takes about ${formatDuration(slowestMs)} at its rate` : ''}`);
  return { lines, requests };
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
