// Prepares a run of one spec against a target (or its embedded reference mock) and runs requirements.
import { type RunningMock, startMock, type Variant } from '../../mocks/kit.ts';
import { Engine } from './engine.ts';
import { HttpClient } from '../http/client.ts';
import { createTransport, describeRate, type Rate, type RunTransport, type TimeBox, type Wire } from '../http/index.ts';
import type { Requirement } from '../model/types.ts';
import { allot, planRequirements } from './planner.ts';
import { pool } from './pool.ts';
import type { SpecReport, TransportSummary } from '../results/report.ts';
import type { ConformanceSpec } from '../model/vendor.ts';
import { EMBEDDED_TIME_SCALE, type SipConfig, SipEndpoint } from '../sip/endpoint.ts';

export interface SpecRunOptions {
  seed: number;
  runs: number;
  timeoutMs: number;
  concurrency: number;
  /** Bound on one requirement, shrinking included. */
  timeLimitMs: number;
  /** This spec's config section. */
  section: Record<string, unknown>;
  /** --target; overrides the section's target. No target: the embedded mock. */
  target?: string;
  mock?: { faults: string[]; variant: Variant };
  /** Shell command that reruns one requirement; `{id}` is replaced. */
  replay?: string;
  /** Run only these requirement ids; expectations still come from the whole catalogue. */
  only?: string[];
  /** `--rate` (`none`: unpaced); else the spec's documented rate for a real target, none for the embedded mock. */
  rate?: Rate | 'none';
  /** `--budget`: the most requests this spec's run may send (this spec's share of the run's). */
  budget?: number;
  /** `--resume`: requirements already judged, left out of the budget's plan. */
  done?: string[];
  /** Where the budget comes from when it is not `--budget` (e.g. the time box). */
  budgetFrom?: string;
  /** `--max-time`: nothing is sent after its end. */
  timeBox?: TimeBox;
  /** The raw client to send through (tests: a mock answering in memory under a fake clock); default a new HttpClient. */
  client?: Wire & { close(): Promise<void> };
  /** Aborted when the run is interrupted: only cleanup is sent from then on. */
  signal?: AbortSignal;
  /** The section's `sip` key: where the registrar listens and what devices are told. */
  sip?: SipConfig;
  /** `runSpec` only: send the tolerance probes after the requirements (default: unless `only` is given). */
  probes?: boolean;
}

/** The pace a spec's run goes at: `--rate`, else the vendor's documented limit unless it is the embedded mock. */
export function rateFor(spec: ConformanceSpec, o: Pick<SpecRunOptions, 'rate' | 'target' | 'section'>): Rate | undefined {
  const embedded = (o.target ?? o.section.target) === undefined;
  if (o.rate === 'none') return undefined;
  return o.rate ?? (embedded ? undefined : spec.rateLimit);
}

/**
 * The embedded mock's one client is the run's transport, which sends even non-idempotent requests on
 * kept-alive connections to it (`ownTarget`), so the mock never closes an idle connection: only the
 * client does, and none can go stale. Under Node's 5 s keep-alive, an event loop stalled on a busy
 * machine let the mock's idle timer fire after the client had written a create on the connection:
 * a reset, and a false failure (VOX-CREATE-REQUIRED against the clean mock).
 */
export const EMBEDDED_MOCK_LISTEN = { keepAliveTimeoutMs: 0 };

/**
 * The embedded mock answers from the run's own event loop, so an answer seconds late is this machine's
 * load, never the server: against it, `--timeout` is at least this. On a heavily loaded 2-core machine
 * the default 5 s timed out requests of a default run (FAIL "no complete response within 5000 ms").
 */
export const EMBEDDED_MOCK_TIMEOUT_MS = 60_000;

export interface SpecRun {
  spec: ConformanceSpec;
  target: string;
  engine: Engine;
  transport: RunTransport;
  /** What the transport did, for the report. */
  summary(): TransportSummary;
  close(): Promise<void>;
}

export async function prepareSpecRun(spec: ConformanceSpec, o: SpecRunOptions): Promise<SpecRun> {
  const configured = o.target ?? (o.section.target as string | undefined);
  const settings = spec.settings(o.section, configured === undefined);
  let mock: RunningMock | undefined;
  const client = o.client ?? new HttpClient({ timeoutMs: configured === undefined ? Math.max(o.timeoutMs, EMBEDDED_MOCK_TIMEOUT_MS) : o.timeoutMs, concurrency: o.concurrency });
  const rate = rateFor(spec, o);
  const transport = createTransport(client, { rate, budget: o.budget === undefined ? undefined : { limit: o.budget, used: 0, cleanup: 0 }, timeBox: o.timeBox, ownTarget: configured === undefined, signal: o.signal });
  const sip = new SipEndpoint(o.sip, configured === undefined);
  try {
    const mockSip = { route: sip.route, timeScale: sip.config?.timeScale ?? EMBEDDED_TIME_SCALE };
    if (configured === undefined) mock = await startMock(spec.mock!, { ...(o.mock ?? { faults: [], variant: 'strict' }), sip: mockSip }, EMBEDDED_MOCK_LISTEN);
    const target = configured ?? mock!.url;
    const session = await spec.open({ ...settings, target, runs: o.runs }, transport);
    const replay = o.replay ?? defaultReplay(spec.name, configured, o);
    const done = new Set(o.done);
    const requirements = (o.only ? spec.catalogue.filter((r) => o.only!.includes(r.id)) : spec.catalogue).filter((r) => !done.has(r.id));
    // The budget's planner spends what the session's own requests (a login) left.
    const allotment = transport.budget && allot(planRequirements(spec, session, requirements, o.runs, o.seed), transport.budget.limit - transport.budget.used);
    const engine = new Engine(spec, session, transport, { target, seed: o.seed, runs: o.runs, timeLimitMs: o.timeLimitMs, replay, allotment, budgetFrom: o.budgetFrom, sip });
    return {
      spec,
      target: configured === undefined ? `embedded mock (${mock!.url})` : `${configured}${session.notice ? ` (${session.notice})` : ''}`,
      engine,
      transport,
      summary: () => ({ ...transport.stats, ...(rate && { rate: `${describeRate(rate)} per credential (${rate.source})` }), ...(transport.budget && { budget: { ...transport.budget } }) }),
      close: async () => {
        // A create still on the wire (a requirement given up, an interruption) is seen before the session cleans up.
        await transport.settled();
        await new Promise((done) => setImmediate(done));
        await session.close?.();
        await client.close();
        await mock?.close();
        await sip.close();
      },
    };
  } catch (err) {
    await client.close();
    await mock?.close();
    await sip.close();
    throw err;
  }
}

function defaultReplay(name: string, target: string | undefined, o: SpecRunOptions): string {
  const parts = ['sip-conformance run', `--spec ${name}`];
  if (target) parts.push(`--target ${target}`);
  for (const f of o.mock?.faults ?? []) parts.push(`--fault ${f}`);
  if (o.mock && o.mock.variant !== 'strict') parts.push(`--variant ${o.mock.variant}`);
  if (o.budget !== undefined) parts.push(`--budget ${o.budget}`);
  parts.push(`--seed ${o.seed}`, `--runs ${o.runs}`, '--only {id}');
  return parts.join(' ');
}

/** Runs requirements with bounded parallelism (requests are bounded by the client). */
export async function runRequirements(run: SpecRun, requirements: Requirement[] = run.spec.catalogue, parallel = 8): Promise<SpecReport> {
  const results = new Array(requirements.length);
  await pool(requirements.length, parallel, async (i) => {
    results[i] = await run.engine.run(requirements[i]!);
  });
  return { spec: run.spec.name, target: run.target, origin: run.spec.model.origin, requirements: results, ambiguities: run.spec.ambiguities, transport: run.summary() };
}

/** Prepare, run everything, close: what tests, the bench and the mutation score use. */
export async function runSpec(spec: ConformanceSpec, o: SpecRunOptions): Promise<SpecReport> {
  const run = await prepareSpecRun(spec, o);
  try {
    const requirements = o.only ? spec.catalogue.filter((r) => o.only!.includes(r.id)) : spec.catalogue;
    // More requirements than connections, so generation overlaps with waiting for answers.
    const report = await runRequirements(run, requirements, o.concurrency * 3);
    const probes = (o.probes ?? !o.only) ? await run.engine.probeAll() : [];
    return probes.length ? { ...report, probes } : report;
  } finally {
    await run.close();
  }
}
