// Stateful sequences from OpenAPI links: a valid request to the source operation, then the linked
// operation with the parameters the link takes from that exchange; the linked request must succeed.
// A failing sequence is shrunk by fast-check like any case, and replays from the run seed.
import fc from 'fast-check';
import { CaseBuilder, withValue } from '../../generators/cases.ts';
import { deleted_resource_gone } from '../judge/http-checks.ts';
import type { ApiModel, Case, Json, Operation, Requirement } from '../model/types.ts';
import type { Execution, Scenario, ScenarioContext } from '../model/vendor.ts';
import { idPart } from './derive.ts';

/** Sequences per link: each a fresh valid source request (the source's answer may lack the linked value). */
const ATTEMPTS = 5;

/** Ids of the link requirements that also read what their DELETE removed. */
export const readAfterDeleteIds = (model: ApiModel): string[] =>
  Object.values(model.operations).flatMap((op) => (op.request?.links ?? []).filter((l) => model.operations[l.operationId] && readerOf(model, l.operationId)).map((l) => linkId(op, l.name)));

/** Ids of the link requirements that read with a GET what a POST created (an id from its answer's body). */
export const readCreatedIds = (model: ApiModel): string[] =>
  Object.values(model.operations)
    .filter((op) => op.method === 'POST')
    .flatMap((op) =>
      (op.request?.links ?? [])
        .filter((l) => model.operations[l.operationId]?.method === 'GET' && Object.values(l.parameters).some((e) => /^\$response\.body#\/[^/]+$/.test(e)))
        .map((l) => linkId(op, l.name)),
    );

const linkId = (op: Operation, name: string) => `${idPart(op.id)}-LINK-${idPart(name)}`;

export function linkRequirements(model: ApiModel, file: string): Requirement[] {
  return Object.values(model.operations).flatMap((op) =>
    (op.request?.links ?? [])
      .filter((l) => model.operations[l.operationId])
      .map((l): Requirement => ({
        id: linkId(op, l.name),
        title: `link ${l.name}: ${op.id} then ${l.operationId} with ${Object.keys(l.parameters).join(', ') || 'no parameters'} from the exchange succeeds${readerOf(model, l.operationId) ? `, after which ${readerOf(model, l.operationId)!.id} answers 404 or 410 (RFC 9110 9.3.5)` : ''}`,
        level: 'SHOULD',
        source: l.name.startsWith('created-then-')
          ? `inferred from ${file}: ${op.id} answers the created resource, which ${l.operationId} addresses (the document has no links)`
          : `inferred from ${file}: link ${l.name} of ${op.id}'s response`,
        operation: op.id,
        trigger: { kind: 'scenario', scenario: `link:${op.id}:${l.name}` },
        expect: { status: [200], statusLevel: 'SHOULD' },
      })),
  );
}

export function linkScenarios(model: ApiModel): Record<string, Scenario> {
  const out: Record<string, Scenario> = {};
  for (const op of Object.values(model.operations)) {
    for (const link of op.request?.links ?? []) {
      out[`link:${op.id}:${link.name}`] = async (req, ctx) => {
        const reader = readerOf(model, link.operationId);
        const source = new CaseBuilder(ctx.spec, { ...req, trigger: { kind: 'valid' } }, ctx.seed);
        const target = new CaseBuilder(ctx.spec, { ...req, operation: link.operationId, trigger: { kind: 'valid' } }, ctx.seed);
        let cases = 0;
        let applied = 0;
        // The last failing sequence is the one fast-check ends its shrinking on: its counterexample.
        let failing: { second: Case; execution: Execution } | undefined;
        const holds = async ([first, base]: [Case, Case]): Promise<boolean> => {
          if (ctx.expired()) return true;
          const exchange = await ctx.execute(first);
          cases++;
          if (exchange.response.status < 200 || exchange.response.status > 299) return true;
          const body = exchange.response.json && 'value' in exchange.response.json ? (exchange.response.json.value as Json) : undefined;
          const values = Object.entries(link.parameters).map(([name, expr]) => [name, evaluate(expr, first, body, exchange.response.headers)] as const);
          if (values.some(([, v]) => v === undefined)) return true;
          const second = linked(target, base, values as [string, Json][], model, link.operationId, first.note);
          if (!second) return true;
          const execution = await ctx.execute(second);
          cases++;
          applied++;
          if (execution.outcomes.some((o) => !o.ok && o.level === 'MUST')) {
            failing = { second, execution };
            return false;
          }
          const after = reader && (await readAfterDelete(ctx, reader, second, execution));
          if (!after) return true;
          cases++;
          failing = after;
          return false;
        };
        const details = await fc.check(fc.asyncProperty(fc.tuple(source.valid(), target.valid()), holds), {
          seed: ctx.seed,
          numRuns: ATTEMPTS,
        });
        if (details.failed && failing) {
          return { operation: req.operation, verdict: 'warn', cases, failures: [ctx.record(failing.second, failing.execution, 'SHOULD')] };
        }
        if (applied === 0) {
          return { operation: req.operation, verdict: 'skip', cases, reason: `the link never applied in ${ATTEMPTS} exchanges (no 2xx, or a linked value missing or invalid for ${link.operationId})`, failures: [] };
        }
        return { operation: req.operation, verdict: 'pass', cases, failures: [] };
      };
    }
  }
  return out;
}

/** For a link to a DELETE: the GET on the same path, which must then find nothing. */
export function readerOf(model: ApiModel, operationId: string): Operation | undefined {
  const target = model.operations[operationId]!;
  if (target.method !== 'DELETE') return undefined;
  return Object.values(model.operations).find((o) => o.method === 'GET' && o.path === target.path);
}

/**
 * After a DELETE done (200 or 204; a 202 is accepted, not yet done), a GET of the same resource with its
 * path values answers 404 or 410 (RFC 9110 9.3.5). The GET's failing exchange, or undefined when it held or did not apply.
 */
async function readAfterDelete(ctx: ScenarioContext, reader: Operation, deleted: Case, execution: Execution): Promise<{ second: Case; execution: Execution } | undefined> {
  if (execution.response.status !== 200 && execution.response.status !== 204) return undefined;
  const b = new CaseBuilder(ctx.spec, { id: `read-after-delete:${reader.id}`, title: 'read after delete', level: 'SHOULD', source: 'RFC 9110 9.3.5', operation: reader.id, trigger: { kind: 'valid' }, expect: { status: [], statusLevel: 'SHOULD' } }, ctx.seed);
  const path = (deleted.input as { path?: Json } | undefined)?.path;
  const base = b.minimal();
  const read = b.finalize({ ...base, note: `GET of what was deleted: ${deleted.note}`, input: path === undefined ? base.input : withValue(base.input, ['path'], { value: path }) });
  if (read.violations.length) return undefined;
  const got = await ctx.execute(read);
  const gone = deleted_resource_gone({ response: got.response, documented: [] })!;
  if (gone.ok) return undefined;
  return { second: read, execution: { ...got, outcomes: [...got.outcomes.filter((o) => o.check !== 'positive_data_acceptance' && o.check !== 'response_schema_conformance'), gone] } };
}

/** The linked operation's valid case with the linked parameters set; undefined when that makes it invalid. */
function linked(b: CaseBuilder, base: Case, values: [string, Json][], model: ApiModel, operationId: string, after: string): Case | undefined {
  const params = model.operations[operationId]!.request!.parameters;
  let input = base.input;
  for (const [name, value] of values) {
    const [where, bare] = name.includes('.') ? (name.split(/\.(.*)/) as [string, string]) : [undefined, name];
    const p = params.find((x) => x.name === bare && (!where || x.in === where));
    if (!p) return undefined;
    input = withValue(input, [p.in, p.name], { value });
  }
  const c = b.finalize({ ...base, note: `linked from the answer to: ${after}`, input });
  return c.violations.length === 0 ? c : undefined;
}

/** `$response.body#/ptr`, `$response.header.X`, `$request.path.x` (and query, header, body#/ptr); constants as they are. */
function evaluate(expr: string, request: Case, body: Json | undefined, headers: Record<string, string>): Json | undefined {
  const input = (request.input ?? {}) as Record<string, Json>;
  const pointer = (root: Json | undefined, ptr: string) =>
    ptr.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce<Json | undefined>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, Json>)[k] : undefined), root);
  let m: RegExpExecArray | null;
  if ((m = /^\$response\.body(#.*)?$/.exec(expr))) return pointer(body, (m[1] ?? '#').slice(1));
  if ((m = /^\$response\.header\.(.+)$/.exec(expr))) return headers[m[1]!.toLowerCase()];
  if ((m = /^\$request\.body(#.*)?$/.exec(expr))) return pointer(input.body, (m[1] ?? '#').slice(1));
  if ((m = /^\$request\.(path|query|header|cookie)\.(.+)$/.exec(expr))) return (input[m[1]!] as Record<string, Json> | undefined)?.[m[2]!];
  return expr.startsWith('$') ? undefined : expr;
}
