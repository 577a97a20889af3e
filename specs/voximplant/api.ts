// What scenarios use to call the API and to report: one call = one Case sent as the runner would.
import {
  type AuthChoice, blankCase, type Case, curlOf, type FailureRecord, type HttpRequest, type HttpResponse, type Level,
  type Operation, redact, type Requirement, type Scenario, type ScenarioContext, type ScenarioResult, toHttpRequest,
} from '../../src/index.ts';
import type { VoxSession } from './session.ts';

export type Params = Record<string, string | undefined>;
export type VoxContext = ScenarioContext<VoxSession>;
export type VoxScenario = Scenario<VoxSession>;

export interface Call {
  case: Case;
  request: HttpRequest;
  response: HttpResponse;
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

export function describeCall(c: Call): string {
  if (c.response.error) return `${c.response.error.cause}: ${c.response.error.message}`;
  return `HTTP ${c.response.status} ${c.response.text.slice(0, 200)}`;
}

export class Api {
  readonly session: VoxSession;
  readonly failures: FailureRecord[] = [];
  calls = 0;

  constructor(
    readonly ctx: VoxContext,
    readonly req: Requirement,
  ) {
    this.session = ctx.session;
  }

  caseOf(operation: string, params: Params, o: CallOptions = {}): Case {
    const input = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Record<string, string>;
    return { ...blankCase(this.req.id, operation, o.note ?? `${operation} ${JSON.stringify(input)}`, input), ...(o.auth && { auth: o.auth }), ...(o.encoding && { encoding: o.encoding }) };
  }

  async call(operation: string, params: Params = {}, o: CallOptions = {}): Promise<Call> {
    const c = this.caseOf(operation, params, o);
    this.session.managed.add(c);
    this.calls++;
    let request: HttpRequest;
    let response: HttpResponse;
    if (o.method || o.path) {
      const op: Operation = { ...this.ctx.spec.model.operations[operation]!, ...(o.method && { method: o.method }), ...(o.path && { path: o.path }) };
      request = toHttpRequest(c, op, this.session, this.session.target);
      response = await this.ctx.client.send(request, { idempotent: op.idempotent });
      this.session.observe(c, response);
    } else {
      ({ request, response } = await this.ctx.send(c));
    }
    return parse(c, request, response);
  }

  /** Sends an exact request (repeated parameters, odd paths). */
  async raw(c: Case, request: HttpRequest): Promise<Call> {
    this.calls++;
    const response = await this.ctx.client.send(request, { idempotent: this.ctx.spec.model.operations[c.operation]?.idempotent });
    return parse(c, request, response);
  }

  fail(call: Call | undefined, what: { level?: Level; check: string; expected: string; message: string; case?: string }): void {
    if (this.failures.length >= 6) return;
    const level = what.level ?? this.req.level;
    const request = call?.request ?? { method: '-', url: '-', headers: {} };
    const record: FailureRecord = {
      level,
      case: what.case ?? call?.case.note ?? '-',
      violations: call?.case.violations ?? [],
      request,
      expected: what.expected,
      actual: call ? { status: call.response.status, body: call.response.text.slice(0, 500), ...(call.response.error && { error: `${call.response.error.cause}: ${call.response.error.message}` }) } : { status: 0, body: '' },
      checks: [{ check: what.check, level, message: what.message }],
      replay: this.ctx.replay,
      curl: call ? curlOf(request) : '-',
    };
    this.failures.push(redact(record, this.session.secrets));
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
    const verdict = this.failures.some((f) => f.level === 'MUST') ? 'fail' : this.failures.length ? 'warn' : 'pass';
    return { operation: this.req.operation, verdict, cases: this.calls, ...(reason && { reason }), failures: this.failures };
  }
}

function parse(c: Case, request: HttpRequest, response: HttpResponse): Call {
  const value = response.json && 'value' in response.json ? response.json.value : undefined;
  const body = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const error = body && typeof body.error === 'object' && body.error !== null ? (body.error as Call['error']) : undefined;
  return { case: c, request, response, body, error, ok: !!body && body.result !== undefined && body.error === undefined };
}
