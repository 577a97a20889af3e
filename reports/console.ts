// Human-readable output: a table per spec (one row per requirement, by error code) and failure details.
import type { Report, RequirementResult, SpecReport } from '../src/results.ts';

const MARK = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' } as const;

export function formatRequirement(r: RequirementResult): string {
  const lines = [`${MARK[r.verdict]} [${r.level}] ${r.errorCode ?? '-'} ${r.id}: ${r.title}`, `  source: ${r.source}`];
  if (r.reason) lines.push(`  note: ${r.reason}`);
  for (const f of r.failures) {
    lines.push(
      `  ${f.level === 'MUST' ? 'counterexample (shrunk)' : 'warning'}: ${f.case}`,
      `    expected: ${f.expected}`,
      `    actual:   ${f.actual.error ?? `${f.actual.status} ${f.actual.body.slice(0, 200)}`}`,
      ...f.checks.map((c) => `    ${c.level === 'MUST' ? 'x' : '!'} ${c.check}: ${c.message}`),
      `    curl:     ${f.curl}`,
      `    replay:   ${f.replay}`,
    );
  }
  return lines.join('\n');
}

function table(spec: SpecReport): string {
  const key = (r: RequirementResult) => `${r.errorCode ?? '~'} ${r.id}`;
  const rows = [...spec.requirements].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const header = ['verdict', 'level', 'code', 'requirement', 'cases'];
  const cells = rows.map((r) => [MARK[r.verdict], r.level, r.errorCode ?? '-', r.id, String(r.cases)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export function formatReport(report: Report, reportFile?: string): string {
  const out: string[] = [];
  for (const spec of report.specs) {
    out.push('', `== ${spec.spec} -> ${spec.target}`);
    if (spec.error) out.push(`error: ${spec.error}`);
    out.push(table(spec));
    for (const a of spec.ambiguities ?? []) out.push(`ambiguity (tested as neither MUST): ${a}`);
    for (const r of spec.requirements.filter((x) => x.verdict !== 'fail' && x.reason?.startsWith('stopped after'))) out.push(`time limit (--time-limit) hit: ${r.id} ${r.reason}`);
    for (const r of spec.requirements.filter((x) => x.verdict === 'fail' || x.verdict === 'warn')) out.push('', formatRequirement(r));
  }
  const all = report.specs.flatMap((s) => s.requirements);
  const count = (v: string) => all.filter((r) => r.verdict === v).length;
  out.push(
    '',
    `${count('pass')} passed, ${count('fail')} failed, ${count('warn')} warnings, ${count('skip')} skipped (seed ${report.seed}${report.complete ? '' : ', incomplete run'})`,
  );
  if (reportFile) out.push(`report: ${reportFile}`);
  return out.join('\n');
}
