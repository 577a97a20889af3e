// sip-conformance command line: `run` (the suite through vitest) and `mock` (a reference mock).
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, extname, resolve } from 'node:path';
import { checkFaults, MockOptionError, startMock, type Variant, VARIANTS } from '../../mocks/kit.ts';
import { isBundled, loadSpec, SPEC_NAMES } from '../../specs/index.ts';
import { EXIT, parse, specKeys, UsageError } from './args.ts';
import { readSipConfig } from '../sip/endpoint.ts';
import { REPORT_COMMANDS, REPORT_USAGE, replayLine, RUN_REPORT_OPTIONS, runReporting } from './reports.ts';
import { checkUrl, ConfigError, type ConfigFile, readConfig } from '../load/config.ts';
import { isRecord } from '../model/types.ts';
import type { SuiteOptions } from '../run/suite.ts';
import { prepareReportDir, tlsHandshake } from './preflight.ts';
import { SpecError } from '../load/spec-loader.ts';
import type { DryRunSpec } from '../run/dry-run.ts';
import { parseRate, type Rate } from '../http/index.ts';
import { rateFor } from '../run/run-spec.ts';
import { parseMockRateLimit } from '../../mocks/throttle.ts';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');

class UnreachableError extends Error {}

const USAGE = `usage:
  sip-conformance run  [--spec NAME|FILE]... [--target URL] [--config FILE] [--runs N] [--seed N]
                       [--report-dir DIR] [--timeout MS] [--concurrency N] [--only ID]
                       [--catalogue FILE] [--fault NAME]... [--variant strict|loose|strictest|lenient] [--allow-billable]
                       [--budget N] [--rate N/s|N/m|none] [--dry-run] [--time-limit MS]
  sip-conformance mock --spec NAME|FILE [--port N] [--host H] [--fault NAME]... [--variant strict|loose|strictest|lenient] [--config FILE]
                       [--rate-limit heavy|N/s|N/m] [--token-lifetime MS]
  sip-conformance mock --spec NAME --list-faults
${REPORT_USAGE}
  sip-conformance --help | --version
specs: ${SPEC_NAMES.join(', ')}, or an OpenAPI 2.0/3.0/3.1 file
exit: 0 every MUST passed, 1 a MUST failed (or a new/stale baseline entry), 2 usage/config/spec error or nothing tested, 3 target unreachable, 130 interrupted`;

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
    if (HELP.includes(command ?? '') || rest.some((a) => a === '--help' || a === '-h')) {
      console.log(USAGE);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      console.log(`sip-conformance ${(JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version}`);
      return EXIT.ok;
    }
    if (command === 'run') return await run(rest);
    if (command === 'mock') return await mock(rest);
    if (command && Object.hasOwn(REPORT_COMMANDS, command)) return await REPORT_COMMANDS[command]!(rest);
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  } catch (err) {
    if (err instanceof UnreachableError) {
      console.error(`sip-conformance: ${err.message}`);
      return EXIT.unreachable;
    }
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof SpecError || err instanceof MockOptionError) {
      console.error(`sip-conformance: ${err.message}`);
      if (err instanceof UsageError) console.error(USAGE.split('\n').slice(0, 9).join('\n'));
      return EXIT.usage;
    }
    throw err;
  }
}

async function mock(args: string[]): Promise<number> {
  const v = parse(args, {
    spec: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    fault: { type: 'string', multiple: true },
    variant: { type: 'string' },
    config: { type: 'string' },
    'list-faults': { type: 'boolean' },
    'rate-limit': { type: 'string' },
    'token-lifetime': { type: 'string' },
  }).values;
  const name = v.spec as string | undefined;
  if (!name) throw new UsageError('mock: --spec NAME is required (a bundled spec or an OpenAPI file)');
  const port = integer(v.port as string | undefined, 'port', 0, 65535, 0);
  const config: ConfigFile = v.config ? await readConfig(v.config as string) : {};
  const spec = await loadSpec(name);
  checkSections(config, v.config as string, [spec.name]);
  const { faults, variant } = mockOptions(config[spec.name], spec.name, v);
  const mockDef = spec.mock!;
  if (v['list-faults']) {
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
  for (const [k, value] of Object.entries((await mockDef.standalone?.()) ?? {})) console.log(`  ${k}: ${value}`);
  await new Promise<void>((done) => {
    const stop = () => void running.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return EXIT.ok;
}

async function run(args: string[]): Promise<number> {
  const v = parse(args, {
    spec: { type: 'string', multiple: true },
    target: { type: 'string' },
    config: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string' },
    'report-dir': { type: 'string' },
    timeout: { type: 'string' },
    concurrency: { type: 'string' },
    only: { type: 'string' },
    catalogue: { type: 'string' },
    fault: { type: 'string', multiple: true },
    variant: { type: 'string' },
    'allow-billable': { type: 'boolean' },
    budget: { type: 'string' },
    rate: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'time-limit': { type: 'string' },
    ...RUN_REPORT_OPTIONS,
  }).values;
  const specs = (v.spec as string[] | undefined) ?? SPEC_NAMES;
  const target = v.target as string | undefined;
  if (target !== undefined) {
    checkUrl(target, '--target');
    if (specs.length !== 1) throw new UsageError('--target needs exactly one --spec (use the config file to give each spec its target)');
  }
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
  const unusable = prepareReportDir(reportDir);
  if (unusable) throw new ConfigError(`--report-dir ${reportDir}: ${unusable}`);
  const config: ConfigFile = v.config ? await readConfig(v.config as string) : {};
  checkSections(config, v.config as string, specs.map((s) => (isBundled(s) ? s : basename(s, extname(s)))));
  const reporting = runReporting(v, { timeoutMs: options.timeoutMs, concurrency: options.concurrency, ...(v.config && { config: resolve(v.config as string) }), ...(v.only && { only: v.only as string }) });
  options.shard = reporting.shard;
  const targets: Record<string, string> = {};
  const extras: Record<string, { mock?: { faults: string[]; variant: Variant }; catalogue?: string }> = {};
  for (const name of specs) {
    const spec = await loadSpec(name, v.catalogue as string | undefined);
    const raw = config[spec.name] ?? config[name];
    const { faults, variant } = mockOptions(raw, spec.name, v);
    const section = specKeys(raw);
    const rate = options.rate ?? rateOf(raw?.rate, `config ${spec.name}.rate`);
    if (v['allow-billable']) section.allowBillable = true;
    const specTarget = target ?? (section.target as string | undefined);
    spec.settings(section, specTarget === undefined);
    if (specTarget === undefined) checkFaults(spec.mock!, faults);
    else if (faults.length || variant !== 'strict') throw new UsageError('faults and variants apply to the embedded mock only, not with a target');
    else if (!v['dry-run']) await reachable(specTarget);
    const replay = replayLine(name, isBundled(name), v, seed, options.runs);
    const sip = readSipConfig(raw?.sip, spec.name, specTarget === undefined);
    options.specs[name] = { section, target, catalogue: v.catalogue as string | undefined, mock: { faults, variant }, replay, rate, sip };
    targets[spec.name] = specTarget ?? 'embedded mock';
    extras[spec.name] = { ...(specTarget === undefined && { mock: { faults, variant } }), ...(v.catalogue && { catalogue: resolve(v.catalogue as string) }) };
    dryRuns.push({ spec, target: targets[spec.name]!, section, embedded: specTarget === undefined, rate: rateFor(spec, { rate, target, section }), only: v.only as string | undefined });
  }
  if (budget !== undefined) shareBudget(budget, dryRuns, options);
  if (v['dry-run']) {
    const { dryRun } = await import('../run/dry-run.ts');
    console.log(dryRun(dryRuns, options.runs, seed).lines.join('\n'));
    return EXIT.ok;
  }
  const { runSuites } = await import('../run/vitest-run.ts');
  return runSuites({
    options,
    targets,
    reportDir,
    only: v.only as string | undefined,
    root: PACKAGE_ROOT,
    report: { formats: reporting.formats, settings: reporting.settings, specs: extras },
    gate: reporting.gate,
    budget,
  });
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

/** A TCP connect within 1.5 s (and a TLS handshake for https), so a wrong --target fails fast with exit 3. */
async function reachable(target: string): Promise<void> {
  const url = new URL(target);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((done, fail) => {
    const socket = connect({ host, port, timeout: 1500 });
    const stop = (why: string) => {
      socket.destroy();
      fail(new UnreachableError(`target unreachable: ${target} (${why})`));
    };
    socket.once('connect', () => {
      socket.end();
      done();
    });
    socket.once('timeout', () => stop('no connection within 1500 ms'));
    socket.once('error', (err: NodeJS.ErrnoException) => stop(err.code ?? err.message));
  });
  if (url.protocol !== 'https:') return;
  const failed = await tlsHandshake(host, port, 3000);
  if (failed) throw new UnreachableError(`target unreachable: ${target} (${failed})`);
}
