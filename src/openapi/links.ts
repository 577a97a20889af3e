// Stateful sequences from OpenAPI links: a valid request to the source operation, then the linked
// operation with the parameters the link takes from that exchange; the linked request must succeed.
import fc from 'fast-check';
import { CaseBuilder, withValue } from '../../generators/cases.ts';
import type { ApiModel, Case, Json, Requirement } from '../model.ts';
import type { FailureRecord } from '../results.ts';
import type { Scenario } from '../spec.ts';
import { idPart } from './derive.ts';

/** Attempts per link: each a fresh valid source request (the source's answer may lack the linked value). */
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
        const firsts = fc.sample(source.valid(), { seed: ctx.seed, numRuns: ATTEMPTS });
        const seconds = fc.sample(target.valid(), { seed: ctx.seed + 1, numRuns: ATTEMPTS });
        let cases = 0;
        let applied = 0;
        const failures: FailureRecord[] = [];
        for (let i = 0; i < ATTEMPTS && failures.length === 0; i++) {
          const first = await ctx.execute(firsts[i]!);
          cases++;
          if (first.response.status < 200 || first.response.status > 299) continue;
          const body = first.response.json && 'value' in first.response.json ? (first.response.json.value as Json) : undefined;
          const values = Object.entries(link.parameters).map(([name, expr]) => [name, evaluate(expr, firsts[i]!, body, first.response.headers)] as const);
          if (values.some(([, v]) => v === undefined)) continue;
          const second = linked(target, seconds[i]!, values as [string, Json][], model, link.operationId);
          if (!second) continue;
          const execution = await ctx.execute(second);
          cases++;
          applied++;
          if (execution.outcomes.some((o) => !o.ok && o.level === 'MUST')) failures.push(ctx.record(second, execution, 'SHOULD'));
        }
        if (applied === 0) {
          return { operation: req.operation, verdict: 'skip', cases, reason: `the link never applied in ${ATTEMPTS} exchanges (no 2xx, or a linked value missing or invalid for ${link.operationId})`, failures };
        }
        return { operation: req.operation, verdict: failures.length ? 'warn' : 'pass', cases, failures };
      };
    }
  }
  return out;
}

/** The linked operation's valid case with the linked parameters set; undefined when that makes it invalid. */
function linked(b: CaseBuilder, base: Case, values: [string, Json][], model: ApiModel, operationId: string): Case | undefined {
  const params = model.operations[operationId]!.request!.parameters;
  let input = base.input;
  for (const [name, value] of values) {
    const [where, bare] = name.includes('.') ? (name.split(/\.(.*)/) as [string, string]) : [undefined, name];
    const p = params.find((x) => x.name === bare && (!where || x.in === where));
    if (!p) return undefined;
    input = withValue(input, [p.in, p.name], { value });
  }
  const c = b.finalize({ ...base, note: `linked from the previous response`, input });
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
