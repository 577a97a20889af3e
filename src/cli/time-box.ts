// `--max-time`: the run's time box, and the request budget it holds at each spec's pace.
import { describeRate, intervalOf, type TimeBox } from '../http/index.ts';
import { type DryRunSpec, formatDuration } from '../run/dry-run.ts';
import type { SuiteOptions } from '../run/suite.ts';
import { UsageError } from './args.ts';

/** Against a target with a pace and no `--budget`/`--max-time`: a run of hours would start without a word. */
export const DEFAULT_BOX_MS = 15 * 60_000;

/**
 * The share of the box planned as requests at the pace: the rest is for starting the run's workers
 * (seconds on a busy machine), answers' latency and the tolerance probes, so the box is not cut in the
 * middle of a requirement's plan (measured: a bare Heavy run planned at the whole box, 150 requests,
 * reached its end with 146 sent).
 */
const BOX_SHARE = 0.9;

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `15m`, `2h` (also `1h30m`), or `none`; undefined when not given. */
export function parseMaxTime(value: string | undefined): number | 'none' | undefined {
  if (value === undefined || value === 'none') return value;
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value.trim());
  const ms = parts && value.trim() !== '' ? Number(parts[1] ?? 0) * UNITS.h! + Number(parts[2] ?? 0) * UNITS.m! + Number(parts[3] ?? 0) * UNITS.s! : 0;
  if (!(ms >= 1000 && ms <= 7 * 24 * UNITS.h!)) throw new UsageError(`--max-time: expected a duration such as 90s, 15m, 2h or 1h30m (up to 7 days), or none, got "${value}"`);
  return ms;
}

/**
 * The box a run gets: `--max-time`, else the default box when a spec is paced against a target and
 * no `--budget` is given; `none` runs the whole plan.
 */
export function chooseBox(maxTime: number | 'none' | undefined, budget: number | undefined, specs: DryRunSpec[]): { ms: number; label: string } | undefined {
  if (maxTime === 'none') return undefined;
  if (maxTime !== undefined) return { ms: maxTime, label: `--max-time ${formatDuration(maxTime)}` };
  if (budget !== undefined || !specs.some((d) => d.rate && !d.embedded)) return undefined;
  return { ms: DEFAULT_BOX_MS, label: `default time box of ${formatDuration(DEFAULT_BOX_MS)} for a paced target` };
}

/**
 * Turns the box into each paced spec's request budget (90% of the box over what one request costs at
 * its pace, at most its `--budget` share), and the end after which nothing is sent (every spec).
 */
export function applyBox(box: { ms: number; label: string }, specs: DryRunSpec[], options: SuiteOptions, now = Date.now()): TimeBox {
  const names = Object.keys(options.specs);
  specs.forEach((d, i) => {
    if (!d.rate) return;
    const fits = Math.floor((box.ms * BOX_SHARE) / intervalOf(d.rate));
    if (d.budget !== undefined && d.budget <= fits) return;
    d.budget = fits;
    d.budgetFrom = `what the ${box.label} holds at ${describeRate(d.rate)}`;
    options.specs[names[i]!]!.budget = fits;
    options.specs[names[i]!]!.budgetFrom = d.budgetFrom;
  });
  return { endsAt: now + box.ms, label: box.label };
}
