// Any OpenAPI 2/3.0/3.1 document as operations whose input is the whole request:
// `{path, query, header, cookie, body}`, one object the generators, the oracle and the wire share.
import type { OpenAPI, OpenAPIV2, OpenAPIV3 } from 'openapi-types';
import type { ApiModel, Json, Operation, Parameter, RequestShape, Schema, SecurityScheme } from '../model/types.ts';
import { METHODS, responses } from './document.ts';
import { flatten } from '../../generators/values.ts';
import { basePathOf } from './servers.ts';
import { requestSchemaOf } from './direction.ts';

type AnyParameter = OpenAPIV3.ParameterObject | OpenAPIV2.Parameter;

export const PARAMETER_GROUPS = ['path', 'query', 'header', 'cookie'] as const;
/** OpenAPI 3: header parameters with these names "SHALL be ignored" (they are set by the request itself). */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);
/** Preference when an operation offers several body media types. */
const MEDIA_PREFERENCE = [/json/i, /x-www-form-urlencoded/i, /multipart\/form-data/i];

export function requestModel(api: OpenAPI.Document, origin: string): ApiModel {
  const v3 = 'openapi' in api;
  const operations: Record<string, Operation> = {};
  for (const [path, item] of Object.entries(api.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)?.[method] as (OpenAPIV3.OperationObject & OpenAPIV2.OperationObject) | undefined;
      if (!op) continue;
      const id = op.operationId ?? `${method.toUpperCase()} ${path}`;
      const params = mergeParameters((item as { parameters?: AnyParameter[] }).parameters ?? [], (op.parameters ?? []) as AnyParameter[]);
      const parameters = params.flatMap((p) => toParameter(p, v3));
      const body = v3 ? bodyV3(op) : bodyV2(op, params, api as OpenAPIV2.Document);
      const shape: RequestShape = {
        parameters,
        ...(body && { body: { mediaType: body.mediaType, required: body.required } }),
        security: securityOf(op.security ?? (api as { security?: Record<string, string[]>[] }).security ?? []),
        clientErrors: Object.keys(op.responses ?? {}).filter((s) => /^4/.test(s)),
        success: successOf(op.responses ?? {}),
        ...(v3 && { links: linksOf(op.responses ?? {}, api as OpenAPIV3.Document) }),
      };
      operations[id] = {
        id,
        method: method.toUpperCase(),
        path,
        input: { location: 'request', mediaType: body?.mediaType ?? 'application/json', schema: requestSchema(parameters, body), required: true },
        request: shape,
        ...responses(op.responses ?? {}, v3, op.produces ?? (api as OpenAPIV2.Document).produces),
      };
    }
  }
  if (!Object.values(operations).some((op) => op.request?.links?.length)) addCreateReadLinks(operations);
  const schemas = (v3 ? (api as OpenAPIV3.Document).components?.schemas : (api as OpenAPIV2.Document).definitions) ?? {};
  return {
    title: api.info.title,
    origin,
    operations,
    schemas: schemas as Record<string, Schema>,
    basePath: basePathOf(api),
    securitySchemes: securitySchemes(api),
  };
}

/** Path-level parameters, overridden by operation-level ones with the same name and location. */
function mergeParameters(pathLevel: AnyParameter[], opLevel: AnyParameter[]): AnyParameter[] {
  const key = (p: AnyParameter) => `${p.in}:${p.name}`;
  const own = new Set(opLevel.map(key));
  return [...pathLevel.filter((p) => !own.has(key(p))), ...opLevel];
}

const COLLECTION_STYLES: Record<string, Pick<Parameter, 'style' | 'explode'>> = {
  csv: { style: 'form', explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  tsv: { style: 'tabDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
};

function toParameter(p: AnyParameter, v3: boolean): Parameter[] {
  if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header' && p.in !== 'cookie') return [];
  if (p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase())) return [];
  const required = p.in === 'path' || !!p.required;
  if (v3) {
    const q = p as OpenAPIV3.ParameterObject;
    const schema = (q.schema ?? firstContentSchema(q) ?? {}) as Schema;
    const style = (q.style ?? (q.in === 'query' || q.in === 'cookie' ? 'form' : 'simple')) as Parameter['style'];
    return [{ name: q.name, in: q.in as Parameter['in'], required, schema: implied(schema, q.in), style, explode: q.explode ?? style === 'form' }];
  }
  const g = p as OpenAPIV2.GeneralParameterObject;
  const collection = COLLECTION_STYLES[g.collectionFormat ?? 'csv']!;
  const style = g.in === 'path' || g.in === 'header' ? { style: 'simple' as const, explode: false } : collection;
  return [{ name: g.name, in: g.in as Parameter['in'], required, schema: implied(schemaOfV2(g), g.in), ...style }];
}

function firstContentSchema(p: OpenAPIV3.ParameterObject): unknown {
  return Object.values(p.content ?? {})[0]?.schema;
}

const V2_KEYWORDS = ['type', 'format', 'items', 'default', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength', 'pattern', 'maxItems', 'minItems', 'uniqueItems', 'enum', 'multipleOf'] as const;

/** A Swagger 2 non-body parameter as a JSON schema, every constraint kept. */
export function schemaOfV2(p: object): Schema {
  const source = p as Record<string, unknown>;
  const schema: Record<string, unknown> = {};
  for (const k of V2_KEYWORDS) if (source[k] !== undefined) schema[k] = k === 'items' ? schemaOfV2(source[k] as object) : source[k];
  if (schema.type === 'file') return { type: 'string', format: 'binary' };
  return schema as Schema;
}

/**
 * What the wire makes necessary but documents leave unsaid: a path segment is never empty, `.` or
 * `..`. Marked so no requirement is derived from it.
 */
function implied(schema: Schema, location: string): Schema {
  if (location !== 'path' || (schema.type !== undefined && schema.type !== 'string')) return schema;
  return { ...schema, minLength: Math.max(1, schema.minLength ?? 0), not: { enum: ['.', '..'] }, 'x-implied': ['minLength'] } as Schema;
}

interface Body {
  mediaType: string;
  schema: Schema;
  required: boolean;
}

function bodyV3(op: OpenAPIV3.OperationObject): Body | undefined {
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  if (!body?.content) return undefined;
  const entries = Object.entries(body.content);
  const preferred = MEDIA_PREFERENCE.map((re) => entries.find(([t]) => re.test(t))).find(Boolean) ?? entries[0];
  if (!preferred) return undefined;
  const [mediaType, content] = preferred;
  return { mediaType, schema: requestSchemaOf((content.schema ?? {}) as Schema), required: body.required ?? false };
}

function bodyV2(op: OpenAPIV2.OperationObject, params: AnyParameter[], api: OpenAPIV2.Document): Body | undefined {
  const consumes = op.consumes ?? api.consumes ?? ['application/json'];
  const body = params.find((p) => p.in === 'body') as OpenAPIV2.InBodyParameterObject | undefined;
  if (body) {
    const mediaType = consumes.find((t) => /json/i.test(t)) ?? consumes[0] ?? 'application/json';
    return { mediaType, schema: requestSchemaOf(body.schema as Schema), required: !!body.required };
  }
  const form = params.filter((p) => p.in === 'formData') as OpenAPIV2.GeneralParameterObject[];
  if (form.length === 0) return undefined;
  const multipart = form.some((p) => p.type === 'file') || consumes.some((t) => /multipart/i.test(t)) && !consumes.some((t) => /urlencoded/i.test(t));
  const required = form.filter((p) => p.required).map((p) => p.name);
  return {
    mediaType: multipart ? 'multipart/form-data' : 'application/x-www-form-urlencoded',
    schema: { type: 'object', properties: Object.fromEntries(form.map((p) => [p.name, schemaOfV2(p)])), ...(required.length && { required }) } as Schema,
    required: required.length > 0,
  };
}

function requestSchema(parameters: Parameter[], body: Body | undefined): Schema {
  const properties: Record<string, Schema> = {};
  for (const group of PARAMETER_GROUPS) {
    const own = parameters.filter((p) => p.in === group);
    if (own.length === 0) continue;
    const required = own.filter((p) => p.required).map((p) => p.name);
    properties[group] = { type: 'object', properties: Object.fromEntries(own.map((p) => [p.name, p.schema])), ...(required.length && { required }) } as Schema;
  }
  if (body) properties.body = body.schema;
  const required = [...Object.keys(properties).filter((k) => k !== 'body'), ...(body?.required ? ['body'] : [])];
  return { type: 'object', properties, required } as Schema;
}

/** `[]`: no security; an empty alternative (`{}`) makes credentials optional, so nothing is required. */
function securityOf(requirements: Record<string, string[]>[]): string[][] {
  const alternatives = requirements.map((r) => Object.keys(r));
  return alternatives.some((a) => a.length === 0) ? [] : alternatives;
}

function securitySchemes(api: OpenAPI.Document): Record<string, SecurityScheme> {
  const raw = ('openapi' in api ? (api as OpenAPIV3.Document).components?.securitySchemes : (api as OpenAPIV2.Document).securityDefinitions) ?? {};
  return Object.fromEntries(Object.entries(raw).map(([name, s]) => [name, schemeOf(s as Record<string, unknown>)]));
}

function schemeOf(s: Record<string, unknown>): SecurityScheme {
  if (s.type === 'basic') return { type: 'http', scheme: 'basic' };
  if (s.type === 'http') return { type: 'http', scheme: String(s.scheme).toLowerCase() };
  if (s.type === 'apiKey' && (s.in === 'header' || s.in === 'query' || s.in === 'cookie')) return { type: 'apiKey', in: s.in, name: String(s.name) };
  if (s.type === 'oauth2') {
    const flows = s.flows as Record<string, { tokenUrl?: string }> | undefined;
    const tokenUrl = flows?.clientCredentials?.tokenUrl ?? (s.flow === 'application' ? (s.tokenUrl as string | undefined) : undefined);
    return { type: 'oauth2', ...(tokenUrl && { tokenUrl }) };
  }
  return { type: 'other', description: String(s.type) };
}

function successOf(responses: Record<string, unknown>): RequestShape['success'] {
  const [status, response] = Object.entries(responses).find(([s]) => /^2\d\d$/.test(s)) ?? ['200', undefined];
  const r = (response ?? {}) as { content?: Record<string, { example?: Json; examples?: Record<string, { value?: Json }> }>; examples?: Record<string, Json> };
  const json = Object.entries(r.content ?? {}).find(([t]) => /json/i.test(t))?.[1];
  const example = json?.example ?? Object.values(json?.examples ?? {})[0]?.value ?? r.examples?.['application/json'];
  return { status: Number(status), ...(example !== undefined && { example }) };
}

/** Links of the 2xx responses; `operationRef` (`#/paths/~1x/get`) is resolved to its operationId. */
function linksOf(responses: Record<string, unknown>, api: OpenAPIV3.Document): RequestShape['links'] {
  return Object.entries(responses)
    .filter(([s]) => /^2/.test(s))
    .flatMap(([, r]) => Object.entries(((r as OpenAPIV3.ResponseObject).links ?? {}) as Record<string, OpenAPIV3.LinkObject>))
    .flatMap(([name, link]) => {
      const operationId = link.operationId ?? operationIdAt(api, link.operationRef);
      return operationId ? [{ name, operationId, parameters: Object.fromEntries(Object.entries(link.parameters ?? {}).map(([k, v]) => [k, String(v)])) }] : [];
    });
}

function operationIdAt(api: OpenAPIV3.Document, ref: string | undefined): string | undefined {
  const steps = /^#\/paths\/([^/]+)\/(\w+)$/.exec(ref ?? '');
  if (!steps) return undefined;
  const path = steps[1]!.replace(/~1/g, '/').replace(/~0/g, '~');
  const op = (api.paths?.[path] as Record<string, OpenAPIV3.OperationObject> | undefined)?.[steps[2]!];
  return op?.operationId ?? (op ? `${steps[2]!.toUpperCase()} ${path}` : undefined);
}

/**
 * A document without links still has the usual pattern: POST on a collection answers the created
 * resource, whose id addresses `GET`/`DELETE` on `collection/{id}`. Those become links.
 */
function addCreateReadLinks(operations: Record<string, Operation>): void {
  const all = Object.values(operations);
  for (const create of all.filter((op) => op.method === 'POST' && op.success)) {
    const props = Object.keys((flatten(create.success!).properties ?? {}) as object);
    for (const item of all.filter((op) => (op.method === 'GET' || op.method === 'DELETE') && new RegExp(`^${escape(create.path.replace(/\/$/, ''))}/\\{([^}/]+)\\}$`).test(op.path))) {
      const param = /\{([^}/]+)\}$/.exec(item.path)![1]!;
      const field = props.includes(param) ? param : props.includes('id') ? 'id' : undefined;
      if (!field) continue;
      create.request!.links = [...(create.request!.links ?? []), { name: `created-then-${item.method.toLowerCase()}`, operationId: item.id, parameters: { [param]: `$response.body#/${field}` } }];
    }
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
