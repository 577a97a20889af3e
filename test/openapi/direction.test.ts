// readOnly properties are never sent nor negative-tested; writeOnly properties are never required in a
// response (OpenAPI 3.0.3, Schema Object; Swagger 2: readOnly "MUST NOT be sent as part of the request").
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseBuilder } from '../../generators/cases.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scratch } from '../support/files.ts';

const READ_ONLY = join(import.meta.dirname, '../fixtures/openapi/read-write-only.yaml');
const options = { seed: 7, runs: 20, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000 };

/** A correct server for the fixture: it ignores whatever `id` a request carries, as the document lets it. */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const owner = body?.owner as Record<string, unknown> | undefined;
      const ok =
        req.method === 'POST' && req.url === '/v1/items' && typeof body === 'object' && body !== null && !Array.isArray(body) &&
        typeof body.name === 'string' && body.name.length <= 20 &&
        (owner === undefined || (typeof owner === 'object' && owner !== null && !Array.isArray(owner) && typeof owner.label === 'string' && owner.label.length <= 10));
      res.writeHead(ok ? 201 : 400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { id: 1, name: body!.name } : { error: 'invalid' }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('readOnly', () => {
  it('is never in a request: no requirement names it, no valid case carries it, at any depth', async () => {
    const spec = await loadFileSpec(READ_ONLY);
    expect(spec.catalogue.map((r) => r.id).filter((id) => /-ID-/.test(id))).toEqual([]);
    const valid = spec.catalogue.find((r) => r.id === 'CREATEITEM-VALID-ACCEPTED')!;
    const cases = fc.sample(new CaseBuilder(spec, valid, 1).valid(), { seed: 1, numRuns: 30 });
    for (const c of cases) expect(JSON.stringify((c.input as { body: unknown }).body)).not.toMatch(/"id"/);
    // The response keeps it: the created item must carry its id.
    expect(spec.model.operations.createItem!.success!.allOf).toBeDefined();
  });

  it('a server that ignores a readOnly id draws no failure', async () => {
    const report = await runSpec(await loadFileSpec(READ_ONLY), { ...options, section: { target: url } });
    expect(report.requirements.filter((r) => r.verdict === 'fail').map((r) => `${r.id}: ${r.failures[0]?.checks.join('; ')}`)).toEqual([]);
  });
});

describe('writeOnly', () => {
  it('is never required in a response, and still sent in a request', async () => {
    const doc = scratch('direction').file(
      'write-only.yaml',
      `openapi: 3.0.3
info: { title: writeOnly, version: '1' }
paths:
  /users:
    post:
      operationId: createUser
      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/User' } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/User' } } } }
components:
  schemas:
    User:
      type: object
      required: [name, password]
      properties:
        name: { type: string }
        password: { type: string, writeOnly: true }
`,
    );
    const spec = await loadFileSpec(doc);
    const op = spec.model.operations.createUser!;
    expect(op.success!.required).toEqual(['name']);
    expect((op.input!.schema.properties!.body as { required: string[] }).required).toEqual(['name', 'password']);
    expect(spec.validators.validator(op.success!)({ name: 'a' })).toBe(true);
  });
});
