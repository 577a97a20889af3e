import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_000, scratch } from '../support/files.ts';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import { loadSpec, SPEC_NAMES } from '../../specs/index.ts';
import { loadSpecDocument, loadSpecFile, readDocumentFile, SpecError } from '../../src/load/spec-loader.ts';
import YAML from 'yaml';

const { dir, file } = scratch('loader');

describe('spec loader', () => {
  it.each(SPEC_NAMES)('bundled %s: loaded without validation, its document passes the OpenAPI meta-schema and swagger-parser\'s checks here', async (name) => {
    const { model } = await loadSpec(name);
    expect(model.unvalidated).toBeDefined();
    await expect(SwaggerParser.validate(structuredClone(model.unvalidated) as OpenAPI.Document)).resolves.toBeDefined();
  });

  it('a document loaded as validated is not checked: what the bundled-spec test above stands for', async () => {
    const broken = { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: { '/x': { get: { responses: { 200: { description: 'ok' } }, parameters: [{ name: 'q', in: 'nowhere' }] } } } };
    await expect(loadSpecDocument(broken, 'broken')).rejects.toThrow(SpecError);
    await expect(loadSpecDocument(broken, 'broken', { validated: true })).resolves.toMatchObject({ unvalidated: broken });
  });

  it('loads the bundled RingCentral extract (OpenAPI 3.0.3) into one operation with body and success schemas', async () => {
    const model = await loadSpecFile(new URL('../../specs/ringcentral/openapi.yaml', import.meta.url).pathname);
    const op = model.operations.createSIPRegistration!;
    expect(op).toMatchObject({ method: 'POST', path: '/restapi/v1.0/client-info/sip-provision', input: { location: 'body', mediaType: 'application/json', required: true } });
    expect(op.success?.allOf).toHaveLength(2);
    expect(Object.keys(op.errors)).toEqual(expect.arrayContaining(['400', '500', '503']));
  });

  it('reports seed 000 (YAML after a --- line) with its dangling $ref, naming the file and the pointer', async () => {
    const error = await loadSpecFile(SEED_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as Error).message).toBe(
      `${SEED_000}: dangling $ref '#/definitions/holder' at /paths/~1restapi~1v1.0~1client-info~1sip-provision/post/parameters/0/schema: the target does not exist`,
    );
  });

  it('loads Swagger 2.0 with a body parameter the same way', async () => {
    const model = await loadSpecDocument(
      {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        consumes: ['application/json'],
        paths: {
          '/x': {
            post: {
              operationId: 'make',
              parameters: [{ in: 'body', name: 'body', required: true, schema: { $ref: '#/definitions/In' } }],
              responses: { 200: { description: 'ok', schema: { type: 'object' } } },
            },
          },
        },
        definitions: { In: { type: 'object', properties: { id: { type: 'string', maxLength: 3 } } } },
      },
      'inline',
    );
    expect(model.operations.make!.input).toMatchObject({ location: 'body', required: true, schema: { properties: { id: { maxLength: 3 } } } });
  });

  it('turns query parameters into one input object', async () => {
    const model = await loadSpecDocument(
      {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: { '/q': { get: { operationId: 'q', parameters: [{ in: 'query', name: 'count', required: true, schema: { type: 'integer' } }], responses: { 200: { description: 'ok' } } } } },
      },
      'inline',
    );
    expect(model.operations.q!.input).toMatchObject({ location: 'query', schema: { required: ['count'], properties: { count: { type: 'integer' } } } });
  });

  it.each([
    ['missing file', () => loadSpecFile(join(dir, 'nope.yaml')), /nope\.yaml: cannot read \(ENOENT\)/],
    ['not YAML', () => loadSpecFile(file('bad.yaml', 'a: [1,\n')), /bad\.yaml: not valid YAML\/JSON/],
    ['not OpenAPI', () => loadSpecFile(file('list.json', '[1,2]')), /list\.json: not an OpenAPI document/],
    ['invalid OpenAPI', () => loadSpecFile(file('inv.yaml', 'openapi: 3.0.3\ninfo: {}\npaths: {}\n')), /inv\.yaml: invalid OpenAPI document/],
  ])('fails clearly on %s', async (_name, load, message) => {
    await expect(load()).rejects.toThrow(message);
  });
});

describe('JSON documents', () => {
  const { file } = scratch('json-documents');

  it('read as the YAML parser reads them, strings holding quotes and colons included', async () => {
    const text = '{"a": "x: \\"y\\": z", "b": {"c": [1, {"d": "e:"}]}, "f": null}';
    expect(await readDocumentFile(file('plain.json', text))).toEqual(YAML.parse(text));
  });

  it('with a key given twice: still the YAML parser\'s error, not the last value', async () => {
    await expect(readDocumentFile(file('twice.json', '{"openapi": "3.0.0", "info": {"title": "a", "title": "b"}}'))).rejects.toThrow(/twice\.json: not valid YAML\/JSON: Map keys must be unique/);
  });
});
