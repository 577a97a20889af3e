// Run-to-run (or vendor-to-vendor) comparison of two reports, by spec and requirement id.
import type { ProbeResult, Report, RequirementResult, Verdict } from './report.ts';

export interface Change {
  spec: string;
  id: string;
  errorCode?: string;
  title: string;
  from?: Verdict;
  to?: Verdict;
  /** For a requirement failing in both: what the server answered before and now. */
  answer?: { from: string; to: string };
}

export interface ProbeChange {
  spec: string;
  point: string;
  case: string;
  from?: string;
  to?: string;
}

export interface ReportDiff {
  old: { seed: number; targets: string[] };
  new: { seed: number; targets: string[] };
  newFailures: Change[];
  fixed: Change[];
  /** Other verdict changes (warn <-> pass, skip <-> tested, added or removed requirements). */
  changed: Change[];
  /** Failing in both, but the answer (status, error codes) differs. */
  changedAnswers: Change[];
  changedProbes: ProbeChange[];
}

const key = (spec: string, id: string) => `${spec}\u0000${id}`;
const index = (r: Report) => new Map(r.specs.flatMap((s) => s.requirements.map((q) => [key(s.spec, q.id), { spec: s.spec, r: q }] as const)));
const answerOf = (r: RequirementResult) => {
  const f = r.failures.find((x) => x.level === 'MUST') ?? r.failures[0];
  return f ? (f.actual.error ?? `${f.actual.status} ${f.checks.map((c) => c.check).join(',')}`) : '';
};
const probeOutcome = (p: ProbeResult) => `${p.outcome} ${p.status}${p.codes?.length ? ` ${p.codes.join(',')}` : ''}${p.observed ? ` (${p.observed})` : ''}`;

export function diffReports(before: Report, after: Report): ReportDiff {
  const a = index(before);
  const b = index(after);
  const out: ReportDiff = {
    old: { seed: before.seed, targets: before.specs.map((s) => s.target) },
    new: { seed: after.seed, targets: after.specs.map((s) => s.target) },
    newFailures: [], fixed: [], changed: [], changedAnswers: [], changedProbes: [],
  };
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    const r = (y ?? x)!;
    const change: Change = { spec: r.spec, id: r.r.id, errorCode: r.r.errorCode, title: r.r.title, from: x?.r.verdict, to: y?.r.verdict };
    if (change.to === 'fail' && change.from !== 'fail') out.newFailures.push(change);
    else if (change.from === 'fail' && change.to !== 'fail') out.fixed.push(change);
    else if (change.from !== change.to) out.changed.push(change);
    else if (change.from === 'fail' && answerOf(x!.r) !== answerOf(y!.r)) out.changedAnswers.push({ ...change, answer: { from: answerOf(x!.r), to: answerOf(y!.r) } });
  }
  const probes = (r: Report) => new Map(r.specs.flatMap((s) => (s.probes ?? []).map((p) => [`${s.spec}\u0000${p.point}\u0000${p.case}`, { spec: s.spec, p }] as const)));
  const pa = probes(before);
  const pb = probes(after);
  for (const k of new Set([...pa.keys(), ...pb.keys()])) {
    const x = pa.get(k);
    const y = pb.get(k);
    const from = x && probeOutcome(x.p);
    const to = y && probeOutcome(y.p);
    if (from !== to) out.changedProbes.push({ spec: (x ?? y)!.spec, point: (x ?? y)!.p.point, case: (x ?? y)!.p.case, from, to });
  }
  return out;
}

const line = (c: Change) => `${c.spec} ${c.errorCode ?? '-'} ${c.id}: ${c.from ?? 'absent'} -> ${c.to ?? 'absent'}${c.answer ? ` (answer ${c.answer.from} -> ${c.answer.to})` : ''}`;
const probeLine = (p: ProbeChange) => `${p.spec} ${p.point} ${p.case}: ${p.from ?? 'absent'} -> ${p.to ?? 'absent'}`;

function sections(d: ReportDiff): [string, string[]][] {
  return [
    ['new failures', d.newFailures.map(line)],
    ['fixed', d.fixed.map(line)],
    ['changed verdicts', d.changed.map(line)],
    ['changed answers (failing in both)', d.changedAnswers.map(line)],
    ['changed tolerance choices', d.changedProbes.map(probeLine)],
  ];
}

export function formatDiff(d: ReportDiff, format: 'text' | 'md' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(d, null, 2)}\n`;
  const head = `old: seed ${d.old.seed}, ${d.old.targets.join(', ')}; new: seed ${d.new.seed}, ${d.new.targets.join(', ')}`;
  if (format === 'text') return `${[head, ...sections(d).map(([title, items]) => `${title}: ${items.length}${items.map((i) => `\n  ${i}`).join('')}`)].join('\n')}\n`;
  const md = [`## sip-conformance diff: ${d.newFailures.length} new failure(s), ${d.fixed.length} fixed`, '', head.replace(/\|/g, '\\|')];
  for (const [title, items] of sections(d)) if (items.length) md.push('', `### ${title} (${items.length})`, '', ...items.map((i) => `- ${i.replace(/[|<>]/g, (c) => `\\${c}`)}`));
  return `${md.join('\n')}\n`;
}
