// What the main process prints before the first request: each paced spec's pace, its plan
// (requests and requirements, under the budget or time box) and when it will end.
import { describeRate } from '../http/index.ts';
import { formatDuration, type SpecPlan } from '../run/dry-run.ts';

const clock = (at: number) => `${new Date(at).toISOString().slice(11, 16)} UTC`;

/** Nothing for a run that is neither paced nor budgeted (the embedded mocks: seconds). */
export function preamble(plans: SpecPlan[], box: { ms: number; label: string } | undefined, now = Date.now()): string[] {
  const lines: string[] = [];
  for (const plan of plans) {
    const { d } = plan;
    if (!d.rate && d.budget === undefined) continue;
    const pace = d.rate ? `paced at ${describeRate(d.rate)} per credential (${d.rate.source})` : 'unpaced';
    lines.push(`${d.spec.name} -> ${d.target}: ${pace}`);
    const within = d.budget === undefined ? '' : ` (${d.budgetFrom ?? `--budget ${d.budget}`})`;
    const part = plan.requests < plan.whole ? `${plan.requests} of ${plan.whole}` : `${plan.requests}`;
    const endsIn = Math.min(box?.ms ?? Infinity, plan.ms);
    const ends = d.rate ? `; ends by about ${clock(now + endsIn)} (in ${formatDuration(endsIn)})` : '';
    lines.push(`  plan: ${part} requests for ${plan.requirements} requirements${within}${ends}`);
    if (plan.requests < plan.whole) {
      lines.push(`  the whole plan is ${plan.whole} requests${d.rate ? `, about ${formatDuration(plan.wholeMs)}` : ''}: --max-time none runs it all; --resume REPORT.json continues where this run stops`);
    }
  }
  if (box) lines.push(`time box: ${box.label}: nothing is sent after ${clock(now + box.ms)} (--max-time DURATION or none to change it)`);
  return lines;
}
