// Words every reporter uses alike: one verdict label whose meaning is clear, the test name, excerpts.
import type { FailureRecord, RequirementResult, Verdict } from '../src/results/report.ts';

/** A failed SHOULD is a warning and says so; a failure is always a MUST failure. */
export const VERDICT_LABEL: Record<Verdict, string> = { pass: 'PASS', fail: 'FAIL (MUST)', warn: 'WARN (SHOULD)', skip: 'SKIP', error: 'ERROR (suite)' };

/** `[LEVEL] CODE ID: title`, as the suites name their tests. */
export const requirementName = (r: Pick<RequirementResult, 'level' | 'errorCode' | 'id' | 'title'>) => `[${r.level}] ${r.errorCode ?? '-'} ${r.id}: ${r.title}`;

export const actualOf = (f: FailureRecord, max = 500) => f.actual.error ?? `${f.actual.status} ${f.actual.body.slice(0, max)}`;

/** Requirements ordered by error code, then id (the order of every table). */
export function byCode(rs: RequirementResult[]): RequirementResult[] {
  const key = (r: RequirementResult) => `${r.errorCode ?? '~'} ${r.id}`;
  return [...rs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The failure as plain text: counterexample, expected vs actual, failed checks, curl, replay. */
export function failureText(f: FailureRecord): string {
  return [
    `${f.level === 'MUST' ? 'counterexample (shrunk)' : 'warning'}: ${f.case}`,
    `  expected: ${f.expected}`,
    `  actual:   ${actualOf(f, 200)}`,
    ...f.checks.map((c) => `  ${c.level === 'MUST' ? 'x' : '!'} ${c.check}: ${c.message}`),
    `  curl:     ${f.curl}`,
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
