// Sweeps of BAS-IP's error envelope: boundary and random cases of the invalid-input requirements,
// each 4xx answer judged at MUST by checks the field requirements only warn about.
import fc from 'fast-check';
import {
  type Case, type CheckOutcome, type ConformanceSpec, error_code_conformance, error_envelope_conformance, error_param_named,
  type ErrorEnvelope, type Expected, fixedScenario, type HttpResponse, paramName, planCases, type Requirement, sendCase,
  type Step,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';
import type { BasipScenario } from './scenarios.ts';

export interface SweepOptions {
  /** The full catalogue (a filtered run still sweeps every invalid-input requirement). */
  catalogue: () => Requirement[];
  /** Requirements whose cases are swept. */
  select: (r: Requirement) => boolean;
  /** Outcomes for one rejected case. */
  judge: (c: Case, response: HttpResponse, spec: ConformanceSpec) => CheckOutcome[];
  expected: string;
}

/**
 * Sends boundary and random cases of other requirements and judges each 4xx answer: checks the
 * field requirements report as warnings (the error envelope, the parameter named) fail here.
 */
export function errorSweep(o: SweepOptions): BasipScenario {
  return (req, ctx) =>
    fixedScenario(req, ctx, async () => {
      const perRequirement = Math.max(2, Math.ceil(ctx.runs / 8));
      const cases = o
        .catalogue()
        .filter((r) => r.id !== req.id && o.select(r) && (r.trigger.kind === 'constraint' || r.trigger.kind === 'rule' || r.trigger.kind === 'content'))
        .flatMap((r) => {
          const plan = planCases(r, ctx.spec, ctx.session, ctx.seed);
          if ('skip' in plan) return [];
          const invalid = plan.examples.filter((c) => c.violations.length > 0);
          return [...invalid.slice(0, perRequirement), ...fc.sample(plan.arbitrary, { seed: ctx.seed, numRuns: perRequirement })];
        });
      const steps: Step[] = [];
      for (const c of cases) {
        const sent = await sendCase(ctx, c);
        const r = sent.response;
        if (r.error || r.status < 400 || r.status >= 500) continue;
        steps.push({ ...sent, outcomes: o.judge(c, r, ctx.spec), expected: o.expected });
      }
      return steps;
    });
}

/** The envelope check at MUST, for a sweep. */
export function envelopeOutcomes(response: HttpResponse, spec: ConformanceSpec, codes?: string[]): CheckOutcome[] {
  const op = spec.model.operations[OPS.set]!;
  const envelope: ErrorEnvelope = { ...spec.envelope, level: 'MUST' };
  const expected: Expected = { accept: false, status: [400], statusLevel: 'MUST', params: [], requirements: [], ...(codes && { codes, codeLevel: 'MUST' as const }) };
  return [error_envelope_conformance, error_code_conformance]
    .map((check) => check({ expected, response, operation: op, envelope, validators: spec.validators }))
    .filter((x): x is CheckOutcome => x !== undefined);
}

/** The parameter-named check at MUST, for a sweep: the error names one of the parameters the case breaks. */
export function paramOutcomes(c: Case, response: HttpResponse, spec: ConformanceSpec, keywords?: string[]): CheckOutcome[] {
  const params = c.violations.filter((v) => v.location === 'body' && v.path !== '' && (!keywords || keywords.includes(v.keyword))).map((v) => paramName(v.path));
  if (params.length === 0) return [];
  const expected: Expected = { accept: false, status: [400], statusLevel: 'MUST', params, paramLevel: 'MUST', requirements: [] };
  const result = error_param_named({ expected, response, operation: spec.model.operations[OPS.set]!, envelope: spec.envelope, validators: spec.validators });
  return result ? [result] : [];
}
