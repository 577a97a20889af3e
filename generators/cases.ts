// Cases for a requirement: valid requests, and requests that break exactly what the requirement names.
import fc from 'fast-check';
import { blankCase, type Case, type ContentFault, type Json, type Requirement, type Rule, type Violation } from '../src/model/types.ts';
import { covers } from '../src/judge/expectation.ts';
import { isUndecided, violationsOf } from '../src/judge/oracle.ts';
import { violationKey } from '../src/judge/violation.ts';
import type { ConformanceSpec, Session } from '../src/model/vendor.ts';
import { bounded } from './bounded.ts';
import { schemaAt, splitPointer, validValue } from './values.ts';
import { type ValueEdit, violationsFor } from './violations.ts';

export interface CaseSource {
  arbitrary: fc.Arbitrary<Case>;
  /** Boundary cases, run before random ones. */
  examples: Case[];
}

export type CasePlan = CaseSource | { skip: string };

export class CaseBuilder {
  readonly op;

  constructor(
    readonly spec: ConformanceSpec,
    readonly req: Requirement,
    private readonly seed: number,
  ) {
    const op = spec.model.operations[req.operation];
    if (!op) throw new Error(`requirement ${req.id}: unknown operation ${req.operation}`);
    this.op = op;
    this.coverKeys = new Set(covers(req).map(violationKey));
    this.rules = Object.values(spec.rules);
  }

  private readonly rules: Rule[];

  blank(note: string): Case {
    // Built for every draw (withInput): no spreads.
    const c = blankCase(this.req.id, this.op.id, note);
    if (this.spec.baseCase) Object.assign(c, this.spec.baseCase(this.op.id));
    return c;
  }

  /** Recomputes what the case breaks from its content (declared auth/fixture/content violations stay). */
  finalize = (c: Case): Case => ({ ...c, violations: violationsOf(c, this.op, this.spec.rules, this.spec.validators) });

  /**
   * Valid cases. Most draws a filter throws away break a cross-field rule, so the rules are asked
   * first and only a draw within them is finalized (ajv). The `map` after the filter takes the case
   * the filter just kept and finalized (one slot, not a WeakMap: a key per draw costs the collector).
   * Same draws, same cases, same shrinks as filtering finalized cases.
   */
  valid(force: string[][] = [], minimal = false): fc.Arbitrary<Case> {
    let last: { from: Case; to: Case } | undefined;
    const keep = (c: Case) => {
      if (!this.withinRules(c)) return false;
      last = { from: c, to: this.finalize(c) };
      return last.to.violations.length === 0;
    };
    return bounded(this.inputs(force, minimal).map((input) => this.conformed(input, force)), keep, 'valid input').map((c) => (last?.from === c ? last.to : this.finalize(c)));
  }

  /**
   * Bases for cases that are edited and finalized again: schema-valid by construction, so only the
   * cross-field rules are checked here (the final finalize sees anything else). Saves an ajv pass per case.
   */
  base(force: string[][] = []): fc.Arbitrary<Case> {
    return bounded(this.inputs(force, false).map((input) => this.conformed(input, force)), this.withinRules, 'input within the cross-field rules');
  }

  private readonly withinRules = (c: Case): boolean => {
    for (const r of this.rules) if (r.violatedBy(c) || r.undecidedBy?.(c)) return false;
    return true;
  };

  private conformed(input: Json | undefined, force: string[][]): Case {
    return this.rules.reduce((c, r) => r.conform?.(c, force) ?? c, this.withInput(input));
  }

  private inputs(force: string[][], minimal: boolean): fc.Arbitrary<Json | undefined> {
    return this.op.input ? validValue(this.op.input.schema, { force, minimal }) : fc.constant(undefined);
  }

  private withInput(input: Json | undefined): Case {
    const c = this.blank('valid input');
    if (input !== undefined) c.input = input;
    return c;
  }

  /** One readable valid case (required and forced fields only), the base of boundary cases. */
  minimal(force: string[][] = []): Case {
    // Cross-field rules can make every required-only input invalid (e.g. "bind=true needs an
    // application"): then the base is an ordinary valid case, not an endless filter.
    const input = this.op.input ? this.sample(validValue(this.op.input.schema, { force, minimal: true })) : undefined;
    const c = this.finalize(this.withInput(input));
    // A forced field whose every value is undecided (sent at all, it is open) stays: constraint cases replace it.
    const within = (path: string, p: string[]) => path === `/${p.join('/')}` || path.startsWith(`/${p.join('/')}/`);
    const forcedOpen = (v: Violation) => v.location === 'undecided' && force.some((p) => within(v.path, p));
    return c.violations.every(forcedOpen) ? c : this.sample(this.valid(force));
  }

  sample<T>(arb: fc.Arbitrary<T>): T {
    return fc.sample(arb, { seed: this.seed, numRuns: 1 })[0]!;
  }

  private readonly coverKeys: Set<string>;

  /** Whether the case breaks what the requirement is about (not merely something else), in every reading. */
  breaks = (c: Case): boolean => c.violations.some((v) => this.coverKeys.has(violationKey(v))) && !isUndecided(c);
}

export function planCases(req: Requirement, spec: ConformanceSpec, session: Session, seed: number): CasePlan {
  const b = new CaseBuilder(spec, req, seed);
  const t = req.trigger;
  switch (t.kind) {
    case 'valid':
      return { arbitrary: b.valid(), examples: [b.minimal(), b.sample(b.valid())] };
    case 'constraint':
      return constraintCases(b, t.path, t.keywords);
    case 'rule': {
      const rule = spec.rules[t.rule];
      if (!rule) throw new Error(`requirement ${req.id}: unknown rule ${t.rule}`);
      // Examples that break nothing are controls: the documented alternative must be accepted.
      const examples = (rule.examples?.(b.minimal()) ?? []).map(b.finalize).filter((c) => b.breaks(c) || c.violations.length === 0);
      return { arbitrary: bounded(rule.break(b.base()).map(b.finalize), b.breaks, `case breaking rule ${t.rule}`), examples };
    }
    case 'fixture': {
      const fixture = spec.fixtures[t.fixture];
      if (!fixture) throw new Error(`requirement ${req.id}: unknown fixture ${t.fixture}`);
      const value = session.fixtures[t.fixture];
      if (value === undefined) return { skip: `needs fixture "${t.fixture}" (config ${spec.name}.fixtures.${t.fixture}): ${fixture.description}` };
      const declared: Violation = { location: 'fixture', path: t.fixture, keyword: 'fixture' };
      const arbitrary = bounded(
        b.valid().map((c) => b.finalize(fixture.apply({ ...c, note: fixture.description, violations: [declared] }, value))),
        (c) => c.violations.length === 1 && b.breaks(c),
        `case with fixture ${t.fixture} only`,
      );
      return { arbitrary, examples: [] };
    }
    case 'auth': {
      const variants = t.variants.map((variant) =>
        b.valid().map((c): Case => ({
          ...c,
          note: `credentials ${variant}`,
          auth: variant === 'missing' ? { kind: 'none' } : { kind: 'invalid', variant },
          violations: [{ location: 'auth', path: '', keyword: variant }],
        })),
      );
      const minimal = b.minimal();
      return { arbitrary: fc.oneof(...variants), examples: t.variants.map((variant, i) => ({ ...b.sample(variants[i]!), input: minimal.input })) };
    }
    case 'content':
      return contentCases(b, t.variants);
    case 'scenario':
      throw new Error(`requirement ${req.id}: scenarios are run by the engine, not generated`);
  }
}

function constraintCases(b: CaseBuilder, pointer: string, keywords: string[]): CasePlan {
  const schema = b.op.input?.schema;
  const path = splitPointer(pointer);
  const node = schema && schemaAt(schema, path);
  if (!schema || !node) throw new Error(`requirement ${b.req.id}: no schema at ${pointer} in ${b.op.id}`);
  const sources = keywords.map((keyword) => {
    const force = keyword === 'required' ? [path.slice(0, -1)].filter((p) => p.length > 0) : [path];
    const sampleCase = b.minimal(force);
    const source = violationsFor(node, keyword, valueAt(sampleCase.input, path) ?? null);
    if (!source) throw new Error(`requirement ${b.req.id}: ${pointer} has no ${keyword} constraint to break`);
    return { force, sampleCase, source };
  });
  const applyEdit = (c: Case, m: ValueEdit, note: string): Case =>
    b.finalize({ ...c, note, input: withValue(c.input, path, m) });
  const describe = (m: ValueEdit) => (m.omit ? `${pointer} missing` : `${pointer} = ${JSON.stringify(m.value).slice(0, 60)}`);
  const arbitrary = bounded(
    fc.oneof(...sources.map(({ force, source }) => fc.tuple(b.base(force), source.arbitrary))).map(([c, m]) => applyEdit(c, m, describe(m))),
    b.breaks,
    `case breaking ${keywords.join('/')} at ${pointer}`,
  );
  const examples = sources.flatMap(({ sampleCase, source }) => [
    ...source.controls.map((v) => applyEdit(sampleCase, { value: v }, `boundary: ${describe({ value: v })} (valid)`)).filter((c) => c.violations.length === 0),
    ...source.boundaries.map((m) => applyEdit(sampleCase, m, `boundary: ${describe(m)}`)).filter(b.breaks),
  ]);
  return { arbitrary, examples: dedupeCases(examples) };
}

const MEDIA_TYPES = ['text/plain', 'application/xml', 'text/html', 'application/octet-stream'];

function contentCases(b: CaseBuilder, variants: ContentFault[]): CasePlan {
  const declare = (keyword: ContentFault) => (c: Case): Case => ({ ...c, violations: [{ location: 'content', path: '', keyword }] });
  const arbs = variants.map((variant): fc.Arbitrary<Case> => {
    switch (variant) {
      case 'syntax':
        return bounded(
          fc.tuple(b.valid(), fc.nat(), fc.constantFrom('', '}', ',', '{', "'", 'x')).map(([c, cut, tail]) => {
            const text = JSON.stringify(c.input ?? {});
            return { ...c, note: 'malformed JSON body', rawBody: text.slice(0, 1 + (cut % Math.max(text.length - 1, 1))) + tail };
          }),
          (c) => !isJson(c.rawBody!),
          'malformed JSON body',
        ).map(declare('syntax'));
      case 'mediaType':
        return fc.tuple(b.valid(), fc.constantFrom(...MEDIA_TYPES)).map(([c, type]) => declare('mediaType')({ ...c, note: `content type ${type}`, contentType: type }));
      case 'missing':
        return b.valid().map((c) => declare('missing')({ ...c, note: 'no body', input: undefined, rawBody: undefined }));
    }
  });
  const base = b.minimal();
  const text = JSON.stringify(base.input ?? {});
  const examples: Case[] = variants.flatMap((variant) => {
    if (variant === 'syntax') return ['{', text.slice(0, -1), `${text},`, "{'device': 1}", 'null x'].map((raw) => declare('syntax')({ ...base, note: 'malformed JSON body', rawBody: raw }));
    if (variant === 'mediaType') return [declare('mediaType')({ ...base, note: 'content type text/plain', contentType: 'text/plain' })];
    return [declare('missing')({ ...base, note: 'no body', input: undefined })];
  });
  return { arbitrary: fc.oneof(...arbs), examples };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function valueAt(input: Json | undefined, path: string[]): Json | undefined {
  let node: Json | undefined = input;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[step === '*' ? 0 : Number(step)] : node[step];
  }
  return node;
}

/** A copy of `input` with the value at `path` replaced or removed (array steps use index 0); only the path is copied. */
export function withValue(input: Json | undefined, path: string[], m: ValueEdit): Json {
  const [step, ...rest] = path;
  const node: Json = input ?? {};
  const key = step === '*' ? 0 : step!;
  if (Array.isArray(node)) {
    const copy = [...node];
    if (rest.length > 0) copy[Number(key)] = withValue(copy[Number(key)], rest, m);
    else if (m.omit) copy.splice(Number(key), 1);
    else copy[Number(key)] = m.value;
    return copy;
  }
  const copy = { ...(node as Record<string, Json>) };
  if (rest.length > 0) copy[key] = withValue(copy[key], rest, m);
  else if (m.omit) delete copy[key];
  else copy[key] = m.value;
  return copy;
}

function dedupeCases(cases: Case[]): Case[] {
  const seen = new Set<string>();
  return cases.filter((c) => {
    const key = JSON.stringify([c.input, c.rawBody, c.headers, c.auth]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
