// sip-conformance command line: `run` (the suite through vitest) and `mock` (a reference mock).
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { checkFaults, MockOptionError, startMock, type Variant, VARIANTS } from '../../mocks/kit.ts';
import { isBundled, loadSpec, SPEC_NAMES } from '../../specs/index.ts';
import { EXIT, SelectionError, specKeys, UsageError } from './args.ts';
import { COMMANDS, MOCK, RUN, topHelp } from './commands.ts';
import { helpOf, parseCommand, seeHelp } from './options.ts';
import { REPORT_COMMANDS, replayLine, runReporting, writeUnreachableReport } from './reports.ts';
import { readSipConfig } from '../sip/endpoint.ts';
import { checkUrl, ConfigError, type ConfigFile, readConfig } from '../load/config.ts';
import { checkBaseline } from '../results/gate.ts';
import { isRecord } from '../model/types.ts';
import type { SuiteOptions } from '../run/suite.ts';
import type { SuiteRun } from '../run/vitest-run.ts';
import { prepareReportDir, reachable, UnreachableError } from './preflight.ts';
import { SpecError } from '../load/spec-loader.ts';
import type { DryRunSpec } from '../run/dry-run.ts';
import { selected } from '../run/only.ts';
import { planParts } from '../run/parts.ts';
import { intervalOf, parseRate, type Rate } from '../http/index.ts';
import { rateFor } from '../run/run-spec.ts';
import { parseMockRateLimit } from '../../mocks/throttle.ts';
import { preamble } from './preamble.ts';
import { takeSignals } from './signals.ts';
import { applyBox, chooseBox, parseMaxTime } from './time-box.ts';
import { judged, keptReport, type Resume, resumeFrom } from './resume.ts';

/** The folder holding src/ and suites/: the package, or its dist/ when this runs compiled. */
const CODE_ROOT = resolve(import.meta.dirname, '../..');
const PACKAGE_ROOT = import.meta.filename.endsWith('.js') ? resolve(CODE_ROOT, '..') : CODE_ROOT;

function integer(value: string | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name}: expected an integer from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

const isVariant = (v: unknown): v is Variant => (VARIANTS as readonly unknown[]).includes(v);
const VARIANT_LIST = VARIANTS.join('|');

function variantOf(value: string): Variant {
  if (isVariant(value)) return value;
  throw new UsageError(`--variant: expected ${VARIANTS.join(', ')}, got "${value}"`);
}

/** A spec section's `mock` key ({faults, variant}) for the embedded or standalone mock; flags add to it. */
function mockOptions(section: Record<string, unknown> | undefined, spec: string, flags: { fault?: unknown; variant?: unknown }): { faults: string[]; variant: Variant } {
  const raw = section?.mock;
  if (raw !== undefined && !isRecord(raw)) throw new ConfigError(`config ${spec}.mock: expected {"faults": [...], "variant": "${VARIANT_LIST}"}`);
  const configured = raw?.faults ?? [];
  if (!Array.isArray(configured) || configured.some((f) => typeof f !== 'string')) throw new ConfigError(`config ${spec}.mock.faults: expected a list of fault names`);
  if (raw?.variant !== undefined && !isVariant(raw.variant)) throw new ConfigError(`config ${spec}.mock.variant: expected ${VARIANTS.join(', ')}`);
  return {
    faults: [...(configured as string[]), ...((flags.fault as string[] | undefined) ?? [])],
    variant: flags.variant !== undefined ? variantOf(flags.variant as string) : ((raw?.variant as Variant | undefined) ?? 'strict'),
  };
}

/** `N/s`, `N/m` or `none`, from `--rate` or a section's `rate`. */
function rateOf(value: unknown, where: string): Rate | 'none' | undefined {
  if (value === undefined || value === 'none') return value;
  const rate = typeof value === 'string' ? parseRate(value, where) : undefined;
  if (!rate) throw new UsageError(`${where}: expected N/s or N/m (requests per second or minute, per credential), or none, got ${JSON.stringify(value)}`);
  return rate;
}

const HELP = ['--help', '-h', 'help'];

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `sip-conformance run | head`: a closed pipe ends the run quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  });
  try {
    if (command === undefined) throw new UsageError('missing command');
    if (HELP.includes(command) || rest.some((a) => a === '--help' || a === '-h')) {
      // `help run`, `run --help`: that command's options; otherwise the list of commands.
      const of = COMMANDS.find((c) => c.name === (HELP.includes(command) ? rest[0] : command));
      console.log(of ? helpOf(of) : topHelp(SPEC_NAMES));
      return EXIT.ok;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      console.log(`sip-conformance ${(JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`);
      return EXIT.ok;
    }
    if (command === 'run') return await run(rest);
    if (command === 'mock') return await mock(rest);
    if (Object.hasOwn(REPORT_COMMANDS, command)) return await REPORT_COMMANDS[command]!(rest);
    throw new UsageError(`unknown command "${command}"`);
  } catch (err) {
    if (err instanceof UnreachableError) {
      console.error(`sip-conformance: ${err.message}`);
      return EXIT.unreachable;
    }
    if (err instanceof UsageError || err instanceof SelectionError || err instanceof ConfigError || err instanceof SpecError || err instanceof MockOptionError) {
      console.error(`sip-conformance: ${err.message}`);
      if (err instanceof UsageError) console.error(seeHelp(COMMANDS.find((c) => c.name === command)?.name));
      return EXIT.usage;
    }
    throw err;
  }
}

async function mock(args: string[]): Promise<number> {
  const v = parseCommand(MOCK, args).values;
  const name = v.spec as string | undefined;
  if (!name) throw new UsageError('mock: --spec NAME is required (a bundled spec or an OpenAPI file)');
  const port = integer(v.port as string | undefined, 'port', 0, 65535, 0);
  const config: ConfigFile = v.config ? await readConfig(v.config as string) : {};
  const spec = await loadSpec(name);
  checkSections(config, v.config as string, [spec.name]);
  const { faults, variant } = mockOptions(config[spec.name], spec.name, v);
  const mockDef = spec.mock!;
  if (v['list-faults']) {
    if (mockDef.faults.length === 0) console.log(`${spec.name}: this mock has no faults (faults are written by hand for the bundled specs: ${SPEC_NAMES.join(', ')}; the mock of an OpenAPI file follows its document)`);
    for (const f of mockDef.faults) console.log(`${f.name.padEnd(32)} ${f.description} [breaks ${f.breaks.join(', ')}]`);
    return EXIT.ok;
  }
  checkFaults(mockDef, faults);
  const rateLimit = v['rate-limit'] === undefined ? undefined : parseMockRateLimit(v['rate-limit'] as string);
  if (v['rate-limit'] !== undefined && !rateLimit) throw new UsageError(`--rate-limit: expected heavy, N/s or N/m, got "${v['rate-limit'] as string}"`);
  const tokenLifetimeMs = v['token-lifetime'] === undefined ? undefined : integer(v['token-lifetime'] as string, 'token-lifetime', 1, 2 ** 31 - 1, 0);
  const running = await startMock(mockDef, { faults, variant, rateLimit, tokenLifetimeMs }, { port, host: (v.host as string | undefined) ?? '127.0.0.1' }).catch((err: Error) => {
    throw new UsageError(`mock: cannot listen on port ${port}: ${err.message}`);
  });
  console.log(`listening ${running.url}`);
  for (const [k, value] of Object.entries(mockDef.fixtures)) console.log(`  fixture ${k}: ${value}`);
  const files = await mockDef.standalone?.(running.url);
  for (const [k, value] of Object.entries(files?.printed ?? {})) console.log(`  ${k}: ${value}`);
  if (files) console.log(`  ${files.dir}: ${v['keep-keys'] ? 'kept when the mock stops (--keep-keys); delete it yourself' : 'removed when the mock stops (--keep-keys keeps it)'}`);
  await new Promise<void>((done) => {
    takeSignals(() => void running.close().then(done), true);
  });
  // The folder holds private keys: it outlives the mock only when asked to.
  if (files && !v['keep-keys']) rmSync(files.dir, { recursive: true, force: true });
  return EXIT.ok;
}

async function run(args: string[]): Promise<number> {
  // A large run's CLI keeps a lean heap (src/run/lean-heap.ts): its young generation at the size it
  // starts with, and the loaded specs' garbage let go once planned (they are dropped by then). Put
  // back at the end: the CLI may run in a test's process.
  const { holdYoungSize, isLargeRun, leanHeap } = await import('../run/lean-heap.ts');
  const letYoungGrow = holdYoungSize();
  let leanHeapEnds: (() => void) | undefined;
  try {
    const planned = await planRun(args);
    if (typeof planned === 'number') return planned;
    if (isLargeRun(planned.sizes)) leanHeapEnds = leanHeap();
    else letYoungGrow();
    const { runSuites } = await import('../run/vitest-run.ts');
    return await runSuites(planned);
  } finally {
    letYoungGrow();
    leanHeapEnds?.();
  }
}

/**
 * What `run` runs (or its exit code, for a dry run): the specs are loaded to plan it and dropped when
 * it starts (`runSuites` gets ids, names and numbers), so the CLI's process does not hold a large
 * document's model through the whole run (the workers load their own).
 */
async function planRun(args: string[]): Promise<number | SuiteRun> {
  const v = parseCommand(RUN, args).values;
  const resume = v.resume === undefined ? undefined : await resumed(v.resume as string, v);
  const specs = (v.spec as string[] | undefined) ?? SPEC_NAMES;
  const target = v.target as string | undefined;
  if (target !== undefined) {
    checkUrl(target, '--target');
    if (specs.length !== 1) throw new UsageError('--target needs exactly one --spec (use the config file to give each spec its target)');
  }
  const basePath = v['base-path'] as string | undefined;
  if (basePath !== undefined && (specs.length !== 1 || isBundled(specs[0]!))) throw new UsageError('--base-path needs exactly one --spec, an OpenAPI file (a bundled spec knows its paths)');
  const seed = integer(v.seed as string | undefined, 'seed', 0, 2 ** 31 - 1, Math.floor(Math.random() * 2 ** 31));
  const options: SuiteOptions = {
    seed,
    runs: integer(v.runs as string | undefined, 'runs', 1, 100_000, 50),
    timeoutMs: integer(v.timeout as string | undefined, 'timeout', 1, 600_000, 5000),
    concurrency: integer(v.concurrency as string | undefined, 'concurrency', 1, 256, 8),
    timeLimitMs: integer(v['time-limit'] as string | undefined, 'time-limit', 1000, 3_600_000, 60_000),
    rate: rateOf(v.rate, '--rate'),
    specs: {},
  };
  const budget = v.budget === undefined ? undefined : integer(v.budget as string, 'budget', 1, 10_000_000, 0);
  const dryRuns: DryRunSpec[] = [];
  const reportDir = resolve((v['report-dir'] as string | undefined) ?? 'reports/out');
  const config: ConfigFile = v.config ? await readConfig(v.config as string) : {};
  checkSections(config, v.config as string, specs.map((s) => (isBundled(s) ? s : basename(s, extname(s)))));
  const reporting = runReporting(v, { timeoutMs: options.timeoutMs, concurrency: options.concurrency, ...(v.config && { config: resolve(v.config as string) }), ...(v.only && { only: v.only as string }) });
  options.shard = reporting.shard;
  const targets: Record<string, string> = {};
  const notices: string[] = [];
  const extras: Record<string, { mock?: { faults: string[]; variant: Variant }; catalogue?: string }> = {};
  const catalogues = new Map<string, string[]>();
  for (const name of specs) {
    const spec = await loadSpec(name, v.catalogue as string | undefined);
    catalogues.set(spec.name, spec.catalogue.map((r) => r.id));
    const raw = config[spec.name] ?? config[name];
    const { faults, variant } = mockOptions(raw, spec.name, v);
    const section = specKeys(raw);
    const rate = options.rate ?? rateOf(raw?.rate, `config ${spec.name}.rate`);
    if (v['allow-billable']) section.allowBillable = true;
    if (basePath !== undefined) section.basePath = basePath;
    const specTarget = target ?? (section.target as string | undefined);
    const settings = spec.settings(section, specTarget === undefined);
    const sip = readSipConfig(raw?.sip, spec.name, specTarget === undefined);
    notices.push(...(spec.notices?.({ ...settings, target: specTarget, runs: options.runs, sip }, specTarget === undefined) ?? []));
    if (specTarget === undefined) checkFaults(spec.mock!, faults);
    else if (faults.length || variant !== 'strict') throw new UsageError('faults and variants apply to the embedded mock only, not with a target');
    else if (!v['dry-run']) {
      await reachable(specTarget).catch((err: unknown) => {
        // A resumed run leaves the report it continues as it was (it may be the folder's report.json).
        if (!(err instanceof UnreachableError) || resume) throw err;
        const planned = spec.catalogue.filter((r) => selected(spec.name, r, v.only as string | undefined)).length;
        const file = writeUnreachableReport(reportDir, reporting.formats, { seed, runs: options.runs, settings: reporting.settings }, { name: spec.name, planned }, specTarget, err.message);
        if (file) console.log(`report: ${file}`);
        throw err;
      });
    }
    const replay = replayLine(name, isBundled(name), v, seed, options.runs, reportDir);
    options.specs[name] = { section, target, catalogue: v.catalogue as string | undefined, mock: { faults, variant }, replay, rate, done: resume?.done[spec.name], probesDone: resume?.probesDone[spec.name], sip };
    targets[spec.name] = specTarget ?? 'embedded mock';
    extras[spec.name] = { ...(specTarget === undefined && { mock: { faults, variant } }), ...(v.catalogue && { catalogue: resolve(v.catalogue as string) }) };
    dryRuns.push({ spec, target: targets[spec.name]!, section, embedded: specTarget === undefined, rate: rateFor(spec, { rate, target, section }), only: v.only as string | undefined, done: new Set(resume?.done[spec.name]) });
  }
  if (reporting.gate.baseline) checkBaseline(reporting.gate.baseline, v.baseline as string, catalogues, SPEC_NAMES);
  const only = v.only as string | undefined;
  if (only !== undefined && !dryRuns.some((d) => d.spec.catalogue.some((r) => selected(d.spec.name, r, only)))) {
    throw new SelectionError(`--only ${only}: no requirement id, error code or title contains it (\`sip-conformance run --dry-run\` lists them)`);
  }
  // Checked once the specs are known to select something, so a run that cannot start writes nothing.
  const unusable = prepareReportDir(reportDir);
  if (unusable) throw new ConfigError(`--report-dir ${reportDir}: ${unusable}`);
  if (budget !== undefined) shareBudget(budget, dryRuns, options);
  const box = chooseBox(parseMaxTime(v['max-time'] as string | undefined), budget, dryRuns);
  if (box) options.timeBox = applyBox(box, dryRuns, options);
  const { dryRun, planSpec } = await import('../run/dry-run.ts');
  const plans = dryRuns.filter((d) => d.rate || d.budget !== undefined).map((d) => planSpec(d, options.runs, seed));
  const first = preamble(plans, box);
  // Before the first request (and in a dry run): what the specs say a user must know.
  for (const line of notices) console.error(line);
  if (v['dry-run']) {
    const [title, ...plan] = dryRun(dryRuns, options.runs, seed).lines;
    console.log([title, ...first, ...plan].join('\n'));
    return EXIT.ok;
  }
  if (first.length) console.log(first.join('\n'));
  const budgets = dryRuns.flatMap((d) => (d.budget === undefined ? [] : [d.budget]));
  const split = planParts(specs.map((name, i) => ({ name, d: dryRuns[i]!, sip: options.specs[name]!.sip !== undefined })), options.runs, availableParallelism(), options.shard);
  options.parts = split.parts;
  options.onlyText = v.only as string | undefined;
  return {
    options,
    targets,
    reportDir,
    root: CODE_ROOT,
    report: { formats: reporting.formats, settings: reporting.settings, specs: extras, partFiles: Object.fromEntries(Object.entries(options.parts).map(([slot, p]) => [`part-${slot}`, dryRuns[specs.indexOf(p.spec)]!.spec.name])) },
    gate: reporting.gate,
    budget: budgets.length ? budgets.reduce((a, b) => a + b, 0) : undefined,
    previous: resume && keptReport(resume),
    pace: Object.fromEntries(plans.flatMap((p) => (p.d.rate ? [[p.d.spec.name, { planned: p.requests, intervalMs: intervalOf(p.d.rate) }]] : []))),
    sizes: Object.fromEntries(specs.map((name) => [name, split.selected.get(name)!.length])),
  };
}

/** `--resume REPORT.json`: the report read back, its settings filled into the flags (conflicts are usage errors). */
async function resumed(file: string, v: Record<string, string | string[] | boolean | undefined>): Promise<Resume> {
  const { readReport } = await import('../results/report-file.ts');
  const r = resumeFrom(resolve(file), readReport(file), v, isBundled);
  const left = Object.entries(r.report.specs).reduce((n, [, s]) => n + s.requirements.filter((x) => !judged(x)).length, 0);
  console.log(`resuming ${r.file}: seed ${r.report.seed}; ${Object.values(r.done).flat().length} requirements kept as judged, ${left} cut or in error run again, with those not reached`);
  return r;
}

/** Splits a run's budget between its specs by requirement count (each spec runs in its own worker). */
function shareBudget(budget: number, specs: DryRunSpec[], options: SuiteOptions): void {
  const names = Object.keys(options.specs);
  const sizes = specs.map((d) => d.spec.catalogue.length);
  const all = sizes.reduce((a, b) => a + b, 0);
  let left = budget;
  specs.forEach((d, i) => {
    const share = i === specs.length - 1 ? left : Math.floor((budget * sizes[i]!) / all);
    left -= share;
    d.budget = share;
    options.specs[names[i]!]!.budget = share;
  });
}

/** Config sections name a bundled spec or a spec file of this run (by base name); anything else is a typo. */
function checkSections(config: ConfigFile, file: string | undefined, names: string[]): void {
  const known = [...new Set([...SPEC_NAMES, ...names])];
  const unknown = Object.keys(config).find((k) => !known.includes(k));
  if (unknown !== undefined) throw new ConfigError(`config ${file}: unknown section "${unknown}" (known: ${known.join(', ')})`);
}
