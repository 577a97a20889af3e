// report.md: a summary table for a pull-request comment or $GITHUB_STEP_SUMMARY, then each failure
// and warning with its counterexample in a collapsed block.
import { type Report, withTotals } from '../src/results/report.ts';
import { actualOf, beforeLines, byCode, escapeHtml, headline, percent, requirementName, VERDICT_LABEL, wireText } from './labels.ts';

/** Table cells: no line breaks, no column breaks. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** A fenced block that no backtick run in `text` can close early. */
const fenced = (text: string, lang = '') => {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}${lang}\n${text}\n${fence}`;
};

export function renderMarkdown(input: Report): string {
  const report = withTotals(input);
  const t = report.totals!;
  const out = [
    `## sip-conformance: ${cell(headline(report))}`,
    '',
    `seed ${report.seed}, ${report.runs} runs per requirement${report.complete ? '' : ', **incomplete run**'}${report.settings?.shard ? `, shard ${report.settings.shard}` : ''}`,
    '',
    '| spec | target | pass | fail | warn | skip | MUST score | requests |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.specs.map((s) => `| ${cell(s.spec)} | ${cell(s.target)} | ${s.totals!.pass} | ${s.totals!.fail} | ${s.totals!.warn} | ${s.totals!.skip} | ${percent(s.totals!.mustScore)} | ${s.totals!.requests} |`),
    `| **all** | | ${t.pass} | ${t.fail} | ${t.warn} | ${t.skip} | ${percent(t.mustScore)} | ${t.requests} |`,
  ];
  const b = report.baseline;
  if (b?.known) {
    out.push('', `baseline \`${cell(b.file)}\` (${b.knownFailures.length} entries):`, '');
    for (const e of b.known) out.push(`- known failure ${cell(e.spec)} ${cell(e.id)}: ${cell(e.reason)}`);
    for (const e of b.new!) out.push(`- **new failure** ${cell(e.spec)} ${cell(e.id)}`);
    for (const e of b.stale!) out.push(`- **stale entry** ${cell(e.spec)} ${cell(e.id)}: ${e.verdict === 'pass' ? 'passes' : 'no longer fails'} now; remove it from the baseline`);
  }
  for (const s of report.specs) {
    if (s.error) out.push('', `**${cell(s.spec)}: could not run**: ${cell(s.error)}`);
    for (const r of byCode(s.requirements).filter((x) => x.verdict === 'fail' || x.verdict === 'warn')) {
      out.push('', `<details><summary>${VERDICT_LABEL[r.verdict]} ${escapeHtml(cell(s.spec))} ${escapeHtml(cell(requirementName(r)))}</summary>`, '', `source: ${cell(r.source)}`);
      if (r.reason) out.push('', `note: ${cell(r.reason)}`);
      for (const f of r.failures) {
        const text = [`case:     ${f.case}`, ...beforeLines(f, 300).map((l) => `before:   ${l}`), `expected: ${f.expected}`, `actual:   ${actualOf(f, 300)}`, ...f.checks.map((c) => `${c.level === 'MUST' ? 'x' : '!'} ${c.check}: ${c.message}`), '', f.curl, f.replay].join('\n');
        out.push('', fenced(text, 'text'));
      }
      out.push('', '</details>');
    }
    for (const r of byCode(s.requirements).filter((x) => x.wire?.length)) {
      out.push('', `<details><summary>SIP on the wire: ${VERDICT_LABEL[r.verdict]} ${escapeHtml(cell(s.spec))} ${escapeHtml(cell(r.id))}</summary>`, '', fenced(wireText(r), 'text'), '', '</details>');
    }
    const skipped = s.requirements.filter((r) => r.verdict === 'skip');
    if (skipped.length) out.push('', `<details><summary>${skipped.length} skipped in ${cell(s.spec)}</summary>`, '', ...skipped.map((r) => `- ${cell(r.id)}: ${cell(r.reason ?? 'skipped')}`), '', '</details>');
    if (s.probes?.length) {
      out.push('', `<details><summary>tolerance probes of ${cell(s.spec)} (observed, never judged)</summary>`, '', '| point | probe | outcome | status | codes |', '| --- | --- | --- | ---: | --- |');
      for (const p of s.probes) out.push(`| ${cell(p.point)} | ${cell(p.case)} | ${p.outcome}${p.observed ? ` (${cell(p.observed)})` : ''} | ${p.status} | ${cell((p.codes ?? []).join(', '))} |`);
      out.push('', '</details>');
    }
  }
  return `${out.join('\n')}\n`;
}
