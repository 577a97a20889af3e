// CI gating: from a finished report to the exit code. A known-failures baseline, --fail-on, and
// "a run that tested nothing is not a pass".
import { readFileSync } from 'node:fs';
import { ConfigError } from '../load/config.ts';
import { isRecord } from '../model/types.ts';
import { type BaselineEntry, baselineState, type FailOn, failing, type Report, type RequirementResult } from './report.ts';

export { type BaselineEntry, type FailOn, failing };

export interface Baseline {
  knownFailures: BaselineEntry[];
}

export interface GateOptions {
  failOn: FailOn;
  baseline?: Baseline;
  /** --only or --shard: a spec with no requirement selected is expected then. */
  filtered: boolean;
}

export interface GateResult {
  code: 0 | 1 | 2;
  lines: string[];
}

const key = (spec: string, id: string) => `${spec}\u0000${id}`;

export function readBaseline(file: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(`baseline ${file}: ${e.code ? `cannot read (${e.code})` : `invalid JSON (${e.message})`}`);
  }
  const list = isRecord(data) ? data.knownFailures : undefined;
  if (!Array.isArray(list)) throw new ConfigError(`baseline ${file}: expected {"knownFailures": [{"spec", "id", "reason"}, ...]}`);
  list.forEach((e, i) => {
    if (!isRecord(e) || typeof e.spec !== 'string' || typeof e.id !== 'string' || typeof e.reason !== 'string' || !e.reason.trim()) {
      throw new ConfigError(`baseline ${file}: knownFailures[${i}] needs "spec", "id" and a non-empty "reason"`);
    }
  });
  return { knownFailures: list as BaselineEntry[] };
}

/**
 * The current failures as a baseline; reasons already given are kept, new ones say where they came
 * from, and entries of requirements this run did not run (--only, --shard) stay.
 */
export function baselineOf(report: Report, failOn: FailOn, previous?: Baseline): Baseline {
  const reasons = new Map(previous?.knownFailures.map((e) => [key(e.spec, e.id), e.reason]));
  const ran = new Set(report.specs.flatMap((s) => s.requirements.map((r) => key(s.spec, r.id))));
  const untouched = previous?.knownFailures.filter((e) => !ran.has(key(e.spec, e.id))) ?? [];
  const current = report.specs.flatMap((s) =>
    s.requirements
      .filter((r) => failing(r, failOn))
      .map((r) => ({ spec: s.spec, id: r.id, reason: reasons.get(key(s.spec, r.id)) ?? `failing since seed ${report.seed}, ${report.startedAt.slice(0, 10)}: ${r.failures[0]?.expected ?? r.reason ?? r.verdict}` })),
  );
  return { knownFailures: [...untouched, ...current] };
}

const selection = (r: Report) => (r.settings?.only ? `--only ${r.settings.only}` : r.settings?.shard ? `--shard ${r.settings.shard}` : 'the selection');

/** Why the run tested nothing, if it did. */
function nothingTested(report: Report, filtered: boolean): string | undefined {
  const all = report.specs.flatMap((s) => s.requirements);
  if (report.specs.some((s) => s.error)) return undefined;
  if (all.length === 0) return filtered ? `nothing tested: ${selection(report)} matched no requirement` : 'nothing tested: the specs have no requirements';
  if (all.every((r) => r.verdict === 'skip')) return `nothing tested: all ${all.length} requirements were skipped (see their reasons)`;
  const empty = filtered ? undefined : report.specs.find((s) => s.requirements.length === 0);
  return empty && `nothing tested in spec ${empty.spec}: it has no requirements (no operations?)`;
}

const NO_CREDENTIALS = /^needs credentials for /;
const isAuthCheck = (r: RequirementResult) => r.covers !== undefined && r.covers.length > 0 && r.covers.every((c) => c.location === 'auth');

/**
 * Requirements skipped for want of a credential (a file spec run without its config's secrets): the
 * run cannot pass when only the authentication checks ran, and says so when they are most of it.
 */
function uncredentialed(report: Report): { fatal?: string; notes: string[] } {
  const notes: string[] = [];
  for (const s of report.specs) {
    const missing = s.requirements.filter((r) => r.verdict === 'skip' && NO_CREDENTIALS.test(r.reason ?? ''));
    if (missing.length === 0) continue;
    // Reasons read "needs credentials for bearer (config token) or basic (config username + password)".
    const schemes = new Map<string, Set<string>>();
    for (const r of missing) for (const [, scheme, keys] of (r.reason ?? '').matchAll(/([\w.-]+) \(config ([^)]*)\)/g)) schemes.set(keys!, (schemes.get(keys!) ?? new Set()).add(scheme!));
    const keys = [...schemes].map(([k, names]) => `${k} (for ${[...names].join(', ')})`).join('; ');
    const what = `${missing.length} of ${s.requirements.length} requirements need credentials the run did not have; add to config section "${s.spec}": ${keys}`;
    if (s.requirements.filter((r) => r.verdict !== 'skip').every(isAuthCheck)) return { fatal: `nothing tested in spec ${s.spec} but the authentication checks: ${what}`, notes };
    if (missing.length * 2 > s.requirements.length) notes.push(`most of spec ${s.spec} was not tested: ${what}`);
  }
  return { notes };
}

export function gate(report: Report, o: GateOptions): GateResult {
  const empty = nothingTested(report, o.filtered);
  if (empty) return { code: 2, lines: [empty] };
  const credentials = uncredentialed(report);
  if (credentials.fatal) return { code: 2, lines: [credentials.fatal] };
  const broken = report.specs.some((s) => s.error);
  if (o.baseline) {
    const state = baselineState(report.specs, { file: '', failOn: o.failOn, knownFailures: o.baseline.knownFailures });
    const lines = [
      ...credentials.notes,
      ...state.known!.map((e) => `known failure ${e.spec} ${e.id} (baseline: ${e.reason})`),
      ...state.new!.map((e) => `new failure ${e.spec} ${e.id}`),
      ...state.stale!.map((e) => `stale baseline entry ${e.spec} ${e.id}: it ${e.verdict === 'pass' ? 'passes' : 'no longer fails'} now; remove it from the baseline`),
    ];
    return { code: broken || state.new!.length || state.stale!.length ? 1 : 0, lines };
  }
  const failed = report.specs.flatMap((s) => s.requirements.filter((r) => failing(r, o.failOn)).map((r) => ({ spec: s.spec, r })));
  const lines = [...credentials.notes, ...failed.filter(({ r }) => r.verdict === 'warn').map(({ spec, r }) => `--fail-on should: warning ${spec} ${r.id} fails the run`)];
  return { code: broken || failed.length ? 1 : 0, lines };
}

/**
 * Entries naming a requirement the run's specs do not have are typos (exit 2); entries of specs this
 * run does not include are left alone. `catalogues`: each spec of the run, by name, with its ids.
 */
export function checkBaseline(baseline: Baseline, file: string, catalogues: Map<string, string[]>, bundled: readonly string[]): void {
  for (const e of baseline.knownFailures) {
    const ids = catalogues.get(e.spec);
    if (!ids && !bundled.includes(e.spec)) throw new ConfigError(`baseline ${file}: unknown spec "${e.spec}" in the entry for ${e.id} (specs: ${[...new Set([...bundled, ...catalogues.keys()])].join(', ')})`);
    if (ids && !ids.includes(e.id)) throw new ConfigError(`baseline ${file}: ${e.spec} has no requirement "${e.id}"${nearest(e.id, ids)}`);
  }
}

/** ` (did you mean X?)` for the id sharing the longest prefix with `id`, when it shares at least half. */
function nearest(id: string, ids: string[]): string {
  const shared = (a: string) => {
    let i = 0;
    while (i < a.length && a[i] === id[i]) i++;
    return i;
  };
  const best = ids.reduce((a, b) => (shared(b) > shared(a) ? b : a), '');
  return best && shared(best) >= id.length / 2 ? ` (did you mean ${best}?)` : '';
}
