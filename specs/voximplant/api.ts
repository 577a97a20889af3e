// What Voximplant's scenarios use to call the API and to report, on the engine's scenario kit: one
// call = one Case sent as the runner would, its `{result}` / `{error:{code,msg}}` envelope read, and
// the registrations it creates left to the scenario to delete.
import {
  type AuthChoice, blankCase, type Case, type Exchange, failureRecord, type Level, type Requirement, type Reshape,
  type Scenario, type ScenarioContext, type ScenarioResult, sendCase, sendExact, Tally, type HttpRequest,
} from '../../src/index.ts';
import type { VoxSession } from './session.ts';

export type Params = Record<string, string | undefined>;
export type VoxContext = ScenarioContext<VoxSession>;
export type VoxScenario = Scenario<VoxSession>;

export interface Call extends Exchange {
  body?: Record<string, unknown>;
  error?: { code?: unknown; msg?: unknown };
  /** A body with `result` and no error object. */
  ok: boolean;
}

export interface CallOptions {
  auth?: AuthChoice;
  encoding?: Case['encoding'];
  note?: string;
  /** Send with another HTTP method or path than the operation's. */
  method?: string;
  path?: string;
}

export const GET = 'GetSipRegistrations';
export const CREATE = 'CreateSipRegistration';

/** Failures a Voximplant scenario records at most. */
const FAILURE_CAP = 6;

export function describeCall(c: Call): string {
  if (c.response.error) return `${c.response.error.cause}: ${c.response.error.message}`;
  return `HTTP ${c.response.status} ${c.response.text.slice(0, 200)}`;
}

const reshapeOf = (o: CallOptions): Reshape | undefined =>
  o.method || o.path ? { operation: (op) => ({ ...op, ...(o.method && { method: o.method }), ...(o.path && { path: o.path }) }) } : undefined;

export class Api {
  readonly session: VoxSession;
  readonly tally: Tally;

  constructor(
    readonly ctx: VoxContext,
    readonly req: Requirement,
  ) {
    this.session = ctx.session;
    this.tally = new Tally(req, ctx, { cap: FAILURE_CAP });
  }

  get failures() {
    return this.tally.failures;
  }

  caseOf(operation: string, params: Params, o: CallOptions = {}): Case {
    const input = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return { ...blankCase(this.req.id, operation, o.note ?? `${operation} ${JSON.stringify(input)}`, input), ...(o.auth && { auth: o.auth }), ...(o.encoding && { encoding: o.encoding }) };
  }

  /** Calls a method; a registration it creates is the scenario's to delete (the session leaves it). */
  async call(operation: string, params: Params = {}, o: CallOptions = {}): Promise<Call> {
    const c = this.caseOf(operation, params, o);
    this.session.managed.add(c);
    this.tally.cases++;
    return parse(await sendCase(this.ctx, c, reshapeOf(o)));
  }

  /** Sends an exact request (repeated parameters, odd paths). */
  async raw(c: Case, request: HttpRequest): Promise<Call> {
    this.tally.cases++;
    return parse(await sendExact(this.ctx, c, request));
  }

  fail(call: Call | undefined, what: { level?: Level; check: string; expected: string; message: string; case?: string }): void {
    const level = what.level ?? this.req.level;
    this.tally.add(failureRecord(this.ctx, call, { level, expected: what.expected, checks: [{ check: what.check, level, message: what.message }], case: what.case }));
  }

  /** The call must succeed (result, no error object). */
  expectOk(call: Call, what: string, level?: Level): boolean {
    if (call.ok && call.response.status < 300) return true;
    this.fail(call, { level, check: 'scenario', expected: `${what}: a result`, message: `${what}: ${describeCall(call)}` });
    return false;
  }

  /** The call must be refused with an error object (MUST); `codes`, when given, SHOULD contain its code. */
  expectError(call: Call, what: string, codes: string[] = [], level?: Level): boolean {
    const refused = !call.ok && !call.response.error && call.response.status < 500 && call.error !== undefined;
    if (!refused) {
      this.fail(call, { level, check: 'negative_data_rejection', expected: `${what}: an error object, no result`, message: `${what}: ${describeCall(call)}` });
      return false;
    }
    if (codes.length && !codes.includes(String(call.error!.code))) {
      this.fail(call, { level: 'SHOULD', check: 'error_code_conformance', expected: `${what}: error code ${codes.join(' or ')}`, message: `${what}: error code ${String(call.error!.code)}` });
    }
    return true;
  }

  result(reason?: string): ScenarioResult {
    return this.tally.result(reason);
  }
}

/** Reads Voximplant's envelope: a result, or an error object. */
function parse(x: Exchange): Call {
  const value = x.response.json && 'value' in x.response.json ? x.response.json.value : undefined;
  const body = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const error = body && typeof body.error === 'object' && body.error !== null ? (body.error as Call['error']) : undefined;
  return { ...x, body, error, ok: !!body && body.result !== undefined && body.error === undefined };
}

/** Creates a registration the scenario owns (and deletes); undefined, with the failure recorded, when refused. */
export async function createOwn(api: Api, params: Params = {}, note = 'setup'): Promise<number | undefined> {
  const call = await api.call(CREATE, { sip_username: 'sipc-role', proxy: 'sipc-roles.example.net', ...params }, { note });
  if (!api.expectOk(call, `${note}: CreateSipRegistration`)) return undefined;
  return call.body!.sip_registration_id as number;
}
