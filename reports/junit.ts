// junit.xml: one testsuite per spec, one testcase per requirement. Only MUST failures are
// <failure>s; a warning is a passing testcase with its details in <system-out>; skips carry their reason.
import type { FailureRecord, Report, RequirementResult, SpecReport } from '../src/results/report.ts';
import { withTotals } from '../src/results/report.ts';
import { byCode, failureText, requirementName, VERDICT_LABEL, wireText } from './labels.ts';

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

function testcase(spec: string, r: RequirementResult): string {
  const head = `    <testcase classname="${escape(spec)}" name="${escape(requirementName(r))}" time="${seconds(r.durationMs)}">`;
  const note = r.reason ? `source: ${r.source}\nnote: ${r.reason}` : `source: ${r.source}`;
  const body: string[] = [];
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

function testsuite(s: SpecReport): string {
  const t = s.totals!;
  const errors = (s.error ? 1 : 0) + t.error;
  const cases = byCode(s.requirements).map((r) => testcase(s.spec, r));
  if (s.error) cases.push(`    <testcase classname="${escape(s.spec)}" name="spec setup"><error message="${escape(s.error)}"/></testcase>`);
  return [
    `  <testsuite name="${escape(s.spec)}" tests="${t.total + errors}" failures="${t.fail}" errors="${errors}" skipped="${t.skip}" time="${seconds(t.durationMs)}">`,
    `    <properties><property name="target" value="${escape(s.target)}"/><property name="mustScore" value="${t.mustScore ?? ''}"/></properties>`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

export function renderJunit(input: Report): string {
  const report = withTotals(input);
  const t = report.totals!;
  const errors = report.specs.filter((s) => s.error).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="sip-conformance seed ${report.seed}" tests="${t.total + errors}" failures="${t.fail}" errors="${errors}" skipped="${t.skip}" time="${seconds(t.durationMs)}">`,
    ...report.specs.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
