// Words every reporter uses alike: one verdict label whose meaning is clear, the test name, excerpts.
import type { FailureRecord, Report, RequirementResult, SpecReport, Verdict } from '../src/results/report.ts';

/** A failed SHOULD is a warning and says so; a failure is always a MUST failure. */
export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL (MUST)', warn: 'WARN (SHOULD)', skip: 'SKIP', error: 'ERROR (suite)' };

/** `[LEVEL] CODE ID: title`, as the suites name their tests. */
export const requirementName = (r: Pick<RequirementResult, 'level' | 'errorCode' | 'id' | 'title'>) => `[${r.level}] ${r.errorCode ?? '-'} ${r.id}: ${r.title}`;

/** The answer, its body cut at `max` characters with a marker saying so and how long the body was. */
export function actualOf(f: Pick<FailureRecord, 'actual'>, max = 500): string {
  if (f.actual.error) return f.actual.error;
  const { body } = f.actual;
  const length = f.actual.bodyLength ?? body.length;
  if (length <= max) return `${f.actual.status} ${body}`;
  const kept = body.length < length ? `report.json keeps the first ${body.length}` : 'the whole body is in report.json';
  return `${f.actual.status} ${body.slice(0, max)}… [cut: ${max} of ${length} characters shown; ${kept}]`;
}

/** The exchanges a failing sequence sent before its failing request, one line each: `POST url -> 200 body`. */
export const beforeLines = (f: FailureRecord, max: number) => (f.before ?? []).map((b) => `${b.request.method} ${b.request.url} -> ${actualOf(b, max)}`);

/** Requirements ordered by error code, then id (the order of every table). */
export function byCode(rs: RequirementResult[]): RequirementResult[] {
  // Each key made once: made per comparison, sorting 32,000 requirements built two million strings.
  const keyed = rs.map((r) => ({ key: `${r.errorCode ?? '~'} ${r.id}`, r }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ r }) => r);
}

/** The failure as plain text: counterexample, expected vs actual, failed checks, curl, replay. */
export function failureText(f: FailureRecord): string {
  return [
    `${f.level === 'MUST' ? 'counterexample (shrunk)' : 'warning'}: ${f.case}`,
    ...beforeLines(f, 200).map((l) => `  before:   ${l}`),
    `  expected: ${f.expected}`,
    `  actual:   ${actualOf(f, 200)}`,
    ...f.checks.map((c) => `  ${c.level === 'MUST' ? 'x' : '!'} ${c.check}: ${c.message}`),
    // Its secrets' `# export` lines come first; every line lines up under the first.
    `  curl:     ${f.curl.split('\n').join('\n            ')}`,
    `  replay:   ${f.replay}`,
  ].join('\n');
}

/** A wire requirement's SIP exchanges as text: a summary line each, then its messages (digest responses redacted). */
export function wireText(r: Pick<RequirementResult, 'wire'>): string {
  return (r.wire ?? []).map((x) => [`--- ${new Date(x.at).toISOString()} ${x.flow}: ${x.summary}`, ...x.messages.map((m) => m.trimEnd())].join('\n\n')).join('\n\n');
}

/** The last successful exchange's summary, else the last one's. */
export const lastSummary = (r: Pick<RequirementResult, 'wire'>) => ([...(r.wire ?? [])].reverse().find((x) => / -> 200$/.test(x.summary)) ?? r.wire?.at(-1))?.summary ?? '';

export const percent = (score: number | undefined) => (score === undefined ? 'n/a' : `${(score * 100).toFixed(1)}%`);

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Requirements that reached a verdict on the server (pass, fail, warn), and those selected to run. */
export function testedOf(specs: SpecReport[]): { tested: number; planned: number } {
  const tested = specs.reduce((n, s) => n + s.requirements.filter((r) => r.verdict === 'pass' || r.verdict === 'fail' || r.verdict === 'warn').length, 0);
  const planned = specs.reduce((n, s) => n + Math.max(s.planned ?? 0, s.requirements.length), 0);
  return { tested, planned };
}

/**
 * What a report's title says, from a report with its totals: a spec that could not run first, an
 * incomplete run as such, failures (new, known and stale apart under a baseline), and how many
 * requirements were tested. It claims every MUST met only of a complete run that tested something.
 */
export function headline(report: Report): string {
  const t = report.totals!;
  const parts = report.specs.filter((s) => s.error).map((s) => `${s.spec} could not run`);
  const { tested, planned } = testedOf(report.specs);
  const b = report.baseline;
  let verdict: string;
  if (b?.known) verdict = `${plural(b.new!.length, 'new failure')}, ${b.known.length} known (baseline), ${plural(b.stale!.length, 'stale baseline entry', 'stale baseline entries')}`;
  else if (t.fail) verdict = plural(t.fail, 'MUST failure');
  else if (tested === 0) verdict = 'nothing tested';
  else if (!report.complete || parts.length) verdict = 'no MUST failure in what ran';
  else verdict = tested === planned ? 'every MUST requirement met' : 'every tested MUST requirement met';
  if (t.error) verdict += `, ${plural(t.error, 'suite error')}`;
  parts.push(`${report.complete ? '' : 'incomplete run: '}${verdict}`, `${tested} of ${plural(planned, 'requirement')} tested`);
  return parts.join('; ');
}
