// The meta-schema check compiled once per process says what swagger-parser's own check says.
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { checkMetaSchema } from '../../src/load/meta-schema.ts';

const INVALID: Record<string, object> = {
  'Swagger 2.0': { swagger: '2.0', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { 200: { description: 'ok' } }, parameters: [{ name: 'q', in: 'nowhere' }] } } } },
  'OpenAPI 3.0': { openapi: '3.0.3', info: { title: 't' }, paths: { '/x': { get: { responses: { 200: {} } } } } },
  'OpenAPI 3.1': { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { 200: { description: 1 } } } } } },
};

describe('checkMetaSchema', () => {
  it.each(Object.entries(INVALID))('%s: rejects as swagger-parser does, with the same message and details', async (_version, document) => {
    const ours = (() => {
      try {
        checkMetaSchema(structuredClone(document));
        return undefined;
      } catch (err) {
        return err as SyntaxError & { details: unknown[] };
      }
    })();
    const theirs = (await SwaggerParser.validate(structuredClone(document) as OpenAPI.Document).catch((err: unknown) => err)) as SyntaxError & { details: unknown[] };
    expect(ours).toBeInstanceOf(SyntaxError);
    expect(ours!.message).toBe(theirs.message);
    expect(ours!.details).toEqual(theirs.details);
  });

  it('accepts a valid document of each version', () => {
    for (const document of [
      { swagger: '2.0', info: { title: 't', version: '1' }, paths: {} },
      { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
      { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} },
    ]) expect(() => checkMetaSchema(document)).not.toThrow();
  });
});
