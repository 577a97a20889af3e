// A one-operation document for engine tests that replace its catalogue with their own scenarios.
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import type { Requirement } from '../../src/model/types.ts';
import type { ConformanceSpec } from '../../src/model/vendor.ts';
import { scratch } from './files.ts';

const DOCUMENT = `openapi: 3.0.3
info: { title: things, version: '1' }
paths:
  /things:
    post:
      operationId: addThing
      requestBody: { required: true, content: { application/json: { schema: { type: object, properties: { name: { type: string, maxLength: 8 } } } } } }
      responses: { '200': { description: ok }, '400': { description: invalid } }
`;

/** The things document as a spec, from a scratch folder of its own. */
export const thingsSpec = (folder: string): Promise<ConformanceSpec> => loadFileSpec(scratch(folder).file('things.yaml', DOCUMENT));

/** A MUST requirement of addThing that runs the spec's scenario `scenario`. */
export const scenarioRequirement = (id: string, scenario: string, extra: Partial<Requirement> = {}): Requirement => ({
  id,
  title: id,
  level: 'MUST',
  source: 'inferred',
  operation: 'addThing',
  trigger: { kind: 'scenario', scenario },
  expect: { status: [200], statusLevel: 'MUST' },
  ...extra,
});
