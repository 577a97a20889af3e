// Loads OpenAPI 3.x / Swagger 2.0 documents (files or TypeScript objects) into the ApiModel.
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI, OpenAPIV2, OpenAPIV3 } from 'openapi-types';
import type { ApiModel, Operation, Schema } from '../model/types.ts';
import { METHODS, responses } from '../openapi/document.ts';
import { checkMetaSchema } from './meta-schema.ts';

/** A spec that cannot be used; the CLI reports it in one line with exit 2. */
export class SpecError extends Error {}

/** Reads a JSON or YAML file; YAML may be a multi-document stream (the first non-empty one counts). */
export async function readDocumentFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new SpecError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown = parsedJson(text);
  if (value === undefined) {
    // Loaded only for YAML (about 0.1 s of CPU per process): the bundled documents are JSON or TypeScript once built.
    const { default: YAML } = await import('yaml');
    try {
      const docs = YAML.parseAllDocuments(text, { prettyErrors: false });
      const first = docs.find((d) => d.contents !== null);
      if (!first) throw new SpecError(`${file}: empty document`);
      value = first.errors.length > 0 ? ((await lenientYaml(text)) ?? failYaml(file, first.errors[0]!.message)) : first.toJS();
    } catch (err) {
      // toJS throws on an alias bomb ("Excessive alias count ..."); anything else the parser throws is the file's fault too.
      throw err instanceof SpecError ? err : failYaml(file, err instanceof Error ? err.message : String(err));
    }
  }
  const deepest = deepestPath(value);
  if (deepest !== undefined) throw new SpecError(`${file}: nested more than ${MAX_DEPTH} levels deep (at ${deepest.slice(0, 80)}...); no OpenAPI document needs that`);
  return value;
}

/** Deeper than this, a document is refused before any recursive step (dereferencing, generation) can run out of stack. */
export const MAX_DEPTH = 256;

/** The JSON pointer where `value` first nests deeper than MAX_DEPTH, if it does (walked without recursion). */
function deepestPath(value: unknown): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [node, depth, at] = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    if (depth > MAX_DEPTH) return at;
    seen.add(node);
    for (const [k, v] of Object.entries(node)) stack.push([v, depth + 1, `${at}/${k}`]);
  }
  return undefined;
}

/**
 * A JSON document as JSON.parse reads it: JSON is YAML too, but the YAML parser took 3 s of CPU for
 * a 2 MB document of 3,000 operations, in the CLI and again in its worker. Anything JSON.parse
 * refuses (or a document with a key twice, which it would take) goes to the YAML parser, which names the fault.
 */
function parsedJson(text: string): unknown {
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return hasDuplicateKeys(text, value) ? undefined : value;
  } catch {
    return undefined;
  }
}

/** Whether the text names more keys than the parsed value holds (a key given twice in one object). */
function hasDuplicateKeys(text: string, value: unknown): boolean {
  // Counted without recursion: a document too deep is refused for its depth afterwards, naming where.
  let keys = 0;
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const children = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) keys += children.length;
    for (const child of children) stack.push(child);
  }
  // A miscount (a string holding `":`) only sends the document the slow way.
  return (text.match(/"(?:[^"\\]|\\.)*"\s*:/g)?.length ?? 0) !== keys;
}

/** Published documents are often YAML only lenient parsers read (a flow map closed one column short). */
async function lenientYaml(text: string): Promise<unknown> {
  const { default: jsYaml } = await import('js-yaml');
  try {
    const value = jsYaml.load(text);
    return value ?? undefined;
  } catch {
    return undefined;
  }
}

function failYaml(file: string, message: string): never {
  if (/call stack/i.test(message)) throw new SpecError(`${file}: nested too deeply to read (the parser ran out of stack; a document may nest at most ${MAX_DEPTH} levels)`);
  throw new SpecError(`${file}: not valid YAML/JSON: ${message.split('\n')[0]}`);
}

export async function loadSpecFile(file: string, options: LoadOptions = {}): Promise<ApiModel> {
  return loadSpecDocument(await readDocumentFile(file), file, options);
}

export interface LoadOptions {
  /** Model every parameter, body and security requirement (`input.location: 'request'`); bundled specs keep the body|query input. */
  requests?: boolean;
  /**
   * Dereference only: the document is validated elsewhere (a bundled spec's, by the project's tests,
   * through `model.unvalidated`), which spares each process compiling the meta-schema.
   */
  validated?: boolean;
}

/** Validates and dereferences a document, naming `origin` and the JSON pointer of any fault. */
export async function loadSpecDocument(document: unknown, origin: string, options: LoadOptions = {}): Promise<ApiModel> {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new SpecError(`${origin}: not an OpenAPI document (expected an object, found ${Array.isArray(document) ? 'a list' : typeof document === 'string' ? 'a text' : String(document)})`);
  }
  checkVersion(document as Record<string, unknown>, origin);
  const warnings: string[] = [];
  let api: OpenAPI.Document;
  try {
    // swagger-parser mutates its input: give it a copy so TypeScript-written specs stay pristine.
    const copy = structuredClone(document) as OpenAPI.Document;
    if (!options.validated) checkMetaSchema(copy);
    api = await (options.validated ? SwaggerParser.dereference(copy) : SwaggerParser.validate(copy, { validate: { schema: false, spec: true } }));
  } catch (err) {
    // swagger-parser's 3.1 meta-schema is stricter than the 3.1 text (e.g. `scheme: Bearer` with a
    // bearerFormat): a 3.1 document that still dereferences is used, and the objection reported.
    if (!is31(document) || (err as { code?: string }).code === 'EMISSINGPOINTER') throw new SpecError(describeParserError(err, document, origin));
    api = await SwaggerParser.dereference(structuredClone(document) as OpenAPI.Document).catch((again: unknown) => {
      throw new SpecError(describeParserError(again, document, origin));
    });
    warnings.push(`${origin}: loaded without meta-schema validation (${describeParserError(err, document, origin).replace(`${origin}: `, '')})`);
  }
  const model = options.requests ? (await import('../openapi/model.ts')).requestModel(api, origin) : toModel(api, origin);
  return { ...model, ...(warnings.length && { warnings }), ...(options.validated && { unvalidated: document }) };
}

const is31 = (document: object) => /^3\.1\./.test(String((document as { openapi?: unknown }).openapi));

/** A document that is not OpenAPI is told so in words, before the meta-schema's list of complaints. */
function checkVersion(document: Record<string, unknown>, origin: string): void {
  const version = document.openapi ?? document.swagger;
  if (version === undefined) {
    const keys = Object.keys(document).slice(0, 6).join(', ');
    throw new SpecError(`${origin}: not an OpenAPI document: no "openapi" or "swagger" version field at the top (found: ${keys || 'nothing'})`);
  }
  if (!/^(2\.0|3\.[01]\.\d+)$/.test(String(version))) {
    throw new SpecError(`${origin}: unsupported OpenAPI version "${String(version)}" (supported: Swagger 2.0, OpenAPI 3.0.x and 3.1.x)`);
  }
  if (typeof document.paths !== 'object' || document.paths === null) {
    if (!(is31(document) && document.webhooks)) throw new SpecError(`${origin}: not a usable OpenAPI document: no "paths" object`);
  }
}

function describeParserError(err: unknown, document: object, origin: string): string {
  const e = err as { code?: string; targetRef?: string; message?: string };
  if (e.code === 'EMISSINGPOINTER' && e.targetRef) {
    const at = findRef(document, e.targetRef);
    return `${origin}: dangling $ref '${e.targetRef}'${at ? ` at ${at}` : ''}: the target does not exist`;
  }
  const details = (err as { details?: { instancePath?: string; message?: string }[] }).details;
  const detail = details?.[0] ? ` ${details[0].instancePath || '/'} ${details[0].message}` : '';
  const lines = String(typeof e.message === 'string' ? e.message : JSON.stringify(e.message ?? err)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const first = lines.length > 1 && /validation failed\.?$/.test(lines[0]!) ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'invalid document');
  return `${origin}: invalid OpenAPI document: ${first}${detail && !first.includes(detail.trim()) ? ` (${detail.trim()})` : ''}`;
}

/** JSON pointer of the first `$ref: ref` in the document. */
function findRef(node: unknown, ref: string, pointer = ''): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  if ((node as { $ref?: unknown }).$ref === ref) return pointer || '/';
  for (const [key, value] of Object.entries(node)) {
    const found = findRef(value, ref, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (found) return found;
  }
  return undefined;
}

function toModel(api: OpenAPI.Document, origin: string): ApiModel {
  const v3 = 'openapi' in api;
  const operations: Record<string, Operation> = {};
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)?.[method] as OpenAPIV3.OperationObject | OpenAPIV2.OperationObject | undefined;
      if (!op) continue;
      const id = op.operationId ?? `${method.toUpperCase()} ${path}`;
      operations[id] = {
        id,
        method: method.toUpperCase(),
        path,
        input: v3 ? inputV3(op as OpenAPIV3.OperationObject) : inputV2(op as OpenAPIV2.OperationObject, api as OpenAPIV2.Document),
        ...responses(op.responses ?? {}, v3, (op as OpenAPIV2.OperationObject).produces ?? (api as OpenAPIV2.Document).produces),
      };
    }
  }
  const schemas = (v3 ? (api as OpenAPIV3.Document).components?.schemas : (api as OpenAPIV2.Document).definitions) ?? {};
  return { title: api.info.title, origin, operations, schemas: schemas as Record<string, Schema> };
}

function inputV3(op: OpenAPIV3.OperationObject): Operation['input'] {
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  if (body) {
    const [mediaType, content] = Object.entries(body.content).find(([t]) => /json/i.test(t)) ?? Object.entries(body.content)[0] ?? [];
    if (mediaType && content?.schema) {
      return { location: 'body', mediaType, schema: content.schema as Schema, required: body.required ?? false };
    }
  }
  const params = (op.parameters ?? []) as OpenAPIV3.ParameterObject[];
  return paramsAsObject(params.filter((p) => p.in === 'query').map((p) => [p.name, (p.schema ?? {}) as Schema, !!p.required]));
}

function inputV2(op: OpenAPIV2.OperationObject, api: OpenAPIV2.Document): Operation['input'] {
  const params = (op.parameters ?? []) as OpenAPIV2.Parameter[];
  const body = params.find((p) => p.in === 'body') as OpenAPIV2.InBodyParameterObject | undefined;
  const consumes = op.consumes ?? api.consumes ?? ['application/json'];
  if (body) {
    return { location: 'body', mediaType: consumes[0] ?? 'application/json', schema: body.schema as Schema, required: !!body.required };
  }
  const simple = params.filter((p) => p.in === 'query' || p.in === 'formData') as OpenAPIV2.GeneralParameterObject[];
  return paramsAsObject(simple.map((p) => [p.name, { type: p.type, enum: p.enum, format: p.format } as Schema, !!p.required]));
}

function paramsAsObject(params: [string, Schema, boolean][]): Operation['input'] {
  if (params.length === 0) return undefined;
  const schema: Schema = {
    type: 'object',
    properties: Object.fromEntries(params.map(([name, s]) => [name, s])),
    required: params.filter(([, , r]) => r).map(([name]) => name),
  };
  return { location: 'query', mediaType: 'application/x-www-form-urlencoded', schema, required: schema.required!.length > 0 };
}
