// readOnly and writeOnly: what a schema means in a request and in a response.
// OpenAPI 3.0.3 (Schema Object): a readOnly property "SHOULD NOT be sent as part of the request" and,
// when required, the requirement "will only apply to the response"; a writeOnly property "SHOULD NOT
// be sent as part of the response" and its requirement "will only apply to the request". Swagger 2
// has readOnly only ("MUST NOT be sent as part of the request").
import type { Schema } from '../model/types.ts';

type Marker = 'readOnly' | 'writeOnly';

/** A request body's schema: readOnly properties gone at every depth, so they are never sent nor negative-tested. */
export const requestSchemaOf = (schema: Schema): Schema => transform(schema, 'readOnly', true, new Map());

/** A response's schema: writeOnly properties never required (the server should not send them). */
export const responseSchemaOf = (schema: Schema): Schema => transform(schema, 'writeOnly', false, new Map());

const COMBINERS = ['allOf', 'oneOf', 'anyOf'] as const;

/** Names of the marked properties of a node and of its `allOf` parts (a part's `required` may name another part's property). */
function markedNames(node: Schema, marker: Marker): Set<string> {
  const own = (s: Schema) => Object.entries((s?.properties ?? {}) as Record<string, Schema>).filter(([, p]) => p?.[marker] === true).map(([k]) => k);
  return new Set([...own(node), ...((node.allOf ?? []) as Schema[]).flatMap(own)]);
}

/** Copies the schema graph (cycles kept as cycles), dropping marked properties (`drop`) or only their `required` entries. */
function transform(schema: Schema, marker: Marker, drop: boolean, done: Map<object, Schema>, inherited = new Set<string>()): Schema {
  if (!schema || typeof schema !== 'object') return schema;
  const seen = done.get(schema);
  if (seen && inherited.size === 0) return seen;
  const out = { ...schema } as Record<string, unknown>;
  if (inherited.size === 0) done.set(schema, out as Schema);
  const marked = new Set([...inherited, ...markedNames(schema, marker)]);
  if (schema.properties) {
    const kept = Object.entries(schema.properties as Record<string, Schema>).filter(([k]) => !(drop && marked.has(k)));
    out.properties = Object.fromEntries(kept.map(([k, p]) => [k, transform(p, marker, drop, done)]));
  }
  if (schema.required) {
    const required = schema.required.filter((k) => !marked.has(k));
    if (required.length) out.required = required;
    else delete out.required;
  }
  const items = (schema as { items?: Schema }).items;
  if (items && typeof items === 'object') out.items = transform(items, marker, drop, done);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') out.additionalProperties = transform(schema.additionalProperties as Schema, marker, drop, done);
  for (const k of COMBINERS) {
    const parts = schema[k] as Schema[] | undefined;
    // allOf parts are one object: a name marked in one part is marked in all of them.
    if (parts) out[k] = parts.map((p) => transform(p, marker, drop, done, k === 'allOf' ? marked : undefined));
  }
  return out as Schema;
}
