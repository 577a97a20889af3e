// The CLI's report side: `run` flags (--format, --baseline, --update-baseline, --fail-on, --shard),
// the replay line printed for each failure, the run's exit decision, and `diff`, `merge`, `replay`.
import { writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { type Format, parseFormats, writeReports } from '../../reports/index.ts';
import { EXIT, UsageError } from './args.ts';
import { DIFF, MERGE, REPLAY } from './commands.ts';
import { invokedAs } from './invocation.ts';
import { prepareReportDir, reachable } from './preflight.ts';
import { parseCommand, type Values } from './options.ts';
import { checkUrl, type ConfigFile, readConfig } from '../load/config.ts';
import { baselineOf, type FailOn, gate, type GateOptions, readBaseline } from '../results/gate.ts';
import type { Report, RunSettingsRecord } from '../results/report.ts';
import { parseShard, type Shard, shardLabel } from '../run/shard.ts';


export interface RunGate extends GateOptions {
  /** The file --baseline named (the report records it). */
  baselineFile?: string;
  updateBaseline?: string;
}

const usage = <T>(f: () => T): T => {
  try {
    return f();
  } catch (err) {
    throw err instanceof Error && !(err instanceof UsageError) && err.message.startsWith('--') ? new UsageError(err.message) : err;
  }
};

/**
 * The report of a run whose target did not answer before it started (exit 3): nothing tested, the spec
 * named with why. Without it a CI job read back the report an earlier run had left in the folder.
 */
export function writeUnreachableReport(dir: string, formats: Format[], run: Pick<Report, 'seed' | 'runs' | 'settings'>, spec: { name: string; planned: number }, target: string, why: string): string | undefined {
  if (prepareReportDir(dir)) return undefined;
  const now = new Date().toISOString();
  const report: Report = { tool: 'sip-conformance', ...run, startedAt: now, finishedAt: now, complete: false, specs: [{ spec: spec.name, target, origin: '', planned: spec.planned, requirements: [], error: why }] };
  return writeReports(dir, report, formats.includes('json') ? formats : ['json', ...formats]).find((f) => f.endsWith('report.json'));
}

/** The run's report and gate settings from its flags (bad values: exit 2 before anything runs). */
export function runReporting(v: Values, settings: RunSettingsRecord): { formats: Format[]; settings: RunSettingsRecord; shard?: Shard; gate: RunGate } {
  const failOn = (v['fail-on'] as string | undefined) ?? 'must';
  if (failOn !== 'must' && failOn !== 'should') throw new UsageError(`--fail-on: expected must or should, got "${failOn}"`);
  const shard = v.shard === undefined ? undefined : usage(() => parseShard(v.shard as string));
  const baselineFile = v.baseline as string | undefined;
  return {
    formats: usage(() => parseFormats(v.format as string | undefined)),
    settings: { ...settings, ...(shard && { shard: shardLabel(shard) }) },
    shard,
    gate: {
      failOn: failOn as FailOn,
      baseline: baselineFile === undefined ? undefined : readBaseline(baselineFile),
      ...(baselineFile !== undefined && { baselineFile: resolve(baselineFile) }),
      updateBaseline: v['update-baseline'] as string | undefined,
      filtered: settings.only !== undefined || shard !== undefined,
    },
  };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const absolute = (p: string) => (isAbsolute(p) ? p : resolve(p));

/**
 * The command that reruns one requirement exactly as this run did (`{id}` is replaced), started as
 * the user started this one, writing beside this run's reports rather than over them.
 */
export function replayLine(spec: string, bundled: boolean, v: Values, seed: number, runs: number, reportDir: string): string {
  const parts = ['run', '--spec', bundled ? spec : absolute(spec)];
  if (v.target) parts.push('--target', v.target as string);
  if (v.config) parts.push('--config', absolute(v.config as string));
  if (v.catalogue) parts.push('--catalogue', absolute(v.catalogue as string));
  for (const f of (v.fault as string[] | undefined) ?? []) parts.push('--fault', f);
  if (v.variant) parts.push('--variant', v.variant as string);
  if (v.timeout) parts.push('--timeout', v.timeout as string);
  if (v['base-path'] !== undefined) parts.push('--base-path', v['base-path'] as string);
  if (v['allow-billable']) parts.push('--allow-billable');
  parts.push('--seed', String(seed), '--runs', String(runs), '--report-dir', join(reportDir, 'replay-{id}'));
  return `${[...invokedAs(), ...parts].map(quote).join(' ')} --only {id}`;
}

/**
 * After the run: the baseline update, the gate's lines, and the exit code. The run is judged by the
 * baseline it started with (--baseline, as its reports say); --update-baseline writes the next run's.
 */
export function finishRun(report: Report, g: RunGate = { failOn: 'must', filtered: false }): number {
  if (g.updateBaseline) {
    const next = baselineOf(report, g.failOn, g.baseline ?? tryReadBaseline(g.updateBaseline));
    writeFileSync(g.updateBaseline, `${JSON.stringify(next, null, 2)}\n`);
    console.log(`baseline: ${next.knownFailures.length} known failure(s) written to ${g.updateBaseline} for the next run${g.baseline ? '' : '; this run is judged without a baseline'}`);
  }
  const result = gate(report, g);
  for (const line of result.lines) (result.code === 2 ? console.error : console.log)(result.code === 2 ? `sip-conformance: ${line}` : line);
  return result.code;
}

const tryReadBaseline = (file: string) => {
  try {
    return readBaseline(file);
  } catch {
    return undefined;
  }
};

async function diff(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(DIFF, args);
  const format = (values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'md' && format !== 'json') throw new UsageError(`diff: --format: expected text, md or json, got "${format}"`);
  if (positionals.length !== 2) throw new UsageError('diff: expected two reports, OLD.json NEW.json');
  const [{ diffReports, formatDiff }, { readReport }] = await Promise.all([import('../results/diff.ts'), import('../results/report-file.ts')]);
  const d = diffReports(readReport(positionals[0]!), readReport(positionals[1]!));
  process.stdout.write(formatDiff(d, format));
  return d.newFailures.length ? EXIT.mustFailed : EXIT.ok;
}

async function merge(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(MERGE, args);
  const formats = usage(() => parseFormats(values.format as string | undefined));
  const dir = values['report-dir'] as string | undefined;
  if (!dir) throw new UsageError('merge: --report-dir DIR is required');
  const [{ MergeError, mergeReports }, { readReport }] = await Promise.all([import('../results/merge.ts'), import('../results/report-file.ts')]);
  let merged: Report;
  try {
    merged = mergeReports(positionals.map((file) => ({ file, report: readReport(file) })));
  } catch (err) {
    throw err instanceof MergeError ? new UsageError(err.message) : err;
  }
  const files = writeReports(dir, merged, formats.includes('json') ? formats : ['json', ...formats]);
  const total = merged.specs.reduce((n, s) => n + s.requirements.length, 0);
  console.log(`merged ${positionals.length} report(s), ${total} requirements: ${files.join(', ')}`);
  // Judged as the shards were: by the baseline they ran with, if any.
  const b = merged.baseline;
  return finishRun(merged, { failOn: b?.failOn ?? 'must', filtered: merged.settings?.only !== undefined, ...(b && { baseline: { knownFailures: b.knownFailures } }) });
}

async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseCommand(REPLAY, args);
  if (positionals.length !== 1) throw new UsageError('replay: expected one report, REPORT.json');
  if (values.target !== undefined) checkUrl(values.target as string, '--target');
  // Loaded on demand: the run's own start-up stays light (it must answer SIGINT early).
  const [{ replayable, replayReport, replayTargets }, { readReport }] = await Promise.all([import('../run/replay.ts'), import('../results/report-file.ts')]);
  const report = readReport(positionals[0]!);
  const only = (values.only as string[] | undefined) ?? [];
  const unknown = only.find((id) => !report.specs.some((s) => s.requirements.some((r) => r.id === id)));
  if (unknown) throw new UsageError(`replay: --only ${unknown}: no such requirement in ${positionals[0]}`);
  if (replayable(report, only).length === 0) {
    console.error(`sip-conformance: nothing to replay: ${only.length ? `${only.join(', ')} did not fail` : 'the report has no failure'}`);
    return EXIT.usage;
  }
  const configFile = (values.config as string | undefined) ?? report.settings?.config;
  const config: ConfigFile = configFile ? await readConfig(configFile) : {};
  const timeout = values.timeout === undefined ? (report.settings?.timeoutMs ?? 5000) : Number(values.timeout);
  if (!Number.isSafeInteger(timeout) || timeout < 1) throw new UsageError(`--timeout: expected a positive integer, got "${values.timeout}"`);
  const options = { only, target: values.target as string | undefined, config, timeoutMs: timeout };
  for (const target of replayTargets(report, options)) await reachable(target);
  const outcomes = await replayReport(report, options, (x) =>
    console.log(`${x.fixed ? 'fixed        ' : 'still failing'} ${x.spec} ${x.id}: ${x.case} -> ${x.detail}`),
  );
  const open = outcomes.filter((x) => !x.fixed).length;
  console.log(`replay: ${outcomes.length - open} fixed, ${open} still failing`);
  return open ? EXIT.mustFailed : EXIT.ok;
}

export const REPORT_COMMANDS: Record<string, (args: string[]) => Promise<number>> = { diff, merge, replay };

