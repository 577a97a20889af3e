// `run --dry-run`: what each spec would send, per requirement, and how long it takes at the
// configured rate; nothing is sent (no login, no session).
import { describeRate, intervalOf, type Rate } from '../http/index.ts';
import { selected } from './only.ts';
import { allot, type PlannedRequirement, planRequirements } from './planner.ts';
import type { ConformanceSpec } from '../model/vendor.ts';

export interface DryRunSpec {
  spec: ConformanceSpec;
  target: string;
  section: Record<string, unknown>;
  embedded: boolean;
  rate?: Rate;
  budget?: number;
  only?: string;
}

/** The lines to print, and the requests planned in all. */
export function dryRun(specs: DryRunSpec[], runs: number, seed: number): { lines: string[]; requests: number } {
  const lines = ['dry run: nothing is sent'];
  let requests = 0;
  let slowestMs = 0;
  for (const d of specs) {
    const settings = d.spec.settings(d.section, d.embedded);
    const fixtures = { ...(d.embedded ? d.spec.mock?.fixtures : {}), ...settings.fixtures };
    const requirements = d.spec.catalogue.filter((r) => selected(d.spec.name, r, d.only));
    const planned = planRequirements(d.spec, { fixtures }, requirements, runs, seed);
    const given = d.budget === undefined ? undefined : allot(planned, d.budget);
    const count = (p: PlannedRequirement) => given?.get(p.requirement.id) ?? (p.skip ? 0 : p.capacity);
    const total = planned.reduce((n, p) => n + count(p), 0);
    requests += total;
    const ms = d.rate ? total * intervalOf(d.rate) : 0;
    slowestMs = Math.max(slowestMs, ms);
    lines.push(`${d.spec.name} (${d.target}): ${requirements.length} requirements, ${total} requests planned${d.budget === undefined ? '' : ` (budget ${d.budget})`}, ${d.rate ? `at ${describeRate(d.rate)} per credential (${d.rate.source}): about ${duration(ms)}` : 'no rate limit'}`);
    for (const p of planned) {
      const what = p.skip ? `skip: ${p.skip}` : count(p) === 0 ? 'skip: the request budget does not reach it' : `${count(p)} ${p.scenario ? 'scenario runs (each sends one request or more)' : `cases (${Math.min(p.examples, count(p))} boundary)`}`;
      lines.push(`  ${(p.requirement.errorCode ?? '-').padEnd(8)} ${p.requirement.id.padEnd(36)} ${what}`);
    }
  }
  lines.push(`total: ${requests} requests planned${slowestMs > 0 ? `; specs run side by side, the slowest takes about ${duration(slowestMs)} at its rate` : ''}`);
  return { lines, requests };
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
