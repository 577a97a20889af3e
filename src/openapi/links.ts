// Stateful sequences from OpenAPI links: a valid request to the source operation, then the linked
// operation with the parameters the link takes from that exchange; the linked request must succeed.
// A failing sequence is shrunk by fast-check like any case, and replays from the run seed.
import fc from 'fast-check';
import { CaseBuilder, withValue } from '../../generators/cases.ts';
import type { ApiModel, Case, Json, Requirement } from '../model/types.ts';
import type { Execution, Scenario } from '../model/vendor.ts';
import { idPart } from './derive.ts';

/** Sequences per link: each a fresh valid source request (the source's answer may lack the linked value). */
const ATTEMPTS = 5;

export function linkRequirements(model: ApiModel, file: string): Requirement[] {
  return Object.values(model.operations).flatMap((op) =>
    (op.request?.links ?? [])
      .filter((l) => model.operations[l.operationId])
      .map((l): Requirement => ({
        id: `${idPart(op.id)}-LINK-${idPart(l.name)}`,
        title: `link ${l.name}: ${op.id} then ${l.operationId} with ${Object.keys(l.parameters).join(', ') || 'no parameters'} from the exchange succeeds`,
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
          if (!execution.outcomes.some((o) => !o.ok && o.level === 'MUST')) return true;
          failing = { second, execution };
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
