// What BAS-IP's scenarios share: their context, the cases they build and the settings they post and read.
import type fc from 'fast-check';
import {
  blankCase, type Case, CaseBuilder, type HttpResponse, type Json, type Requirement, type Scenario, type ScenarioContext,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';
import type { BasipSession } from './session.ts';

export type BasipContext = ScenarioContext<BasipSession>;
export type BasipScenario = Scenario<BasipSession>;

export const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);
export const bodyOf = (r: HttpResponse): unknown => (r.json && 'value' in r.json ? r.json.value : undefined);

/** A case for an operation of the spec, sent as the runner would. */
export function caseFor(req: Requirement, operation: string, note: string, input?: Json): Case {
  return blankCase(req.id, operation, note, input);
}

/** Valid settings bodies, as the engine generates them. */
export const validSettings = (req: Requirement, ctx: BasipContext): fc.Arbitrary<Case> =>
  new CaseBuilder(ctx.spec, { ...req, operation: OPS.set }, ctx.seed).valid();

export const settingsRead = (req: Requirement) => caseFor(req, OPS.get, 'GET settings');
