// An Ajv per spec for request oracles and response checks: OpenAPI keywords tolerated, the spec's own formats.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Schema } from './types.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

// OpenAPI numeric formats ajv-formats does not know about: only bounds matter to us.
const OPEN_FORMATS = ['int32', 'int64', 'float', 'double', 'password', 'binary', 'byte'];

/** Formats a spec defines beyond ajv-formats and OpenAPI's, by name. */
export type Formats = Record<string, (value: string) => boolean>;

/** One spec's validators: its own Ajv (standard formats plus the spec's), compiling once per schema object. */
export class Validators {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, logger: false });
  private readonly compiled = new WeakMap<object, ValidateFunction>();
  private readonly lenientCompiled = new WeakMap<object, ValidateFunction>();
  /**
   * Compiled validators by the schema's JSON text: operations of a large document build equal schemas
   * as distinct objects, and compiling (ajv generates and compiles code) was a third of such a run's CPU.
   */
  private readonly byText = new Map<string, ValidateFunction>();

  constructor(formats: Formats = {}) {
    addFormats(this.ajv);
    for (const f of OPEN_FORMATS) this.ajv.addFormat(f, true);
    for (const [name, valid] of Object.entries(formats)) this.ajv.addFormat(name, valid);
  }

  validator(schema: Schema): ValidateFunction {
    let fn = this.compiled.get(schema);
    if (!fn) {
      fn = this.compile(schema);
      this.compiled.set(schema, fn);
    }
    return fn;
  }

  /**
   * The validator of the widest reading: every `x-lenient` node's keywords replace its own (a keyword
   * set to null is dropped). A value it rejects is rejected by every reading of the documents.
   */
  lenientValidator(schema: Schema): ValidateFunction {
    let fn = this.lenientCompiled.get(schema);
    if (!fn) {
      const wide = lenientOf(schema);
      fn = wide === schema ? this.validator(schema) : this.compile(wide);
      this.lenientCompiled.set(schema, fn);
    }
    return fn;
  }

  private compile(schema: Schema): ValidateFunction {
    const plain = decycle(stripOpenApi(schema)) as object;
    const text = JSON.stringify(plain);
    let fn = this.byText.get(text);
    if (!fn) {
      fn = this.ajv.compile(plain);
      this.byText.set(text, fn);
    }
    return fn;
  }

  /** Whether a value can break this format (ajv knows it and it accepts less than everything). */
  checksFormat(name: string): boolean {
    return !OPEN_FORMATS.includes(name) && this.ajv.formats[name] !== undefined;
  }
}

/** The schema as its widest reading; the same object when nothing in it is lenient. */
export function lenientOf(node: Schema): Schema {
  return widen(node, new Map()) as Schema;
}

function widen(node: unknown, seen: Map<object, unknown>): unknown {
  if (typeof node !== 'object' || node === null) return node;
  if (seen.has(node)) return seen.get(node);
  seen.set(node, node);
  let changed = false;
  const entries = (Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node)).map(([k, v]) => {
    const w = k === 'x-lenient' ? v : widen(v, seen);
    changed ||= w !== v;
    return [k, w] as const;
  });
  const own = Array.isArray(node) ? undefined : ((node as Record<string, unknown>)['x-lenient'] as Record<string, unknown> | undefined);
  if (!changed && !own) return node;
  if (Array.isArray(node)) {
    const out = entries.map(([, v]) => v);
    seen.set(node, out);
    return out;
  }
  const out: Record<string, unknown> = Object.fromEntries(entries.filter(([k]) => k !== 'x-lenient'));
  for (const [k, v] of Object.entries(own ?? {})) {
    if (v === null || v === undefined) delete out[k];
    else out[k] = v;
  }
  seen.set(node, out);
  return out;
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
