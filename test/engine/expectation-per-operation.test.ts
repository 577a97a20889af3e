// A case is judged by its own operation's documents: another operation's entry for the same field
// and keyword (documenting a 400, or a 401) must not make it stricter than its own say.
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/http/client.ts';
import { expectationFor } from '../../src/judge/expectation.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scratch } from '../support/files.ts';

// Two operations with the same body field and security: only `strict` documents 400 and 401.
const DOCUMENT = `openapi: 3.0.3
info: { title: two operations, version: '1' }
security: [{ bearer: [] }]
components:
  securitySchemes: { bearer: { type: http, scheme: bearer } }
  schemas:
    Thing: { type: object, properties: { name: { type: string, maxLength: 8 } } }
paths:
  /strict:
    post:
      operationId: strict
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
      responses: { '200': { description: ok }, '400': { description: invalid }, '401': { description: no credentials } }
  /quiet:
    post:
      operationId: quiet
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Thing' } } } }
      responses: { '200': { description: ok } }
`;

const spec = () => loadFileSpec(scratch('per-operation').file('two.yaml', DOCUMENT), undefined);

/** A server that accepts everything: what `quiet` documents nothing against is at most a warning there. */
const accepting = { send: async (): Promise<HttpResponse> => ({ status: 200, headers: {}, text: '', ms: 1 }), close: async () => {} };

describe("a case's expectation comes from its own operation", () => {
  it('where the operation has its own entry, another operation with the same field and keyword does not change it', async () => {
    const s = await spec();
    const tooLong = [{ location: 'request' as const, path: '/body/name', keyword: 'maxLength' }];
    expect(expectationFor(tooLong, s.catalogue, 'quiet')).toMatchObject({ accept: false, statusLevel: 'SHOULD', requirements: ['QUIET-BODY-NAME-MAXLENGTH'] });
    expect(expectationFor(tooLong, s.catalogue, 'strict')).toMatchObject({ accept: false, statusLevel: 'MUST', requirements: ['STRICT-BODY-NAME-MAXLENGTH'] });
  });

  it('against a server that accepts everything: the undocumented operation warns, the documented one fails', async () => {
    const report = await runSpec(await spec(), { seed: 1, runs: 5, timeoutMs: 5000, concurrency: 2, timeLimitMs: 30_000, section: { token: 't' }, target: 'http://127.0.0.1:9', client: accepting, probes: false });
    const verdicts = Object.fromEntries(report.requirements.map((r) => [r.id, r.verdict]));
    expect(verdicts).toMatchObject({
      'STRICT-BODY-NAME-MAXLENGTH': 'fail',
      'STRICT-AUTH-MISSING': 'fail',
      'QUIET-BODY-NAME-MAXLENGTH': 'warn',
      'QUIET-AUTH-MISSING': 'warn',
    });
  });
});
