// Human-readable output: a table per spec (one row per requirement, by error code, with titles),
// skip reasons, tolerance probes and each failure and warning in detail; on a TTY, a progress line.
import { FAULT_VARIANTS, type MutationRow } from '../src/run/fault-score.ts';
import { type ProbeResult, type Report, type RequirementResult, type SpecReport, withTotals } from '../src/results/report.ts';
import { byCode, failureText, lastSummary, percent, VERDICT_LABEL, wireText } from './labels.ts';

export function formatRequirement(r: RequirementResult): string {
  const lines = [`${VERDICT_LABEL[r.verdict]} ${r.errorCode ?? '-'} ${r.id}: ${r.title}`, `  level: ${r.level}; source: ${r.source}`];
  if (r.reason) lines.push(`  ${r.verdict === 'skip' ? 'skipped' : 'note'}: ${r.reason}`);
  for (const f of r.failures) lines.push(failureText(f).replace(/^/gm, '  '));
  if (r.wire?.length) lines.push('  SIP on the wire:', wireText(r).replace(/^/gm, '    '));
  return lines.join('\n');
}

const TITLE_WIDTH = 70;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What the server chose where the documents leave a choice: observed, not judged. */
function probeTable(probes: ProbeResult[]): string {
  const chose = (p: ProbeResult) => (p.outcome === 'rejected' ? `rejected ${p.status}${p.codes ? ` ${p.codes.join(',')}` : ''}` : p.outcome === 'accepted' ? `accepted ${p.status}` : 'no answer');
  const cells = probes.map((p) => [p.point, p.case.slice(0, 60), `${chose(p)}${p.observed ? `: ${p.observed}` : ''}`]);
  return ['tolerance probes (undecided points: what this server chose, not a verdict)', ...columns(['point', 'probe', 'server chose'], cells)].join('\n');
}

function columns(header: string[], cells: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)];
}

function table(spec: SpecReport): string {
  const cells = byCode(spec.requirements).map((r) => [VERDICT_LABEL[r.verdict], r.level, r.errorCode ?? '-', r.id, String(r.cases), clip(r.title, TITLE_WIDTH)]);
  return columns(['result', 'level', 'code', 'requirement', 'cases', 'title'], cells).join('\n');
}

export function formatReport(input: Report, reportFiles: string[] = []): string {
  const report = withTotals(input);
  const out: string[] = [];
  for (const spec of report.specs) {
    out.push('', `== ${spec.spec} -> ${spec.target} (MUST conformance ${percent(spec.totals!.mustScore)})`);
    if (spec.error) out.push(`error: ${spec.error}`);
    out.push(table(spec));
    for (const a of spec.ambiguities ?? []) out.push(`ambiguity (tested as neither MUST): ${a}`);
    for (const r of spec.requirements.filter((x) => x.verdict === 'skip')) out.push(`skipped ${r.id}: ${r.reason ?? 'no reason given'}`);
    for (const r of spec.requirements.filter((x) => x.verdict === 'error')) out.push(`suite error (a bug of sip-conformance, not a verdict on the server) ${r.id}: ${r.reason ?? ''}`);
    for (const r of spec.requirements.filter((x) => x.verdict !== 'fail' && x.reason?.startsWith('stopped after'))) out.push(`time limit (--time-limit) hit: ${r.id} ${r.reason}`);
    if (spec.probes?.length) out.push('', probeTable(spec.probes));
    for (const r of byCode(spec.requirements).filter((x) => x.verdict === 'pass' && x.wire?.length)) out.push(`on the wire ${r.id}: ${lastSummary(r)} (${r.wire!.length} REGISTERs; every message in report.json)`);
    for (const r of byCode(spec.requirements).filter((x) => x.verdict === 'fail' || x.verdict === 'warn')) out.push('', formatRequirement(r));
  }
  const t = report.totals!;
  out.push(
    '',
    summaryLine(report),
  );
  for (const f of reportFiles) out.push(`report: ${f}`);
  return out.join('\n');
}

/** The run in one line: every verdict counted, suite errors too. */
export function summaryLine(report: Report): string {
  const t = report.totals ?? withTotals(report).totals!;
  return `${t.pass} passed, ${t.fail} failed, ${t.error} ERROR (suite), ${t.warn} warnings, ${t.skip} skipped (seed ${report.seed}${report.complete ? '' : ', incomplete run'})`;
}

/** A paced spec's plan: the ETA comes from the pace, not from past durations. */
export interface Pace {
  planned: number;
  intervalMs: number;
}

/** `[12/40] 300 cases/s`, rewritten in place on a TTY; nothing elsewhere (CI logs stay quiet). */
export class ProgressLine {
  private done = 0;
  private cases = 0;
  private readonly started = Date.now();
  total = 0;
  /** Requests sent so far per paced spec. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly stream: { isTTY?: boolean; write(s: string): unknown } = process.stderr,
    private readonly enabled = !!stream.isTTY && !process.env.CI,
    private readonly pace: Record<string, Pace> = {},
    /** The time box's end: nothing is sent after it. */
    private readonly endsAt?: number,
  ) {}

  private lastEta = 0;

  /** When the run will end: at each paced spec's pace, what it has left to send (capped by the time box); else from the time taken so far. */
  private eta(elapsed: number, total: number): number | undefined {
    const paced = Object.entries(this.pace);
    if (paced.length) {
      const leftMs = Math.max(...paced.map(([spec, p]) => Math.max(0, p.planned - (this.sent.get(spec) ?? 0)) * p.intervalMs));
      return Math.min(Date.now() + leftMs, this.endsAt ?? Infinity);
    }
    return elapsed >= 60_000 && this.done < total ? this.started + (elapsed / this.done) * total : undefined;
  }

  /** `spec`, `sent`: the requirement's spec and the requests that spec has sent so far. */
  tick(r: RequirementResult, spec?: string, sent?: number): void {
    this.done++;
    this.cases += r.cases;
    if (spec !== undefined && sent !== undefined) this.sent.set(spec, Math.max(sent, this.sent.get(spec) ?? 0));
    const elapsed = Date.now() - this.started;
    const total = Math.max(this.total, this.done);
    const at = this.done < total ? this.eta(elapsed, total) : undefined;
    // Paced runs (live sandboxes) and runs longer than a minute say when they will end; in a CI log at most once a minute.
    const eta = at === undefined ? '' : ` ETA ${new Date(at).toISOString().slice(11, 19)} UTC`;
    if (!this.enabled) {
      if (eta && elapsed - this.lastEta >= 60_000) {
        this.lastEta = elapsed;
        this.stream.write(`[${this.done}/${total}]${eta}\n`);
      }
      return;
    }
    const rate = Math.round(this.cases / Math.max(0.001, elapsed / 1000));
    this.stream.write(`\r\x1b[K[${this.done}/${total}] ${rate} cases/s${eta}  ${VERDICT_LABEL[r.verdict]} ${r.id}`);
  }

  clear(): void {
    if (this.enabled && this.done) this.stream.write('\r\x1b[K');
  }
}

/** The fault score: which requirement detected each fault of a mock, under each reading it must be detected under. */
export function formatMutationTable(rows: MutationRow[]): string {
  const detection = (r: MutationRow) => (r.unseen ? `not run: the reading hides it (${r.unseen})` : r.detectedBy.length ? r.detectedBy.join(', ') : `MISSED (breaks ${r.breaks.join(', ')})`);
  const cells = rows.map((r) => [r.spec, r.fault, r.variant, detection(r), r.casesToDetection === undefined ? '-' : String(r.casesToDetection)]);
  const detected = rows.filter((r) => r.detectedBy.length > 0).length;
  const unseen = rows.filter((r) => r.unseen).length;
  return [
    ...columns(['spec', 'fault', 'variant', 'detected by', 'cases to detection'], cells),
    '',
    `fault score: ${detected}/${rows.length - unseen} faults detected (each fault under ${FAULT_VARIANTS.join(' and ')}${unseen ? `; ${unseen} not run under a reading that hides the fault` : ''})`,
  ].join('\n');
}
