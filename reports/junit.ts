// junit.xml: one testsuite per spec, one testcase per requirement. Only MUST failures are
// <failure>s; a warning is a passing testcase with its details in <system-out>; skips carry their reason.
import type { BaselineRecord, FailureRecord, Report, RequirementResult, SpecReport } from '../src/results/report.ts';
import { withTotals } from '../src/results/report.ts';
import { byCode, failureText, headline, requirementName, VERDICT_LABEL, wireText } from './labels.ts';

// XML 1.0 forbids most control characters even escaped; a server's answer may contain any byte.
const escape = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
const seconds = (ms = 0) => (ms / 1000).toFixed(3);
const details = (fs: FailureRecord[]) => escape(fs.map(failureText).join('\n\n'));

/** Under a baseline: a known failure is no <failure> (skipped, with the entry's reason); a stale entry is one. */
interface Mark {
  known?: string;
  stale?: string;
}

function marksOf(spec: string, b: BaselineRecord | undefined): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  for (const e of b?.known ?? []) if (e.spec === spec) marks.set(e.id, { known: `known failure (baseline ${b!.file}): ${e.reason}` });
  for (const e of b?.stale ?? []) if (e.spec === spec) marks.set(e.id, { stale: `stale baseline entry: it ${e.verdict === 'pass' ? 'passes' : 'no longer fails'} now; remove it from ${b!.file} (it said: ${e.reason})` });
  return marks;
}

function testcase(spec: string, r: RequirementResult, mark: Mark = {}): string {
  const head = `    <testcase classname="${escape(spec)}" name="${escape(requirementName(r))}" time="${seconds(r.durationMs)}">`;
  const note = r.reason ? `source: ${r.source}\nnote: ${r.reason}` : `source: ${r.source}`;
  const body: string[] = [];
  if (mark.known) {
    body.push(`      <skipped message="${escape(mark.known)}"/>`, `      <system-out>${escape(`${VERDICT_LABEL[r.verdict]}, ${mark.known}\n${note}\n\n${r.failures.map(failureText).join('\n\n')}`)}</system-out>`);
    return [head, ...body, '    </testcase>'].join('\n');
  }
  if (mark.stale) body.push(`      <failure message="${escape(mark.stale)}" type="stale baseline entry"/>`);
  if (r.verdict === 'fail') {
    const first = r.failures.find((f) => f.level === 'MUST');
    const message = first ? `expected ${first.expected}; ${first.checks.filter((c) => c.level === 'MUST').map((c) => c.message).join('; ')}` : (r.reason ?? 'failed');
    body.push(`      <failure message="${escape(message)}" type="${VERDICT_LABEL.fail}">${details(r.failures) || escape(r.reason ?? '')}</failure>`);
  }
  if (r.verdict === 'error') body.push(`      <error message="${escape(r.reason ?? 'suite error')}" type="${VERDICT_LABEL.error}"/>`);
  if (r.verdict === 'skip') body.push(`      <skipped message="${escape(r.reason ?? 'skipped')}"/>`);
  const out = r.verdict === 'warn' ? `${VERDICT_LABEL.warn}\n${note}\n\n${r.failures.map(failureText).join('\n\n')}` : note;
  const wire = r.wire?.length ? `\n\nSIP on the wire:\n${wireText(r)}` : '';
  body.push(`      <system-out>${escape(out + wire)}</system-out>`);
  return [head, ...body, '    </testcase>'].join('\n');
}

interface Suite {
  spec: SpecReport;
  marks: Map<string, Mark>;
  failures: number;
  errors: number;
  skipped: number;
}

function suiteOf(s: SpecReport, b: BaselineRecord | undefined): Suite {
  const t = s.totals!;
  const marks = marksOf(s.spec, b);
  const known = s.requirements.filter((r) => marks.get(r.id)?.known);
  const failures = t.fail - known.filter((r) => r.verdict === 'fail').length + [...marks.values()].filter((m) => m.stale).length;
  const errors = (s.error ? 1 : 0) + t.error - known.filter((r) => r.verdict === 'error').length;
  return { spec: s, marks, failures, errors, skipped: t.skip + known.length };
}

/** A testsuite's lines, a testcase at a time. */
function* testsuite({ spec: s, marks, failures, errors, skipped }: Suite): Generator<string> {
  const t = s.totals!;
  yield `  <testsuite name="${escape(s.spec)}" tests="${t.total + (s.error ? 1 : 0)}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(t.durationMs)}">`;
  yield `    <properties><property name="target" value="${escape(s.target)}"/><property name="mustScore" value="${t.mustScore ?? ''}"/><property name="requests" value="${t.requests}"/></properties>`;
  for (const r of byCode(s.requirements)) yield testcase(s.spec, r, marks.get(r.id));
  if (s.error) yield `    <testcase classname="${escape(s.spec)}" name="spec setup"><error message="${escape(s.error)}"/></testcase>`;
  yield '  </testsuite>';
}

/** The document in pieces (a testcase each), so a large report is never one string in memory. */
export function* junitChunks(input: Report): Generator<string> {
  const report = withTotals(input);
  const t = report.totals!;
  const suites = report.specs.map((s) => suiteOf(s, report.baseline));
  const sum = (k: 'failures' | 'errors' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  const setups = report.specs.filter((s) => s.error).length;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="sip-conformance seed ${report.seed}: ${escape(headline(report))}" tests="${t.total + setups}" failures="${sum('failures')}" errors="${sum('errors')}" skipped="${sum('skipped')}" time="${seconds(t.durationMs)}">\n`;
  for (const suite of suites) for (const line of testsuite(suite)) yield `${line}\n`;
  yield '</testsuites>\n';
}

export const renderJunit = (report: Report): string => [...junitChunks(report)].join('');
