// Values that break one schema constraint, derived from the constraint itself.
import fc from 'fast-check';
import type { Json, Schema } from '../src/model/types.ts';
import { bounded } from './bounded.ts';
import { flatten, numericBounds, typeOf } from './values.ts';

/** A replacement for the value at a path: a new value, or the property removed. */
export type ValueEdit = { omit: true } | { omit?: false; value: Json };

export interface ViolationSource {
  /** Random violating values. */
  arbitrary: fc.Arbitrary<ValueEdit>;
  /** The invalid side of each boundary, tried before random values. */
  boundaries: ValueEdit[];
  /** The valid side of each boundary: must be accepted. */
  controls: Json[];
}

/** Characters that break most restrictive patterns: letters, signs, spaces, non-ASCII digits, emoji. */
const FOREIGN_CHARS = ['a', 'Z', ' ', '-', '+', '.', '@', '!', ')', '\t', '\u0661', '\u0663', '\u09e6', 'é', '中', '😀'];
const BAD_HOSTS = ['', ' ', 'not a host!', '300.1.1.1', '1.2.3', 'host name.com', '-bad-.com', '..', 'a..b', 'http://x/y'];

const set = (value: Json): ValueEdit => ({ value });
const stretch = (seed: string, length: number) => (seed || '1').repeat(Math.ceil(length / Math.max(seed.length, 1)) + 1).slice(0, length);

/**
 * `sample` is one valid value of `schema`, used to build boundary values that break only the
 * constraint in question (e.g. a 39-digit id rather than 39 random characters).
 */
export function violationsFor(schema: Schema, keyword: string, sample: Json): ViolationSource | undefined {
  const s = flatten(schema);
  const text = typeof sample === 'string' ? sample : '';
  switch (keyword) {
    case 'required':
      return { arbitrary: fc.constant({ omit: true }), boundaries: [{ omit: true }], controls: [] };
    case 'type':
      return typeViolations(typeOf(s), sample);
    case 'maxLength': {
      if (s.maxLength === undefined) return undefined;
      const max = s.maxLength;
      return {
        arbitrary: fc.oneof(
          fc.integer({ min: max + 1, max: max + 64 }).map((n) => set(stretch(text, n))),
          fc.string({ minLength: max + 1, maxLength: max + 64 }).map(set),
        ),
        boundaries: [set(stretch(text, max + 1))],
        controls: [stretch(text, max)],
      };
    }
    case 'minLength': {
      if (!s.minLength) return undefined;
      const min = s.minLength;
      return {
        arbitrary: fc.integer({ min: 0, max: min - 1 }).map((n) => set(stretch(text, n))),
        boundaries: [set(stretch(text, min - 1))],
        controls: [stretch(text, min)],
      };
    }
    case 'maximum':
    case 'minimum':
      return rangeViolations(s, keyword);
    case 'enum':
      return s.enum ? enumViolations(s.enum as Json[], (s['x-removed-values'] as Json[] | undefined) ?? []) : undefined;
    case 'pattern':
    case 'format': {
      if (keyword === 'pattern' ? !s.pattern : !s.format) return undefined;
      const examples = ((s['x-invalid-examples'] as Json[] | undefined) ?? []).map(set);
      const insert = fc
        .tuple(fc.nat(text.length), fc.constantFrom(...FOREIGN_CHARS))
        .map(([at, ch]) => set(text.slice(0, at) + ch + text.slice(at)));
      const replace = fc.tuple(fc.nat(Math.max(text.length - 1, 0)), fc.constantFrom(...FOREIGN_CHARS)).map(([at, ch]) => set(text.slice(0, at) + ch + text.slice(at + 1)));
      const extra = keyword === 'format' ? BAD_HOSTS : [''];
      return {
        arbitrary: fc.oneof(insert, replace, fc.string({ maxLength: 40 }).map(set), fc.constantFrom(...extra).map(set)),
        boundaries: [...examples, ...extra.map(set), ...FOREIGN_CHARS.slice(0, 12).map((ch) => set(text + ch))],
        controls: [],
      };
    }
    default:
      return undefined;
  }
}

function rangeViolations(s: Schema, keyword: 'maximum' | 'minimum'): ViolationSource | undefined {
  const { min, max } = numericBounds(s);
  const edge = keyword === 'maximum' ? max : min;
  if (edge === undefined) return undefined;
  const integer = typeOf(s) === 'integer';
  const dir = keyword === 'maximum' ? 1 : -1;
  const outside = (d: number) => edge + dir * d;
  const far = fc.integer({ min: 1, max: 1_000_000 }).map((d) => set(outside(d)));
  const fraction = fc.double({ min: 1e-3, max: 1000, noNaN: true }).map((d) => set(outside(d)));
  return {
    arbitrary: integer ? far : fc.oneof(far, fraction),
    boundaries: [set(outside(1)), ...(integer ? [] : [set(outside(0.5))]), set(outside(2 ** 31))],
    controls: [edge],
  };
}

function enumViolations(values: Json[], removed: Json[]): ViolationSource {
  const allowed = new Set(values.map((v) => JSON.stringify(v)));
  const notAllowed = (v: Json) => !allowed.has(JSON.stringify(v));
  const nearMisses = values.flatMap((v): Json[] =>
    typeof v === 'string'
      ? [v.toLowerCase(), v.toUpperCase(), v.charAt(0).toUpperCase() + v.slice(1).toLowerCase(), ` ${v}`, `${v} `, `${v}\n`, `${v}x`]
      : typeof v === 'number'
        ? [v + 1, v - 1, -v]
        : [],
  );
  const misses = [...new Set([...removed, '', ...nearMisses].map((v) => JSON.stringify(v)))]
    .map((v) => JSON.parse(v) as Json)
    .filter(notAllowed);
  const random: fc.Arbitrary<Json> = typeof values[0] === 'number' ? fc.integer({ min: -100000, max: 100000 }) : fc.string({ maxLength: 12 });
  return {
    arbitrary: fc.oneof(fc.constantFrom(...misses), bounded(random, notAllowed, 'value outside the enum')).map(set),
    boundaries: misses.map(set),
    controls: values,
  };
}

/** Values of the wrong JSON type; null is left out: servers may fairly read it as "absent". */
function typeViolations(type: string | undefined, sample: Json): ViolationSource | undefined {
  const text = typeof sample === 'string' || typeof sample === 'number' || typeof sample === 'boolean' ? String(sample) : '1';
  const number = Number.isFinite(Number(text)) ? Number(text) : 1;
  const wrong: Record<string, () => Json[]> = {
    string: () => [0, 12345, true, { value: text }, [text]],
    integer: () => [String(number), number + 0.5, true, {}, [number]],
    number: () => [String(number), false, {}, [number]],
    boolean: () => [text === 'false' ? 'false' : 'true', 1, 0, 'yes', {}],
    object: () => ['x', 1, [], true],
    array: () => [{}, 'x', 1, true],
  };
  const values = type ? wrong[type]?.() : undefined;
  if (!values) return undefined;
  return { arbitrary: fc.constantFrom(...values).map(set), boundaries: values.map(set), controls: [] };
}
