// A generated OpenAPI 3.0 document of N operations, for measuring how load, run and reports scale.
// Resources of three operations each (read with a path id and a paged query, replace with a JSON
// body of a bounded string, a bounded integer and an enum, delete), bearer auth, documented 400s.
//   npx tsx bench/large-document.ts 3000 > /tmp/large.json
//   ./bin/sip-conformance run --spec /tmp/large.json --runs 2
import { pathToFileURL } from 'node:url';

const OPERATIONS_PER_RESOURCE = 3;

const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: 999999 } };
const errors = { '400': { description: 'invalid request' }, '401': { description: 'no credentials' } };

function resource(i: number): Record<string, unknown> {
  const item = { $ref: `#/components/schemas/Item${i}` };
  return {
    parameters: [idParameter],
    get: {
      operationId: `getItem${i}`,
      parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 } }],
      responses: { '200': { description: 'the item', content: { 'application/json': { schema: item } } }, ...errors },
    },
    put: {
      operationId: `putItem${i}`,
      requestBody: { required: true, content: { 'application/json': { schema: item } } },
      responses: { '200': { description: 'replaced', content: { 'application/json': { schema: item } } }, ...errors },
    },
    delete: { operationId: `deleteItem${i}`, responses: { '204': { description: 'deleted' }, ...errors } },
  };
}

const itemSchema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 32 },
    count: { type: 'integer', minimum: 0, maximum: 1000 },
    kind: { type: 'string', enum: ['a', 'b', 'c'] },
  },
};

/** A document of `operations` operations (rounded up to whole resources). */
export function largeDocument(operations: number): Record<string, unknown> {
  const resources = Math.ceil(operations / OPERATIONS_PER_RESOURCE);
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (let i = 1; i <= resources; i++) {
    paths[`/r${i}/items/{id}`] = resource(i);
    schemas[`Item${i}`] = itemSchema;
  }
  return {
    openapi: '3.0.3',
    info: { title: `Generated API of ${resources * OPERATIONS_PER_RESOURCE} operations`, version: '1' },
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2]);
  if (!Number.isSafeInteger(n) || n < 1) {
    console.error('usage: tsx bench/large-document.ts OPERATIONS > document.json');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(largeDocument(n), null, 1)}\n`);
}
