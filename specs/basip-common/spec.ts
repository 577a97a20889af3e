// Assembles a BAS-IP ConformanceSpec from a model line's document, catalogue and envelope reader.
import type { OpenAPIV3 } from 'openapi-types';
import {
  type ApiModel, type CatalogueEntry, type CheckOutcome, type ConformanceSpec, defineVendor, type ErrorEnvelope, type Level,
  loadSpecDocument, type Rule, type Schema, type UndecidedPoint, Validators,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';
import { sweepRule, type SweepTarget, unusableBody } from './rules.ts';
import { authBasic, authBearer, loginScenario, unauthorizedBody } from './auth.ts';
import { errorSweep, type SweepOptions } from './error-sweeps.ts';
import { persistence, unknownFieldsIgnored } from './read-back.ts';
import type { BasipScenario } from './scenarios.ts';
import { basipOpen, basipSettings, type BasipTarget } from './session.ts';

export interface BasipParts {
  target: BasipTarget;
  document: OpenAPIV3.Document;
  origin: string;
  envelope: Pick<ErrorEnvelope, 'source' | 'read' | 'words'>;
  /** Sweep rules by name: one requirement checked over several fields. */
  sweeps: Record<string, SweepTarget[]>;
  catalogue(model: ApiModel): CatalogueEntry[];
  /** The 401 body check and its description. */
  unauthorized: { judge: (body: unknown) => CheckOutcome[]; expected: string };
  /** Envelope and parameter sweeps: which requirements, and how each rejected case is judged. */
  errorEnvelope: Omit<SweepOptions, 'catalogue'>;
  errorParam: Omit<SweepOptions, 'catalogue'>;
  /** Model-specific scenarios. */
  scenarios: Record<string, BasipScenario>;
  responseMediaTypeSource: string;
  ambiguities?: string[];
  /** Where the documents leave a choice: probed, never judged. */
  undecided: UndecidedPoint[];
}

export async function basipSpec(p: BasipParts): Promise<ConformanceSpec> {
  const model = await loadSpecDocument(p.document, p.origin, { validated: true });
  // Setting the same settings twice leaves the device as setting them once.
  model.operations[OPS.set]!.idempotent = true;
  const schema = model.operations[OPS.set]!.input!.schema;
  const rules: Record<string, Rule> = { unusableBody };
  for (const [name, targets] of Object.entries(p.sweeps)) rules[name] = sweepRule(schema, targets);
  const catalogue = p.catalogue(model);
  const all = () => catalogue;
  return defineVendor({
    name: p.target.name,
    model,
    catalogue,
    envelope: { schema: model.schemas.BadRequest as Schema, source: p.envelope.source, level: 'SHOULD' as Level, read: p.envelope.read, ...(p.envelope.words && { words: p.envelope.words }) },
    responseMediaType: { pattern: /^application\/json\b/i, level: 'MUST', source: p.responseMediaTypeSource },
    rules,
    validators: new Validators(),
    fixtures: {},
    scenarios: {
      login: loginScenario,
      auth401Body: unauthorizedBody(p.unauthorized.judge, p.unauthorized.expected),
      authBearer,
      authBasic,
      unknownFields: unknownFieldsIgnored,
      persistence,
      errorEnvelope: errorSweep({ ...p.errorEnvelope, catalogue: all }),
      errorParam: errorSweep({ ...p.errorParam, catalogue: all }),
      ...p.scenarios,
    },
    mock: p.target.mock,
    ambiguities: p.ambiguities,
    undecided: p.undecided,
    settings: basipSettings(p.target),
    open: basipOpen(p.target),
    rateLimit: { limit: 2, windowMs: 1000, source: 'inferred: a gentle default for an embedded device (BAS-IP documents no request rate)' },
  });
}
