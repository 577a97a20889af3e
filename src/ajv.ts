// One shared Ajv for request oracles and response checks; OpenAPI keywords are tolerated.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Schema } from './model.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
addFormats(ajv);
// OpenAPI numeric formats ajv-formats does not know about: only bounds matter to us.
for (const f of ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte']) ajv.addFormat(f, true);

const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles once per schema object. */
export function validator(schema: Schema): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(decycle(stripOpenApi(schema)) as object);
    compiled.set(schema, fn);
  }
  return fn;
}

/** OpenAPI 3.0 `nullable` and boolean exclusive bounds become JSON Schema. */
function stripOpenApi(node: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (seen.has(node)) return seen.get(node);
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    seen.set(node, out);
    for (const v of node) out.push(stripOpenApi(v, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(node, out);
  const src = node as Record<string, unknown>;
  for (const [k, v] of Object.entries(src)) {
    if (k === 'example' || k === 'examples' || k === 'discriminator' || k === 'xml' || k.startsWith('x-')) continue;
    out[k] = stripOpenApi(v, seen);
  }
  if (src.nullable === true && typeof src.type === 'string') out.type = [src.type, 'null'];
  delete out.nullable;
  for (const [flag, bound, key] of [['exclusiveMaximum', 'maximum', 'exclusiveMaximum'], ['exclusiveMinimum', 'minimum', 'exclusiveMinimum']] as const) {
    if (src[flag] === true) { out[key] = src[bound]; delete out[bound]; }
    else if (src[flag] === false) delete out[key];
  }
  return out;
}

/**
 * Dereferenced recursive schemas are cyclic objects, which ajv cannot compile: every node a cycle
 * returns to becomes a definition, referred to by `$ref`.
 */
function decycle(root: unknown): unknown {
  const targets = new Map<object, string>();
  const state = new Map<object, 'open' | 'done'>();
  const find = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const s = state.get(node);
    if (s === 'open' && !targets.has(node)) targets.set(node, `sipc${targets.size}`);
    if (s) return;
    state.set(node, 'open');
    for (const v of Object.values(node)) find(v);
    state.set(node, 'done');
  };
  find(root);
  if (targets.size === 0) return root;
  const copy = (node: unknown, defining?: object): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (node !== defining && targets.has(node)) return { $ref: `#/definitions/${targets.get(node)}` };
    if (Array.isArray(node)) return node.map((v) => copy(v));
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, copy(v)]));
  };
  const definitions = Object.fromEntries([...targets].map(([node, id]) => [id, copy(node, node)]));
  return { ...(copy(root) as object), definitions };
}
