// Case generators both BAS-IP specs use as rules: one documented check swept over several fields,
// and request bodies that are not a JSON object at all.
import fc from 'fast-check';
import {
  type Case, type Json, type ValueEdit, type Rule, type Schema, schemaAt, splitPointer, type Violation, violationsFor,
  withValue,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';

export interface SweepTarget {
  /** JSON pointer into the request body. */
  path: string;
  keywords: string[];
}

interface Pair {
  pointer: string;
  path: string[];
  keyword: string;
  node: Schema;
}

function valueAt(input: Json | undefined, path: string[]): Json | undefined {
  let node: Json | undefined = input;
  for (const step of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = node[step];
  }
  return node;
}

/**
 * One requirement stated for several fields ("every required field", "every host"): the rule
 * breaks one (field, keyword) pair per case with the same violating values a constraint trigger
 * uses. The rule itself is never "violated": what a case breaks is the schema violation the oracle
 * computes, and the requirement's `covers` (see `sweepCovers`) names those.
 */
export function sweepRule(schema: Schema, targets: SweepTarget[]): Rule {
  const pairs: Pair[] = targets.flatMap((t) =>
    t.keywords.map((keyword) => {
      const path = splitPointer(t.path);
      const node = schemaAt(schema, path);
      if (!node) throw new Error(`sweep: no schema at ${t.path}`);
      if (!violationsFor(node, keyword, null)) throw new Error(`sweep: ${t.path} has no ${keyword} constraint to break`);
      return { pointer: t.path, path, keyword, node };
    }),
  );
  const describe = (p: Pair, m: ValueEdit) => (m.omit ? `${p.pointer} missing` : `${p.pointer} = ${JSON.stringify(m.value).slice(0, 60)}`);
  const applyEdit = (c: Case, p: Pair, m: ValueEdit, valid = false): Case => ({
    ...c,
    note: `${valid ? 'boundary: ' : ''}${describe(p, m)}${valid ? ' (valid)' : ''}`,
    input: withValue(c.input, p.path, m),
  });
  const source = (c: Case, p: Pair) => violationsFor(p.node, p.keyword, valueAt(c.input, p.path) ?? null)!;
  return {
    violatedBy: () => false,
    break: (valid) =>
      fc.tuple(valid, fc.constantFrom(...pairs)).chain(([c, p]) => source(c, p).arbitrary.map((m) => applyEdit(c, p, m))),
    // fast-check counts examples within the run budget: interleave so every field gets its
    // first controls and boundaries even when the budget is small.
    examples: (valid) =>
      interleave(
        pairs.map((p) => {
          const src = source(valid, p);
          // A pattern has no valid-side boundary of its own: its documented examples are the controls.
          const examples = p.keyword === 'pattern' || p.keyword === 'format' ? ((p.node['x-examples'] as Json[] | undefined) ?? []) : [];
          const controls = [...src.controls, ...examples].map((v) => applyEdit(valid, p, { value: v }, true));
          return interleave([controls, src.boundaries.map((m) => applyEdit(valid, p, m))]);
        }),
      ),
  };
}

/** [[a1, a2], [b1]] -> [a1, b1, a2] */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

/** The violations a sweep requirement answers for. */
export function sweepCovers(targets: SweepTarget[]): Violation[] {
  return targets.flatMap((t) => t.keywords.map((keyword) => ({ location: 'body' as const, path: t.path, keyword })));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parsesToObject(text: string): boolean {
  try {
    return isPlainObject(JSON.parse(text));
  } catch {
    return false;
  }
}

const NOT_OBJECTS: Json[] = [null, [], 42, 'text', true, 0];
const MALFORMED = ['{', '}', '{"proxy":', '{"proxy" "x"}', "{'proxy': 'x'}", '{"proxy":"x",}', 'null x', '\u0000'];

/** No body and no Content-Type: 400 or 415 (docs/undecided: body-missing). */
const bodyless = (c: Case) => c.rawBody === undefined && c.input === undefined && c.contentType === undefined;

/**
 * A settings POST whose body is no JSON object: unparseable, empty, or another JSON value (both
 * seeds: "Request Body required", the body is an object). A POST with no body at all is undecided.
 */
export const unusableBody: Rule = {
  violatedBy: (c) => {
    if (c.operation !== OPS.set || bodyless(c)) return false;
    if (c.rawBody !== undefined) return !parsesToObject(c.rawBody);
    return !isPlainObject(c.input);
  },
  undecidedBy: (c) => c.operation === OPS.set && bodyless(c),
  break: (valid) =>
    fc.oneof(
      fc
        .tuple(valid, fc.nat(), fc.constantFrom('', '}', ',', '{', "'", 'x'))
        .map(([c, cut, tail]) => {
          const text = JSON.stringify(c.input ?? {});
          return { ...c, note: 'malformed JSON body', rawBody: text.slice(0, 1 + (cut % Math.max(text.length - 1, 1))) + tail };
        }),
      fc.tuple(valid, fc.constantFrom(...NOT_OBJECTS), fc.boolean()).map(([c, value, wrap]) => {
        const input: Json = wrap ? [c.input ?? {}] : value;
        return { ...c, note: `body ${JSON.stringify(input).slice(0, 60)}`, input, rawBody: undefined };
      }),
    ),
  examples: (valid) => {
    const text = JSON.stringify(valid.input ?? {});
    return [
      { ...valid, note: 'empty body', rawBody: '' },
      ...[...MALFORMED, text.slice(0, -1), `${text},`].map((raw) => ({ ...valid, note: 'malformed JSON body', rawBody: raw })),
      ...[...NOT_OBJECTS, [valid.input ?? {}]].map((input) => ({ ...valid, note: `body ${JSON.stringify(input).slice(0, 60)}`, input })),
    ];
  },
};
