// Voximplant's hand-written procedures by name: protocol, access and registrations in their own
// modules; here the composites, run as parts through the engine, and the model-based tests.
import { type Requirement, type RequirementResult, type ScenarioResult, unrun, worstOf } from '../../src/index.ts';
import { accessScenarios } from './access-scenarios.ts';
import { Api, GET, type VoxContext, type VoxScenario } from './api.ts';
import { operationNeeds, PARTS } from './catalogue.ts';
import { modelScenario, statusModel } from './stateful.ts';
import { protocolScenarios } from './protocol-scenarios.ts';
import { registrationScenarios } from './registration-scenarios.ts';
import { wireScenarios } from './wire.ts';

/** Runs the requirement's parts (one operation and trigger each) through the engine and merges them. */
export async function runParts(req: Requirement, ctx: VoxContext, parts = PARTS[req.id] ?? []): Promise<ScenarioResult> {
  const api = new Api(ctx, req);
  const results: Array<{ label: string; result: RequirementResult }> = [];
  for (const part of parts) {
    const label = `${part.operation}${part.trigger.kind === 'constraint' ? ` ${part.trigger.path}` : ''}`;
    const skip = api.session.skipReason(operationNeeds(part.operation));
    if (skip) {
      results.push({ label, result: unrun(req, 'skip', skip) });
      continue;
    }
    const sub: Requirement = { ...req, operation: part.operation, trigger: part.trigger };
    api.session.nested.add(sub);
    results.push({ label, result: await ctx.runRequirement(sub) });
  }
  const failures = results.flatMap(({ label, result }) => result.failures.map((f) => ({ ...f, case: `${label}: ${f.case}` })));
  const skipped = results.filter((r) => r.result.verdict === 'skip');
  const reasons = [
    ...results.filter((r) => r.result.verdict !== 'skip' && r.result.reason).map((r) => `${r.label}: ${r.result.reason}`),
    ...(skipped.length ? [`skipped ${skipped.map((r) => r.label).join(', ')}: ${skipped[0]!.result.reason}`] : []),
  ];
  const verdict = worstOf(results.map((r) => r.result.verdict));
  return { operation: req.operation, verdict, cases: results.reduce((n, r) => n + r.result.cases, 0), ...(reasons.length && { reason: reasons.join('; ') }), failures };
}

const composite: VoxScenario = (req, ctx) => runParts(req, ctx);

const statusFilter: VoxScenario = async (req, ctx) => {
  const syntax = await runParts(req, ctx, [{ operation: GET, trigger: { kind: 'constraint', location: 'query', path: '/status_code', keywords: ['format'] } }]);
  const semantics = await statusModel(req, ctx);
  const failures = [...syntax.failures, ...semantics.failures];
  const verdict = worstOf([syntax.verdict, semantics.verdict]);
  return { operation: req.operation, verdict, cases: syntax.cases + semantics.cases, failures, ...((syntax.reason || semantics.reason) && { reason: [syntax.reason, semantics.reason].filter(Boolean).join('; ') }) };
};

export const scenarios: Record<string, VoxScenario> = {
  ...protocolScenarios,
  ...accessScenarios,
  composite,
  ...registrationScenarios,
  statusFilter,
  model: modelScenario,
  ...wireScenarios,
};
