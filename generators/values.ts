// Valid values for a JSON Schema, as fast-check arbitraries.
import fc from 'fast-check';
import type { Json, Schema } from '../src/model/types.ts';
import { bounded, GenerationError } from './bounded.ts';
import { matching } from './pattern.ts';

// Built on first use: some of these arbitraries are costly to construct, and the CLI must start fast.
const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  ipv4: () => fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')),
  hostname: () => fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), { minLength: 1, maxLength: 3 }).map((labels) => [...labels, 'com'].join('.')),
  email: () => fc.emailAddress(),
  uri: () => fc.webUrl(),
  'date-time': () => fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
};

/** Merges allOf branches into one schema (enough for request schemas, which rarely compose). */
export function flatten(schema: Schema): Schema {
  if (!schema.allOf) return schema;
  return schema.allOf.map((s) => flatten(s as Schema)).reduce<Schema>(
    (acc, s) => ({
      ...acc,
      ...s,
      ...((acc.properties || s.properties) && { properties: { ...acc.properties, ...s.properties } }),
      ...((acc.required || s.required) && { required: [...new Set([...(acc.required ?? []), ...(s.required ?? [])])] }),
    }),
    { ...schema, allOf: undefined },
  );
}

export function typeOf(schema: Schema): string | undefined {
  const s = flatten(schema);
  const type = s.type as string | string[] | undefined;
  // OpenAPI 3.1 type lists: the first non-null type is the value's type (null is generated aside).
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? (type.length ? 'null' : undefined);
  if (type) return type;
  if (s.properties) return 'object';
  const constant = (s as { const?: unknown }).const;
  if (constant !== undefined) return constant === null ? 'null' : Array.isArray(constant) ? 'array' : typeof constant;
  if (s.enum) return typeof s.enum[0];
  if ((s as { items?: unknown }).items) return 'array';
  return undefined;
}

/** Whether null is a valid value: OpenAPI 3.0 `nullable`, or `null` in a 3.1 type list. */
const nullable = (s: Schema) => s.nullable === true || (Array.isArray(s.type) && (s.type as string[]).includes('null'));

/** Object nesting beyond which only required properties are generated, and where a recursion that never ends gives up. */
const SHALLOW_DEPTH = 4;
const MAX_DEPTH = 12;

export interface ValueOptions {
  /** Object paths (lists of property names; `*` for array items) that must be present. */
  force?: string[][];
  /** Only required and forced properties, fewest array items: readable boundary cases. */
  minimal?: boolean;
  /** Nesting depth (recursive schemas are cut short). */
  depth?: number;
}

/** Arbitrary of values valid against `schema`. `x-examples` (valid values) are mixed in when given. */
export function validValue(schema: Schema, options: ValueOptions = {}): fc.Arbitrary<Json> {
  const s = flatten(schema);
  const force = options.force ?? [];
  const depth = options.depth ?? 0;
  if (depth > MAX_DEPTH) throw new GenerationError(`schema nests deeper than ${MAX_DEPTH} levels (a required recursive property?)`);
  const minimal = (options.minimal ?? false) || depth > SHALLOW_DEPTH;
  const examples = [...((s['x-examples'] as Json[] | undefined) ?? []), ...documentExamples(s)];
  const base = baseValue(s, force, minimal, depth);
  const withNull = nullable(s) && !minimal && force.length === 0 ? fc.oneof({ arbitrary: base, weight: 5 }, { arbitrary: fc.constant(null), weight: 1 }) : base;
  return examples.length && !minimal ? fc.oneof(withNull, fc.constantFrom(...examples)) : withNull;
}

/** The document's own examples (3.0 `example`, 3.1 `examples`) seed valid values; invalid ones are filtered by the oracle. */
function documentExamples(s: Schema): Json[] {
  const list = (s as { examples?: unknown }).examples;
  return [...(s.example !== undefined ? [s.example as Json] : []), ...(Array.isArray(list) ? (list as Json[]) : [])];
}

function baseValue(s: Schema, force: string[][], minimal: boolean, depth: number): fc.Arbitrary<Json> {
  const constant = (s as { const?: Json }).const;
  if (constant !== undefined) return fc.constant(constant);
  if (s.enum) return fc.constantFrom(...(s.enum as Json[]));
  const branches = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (branches?.length) {
    const { oneOf: _o, anyOf: _a, ...rest } = s;
    return fc.oneof(...branches.map((b) => validValue(flatten({ allOf: [rest, b] } as Schema), { force, minimal, depth })));
  }
  switch (typeOf(s)) {
    case 'string':
      return stringValue(s);
    case 'integer': {
      const [min, max] = range(Math.ceil(bound(s, 'min') ?? -1e6), Math.floor(bound(s, 'max') ?? 1e6));
      return fc.integer({ min, max });
    }
    case 'number': {
      const [min, max] = range(bound(s, 'min') ?? -1e6, bound(s, 'max') ?? 1e6);
      return fc.oneof(
        { arbitrary: fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), weight: 3 },
        { arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)), weight: 1 },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const itemForce = force.filter((p) => p[0] === '*').map((p) => p.slice(1));
      const minItems = Math.max(s.minItems ?? 0, force.length > 0 ? 1 : 0);
      return fc.array(validValue((s as { items?: Schema }).items ?? {}, { force: itemForce, minimal, depth: depth + 1 }), {
        minLength: minItems,
        maxLength: minimal ? minItems : Math.max(minItems, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    case 'object':
      return objectValue(s, force, minimal, depth);
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

/** A range no value fits (e.g. a contradictory allOf) cannot be generated: a named skip. */
function range(min: number, max: number): [number, number] {
  if (min > max) throw new GenerationError(`no number from ${min} to ${max} (contradictory bounds)`);
  return [min, max];
}

function bound(s: Schema, side: 'min' | 'max'): number | undefined {
  const exclusive = side === 'min' ? s.exclusiveMinimum : s.exclusiveMaximum;
  const inclusive = side === 'min' ? s.minimum : s.maximum;
  const step = typeOf(s) === 'integer' ? 1 : 1e-6;
  // OpenAPI 3.0 uses boolean exclusive flags, 3.1 numeric bounds.
  if (typeof exclusive === 'number') return side === 'min' ? exclusive + step : exclusive - step;
  if (inclusive === undefined) return undefined;
  if (exclusive === true) return side === 'min' ? inclusive + step : inclusive - step;
  return inclusive;
}

export function numericBounds(s: Schema): { min?: number; max?: number } {
  return { min: bound(flatten(s), 'min'), max: bound(flatten(s), 'max') };
}

function stringValue(s: Schema): fc.Arbitrary<string> {
  const minLength = s.minLength ?? 0;
  const maxLength = s.maxLength ?? Math.max(minLength, 24);
  if (minLength > maxLength) throw new GenerationError(`no string of length ${minLength} to ${maxLength} (contradictory lengths)`);
  const fits = (v: string) => v.length >= minLength && v.length <= maxLength;
  if (s.pattern) return matching(s.pattern, minLength, maxLength);
  if (s.format && FORMATS[s.format]) return bounded(FORMATS[s.format]!(), fits, `${s.format} of length ${minLength}..${maxLength}`);
  return fc.string({ minLength, maxLength: Math.min(maxLength, minLength + 24) });
}

function objectValue(s: Schema, force: string[][], minimal: boolean, depth: number): fc.Arbitrary<Json> {
  const forced = new Set(force.map((p) => p[0]));
  const keep = (k: string) => s.required?.includes(k) || forced.has(k);
  // A property no value satisfies (`not: {}`: sent at all, it is undecided) is left out unless required or forced.
  const properties = Object.entries((s.properties ?? {}) as Record<string, Schema>).filter(([k, v]) => keep(k) || (!minimal && !acceptsNothing(v)));
  const requiredKeys = properties.map(([k]) => k).filter(keep);
  const model = Object.fromEntries(
    properties.map(([k, v]) => [k, validValue(v, { force: force.filter((p) => p[0] === k).map((p) => p.slice(1)), minimal, depth: depth + 1 })]),
  );
  return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<Json>;
}

const acceptsNothing = (node: Schema) => {
  const not = flatten(node).not as Schema | undefined;
  return not !== undefined && typeof not === 'object' && Object.keys(not).length === 0;
};

/** The schema node at a JSON pointer (`*` or an index steps into array items). */
export function schemaAt(schema: Schema, path: string[]): Schema | undefined {
  let node: Schema | undefined = flatten(schema);
  for (const step of path) {
    if (!node) return undefined;
    if (typeOf(node) === 'array') node = (node as { items?: Schema }).items;
    else node = (node.properties as Record<string, Schema> | undefined)?.[step];
    node = node && flatten(node);
  }
  return node;
}

export function splitPointer(pointer: string): string[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
