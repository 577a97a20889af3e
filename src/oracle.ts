// Tells which documented rules a case breaks, independently of how the case was generated.
import { validator } from './ajv.ts';
import type { ErrorObject } from 'ajv';
import type { Case, Json, Operation, Rule, Violation } from './model.ts';
import { requestViolations } from './openapi/judge.ts';

const KEYWORD_ALIASES: Record<string, string> = { exclusiveMaximum: 'maximum', exclusiveMinimum: 'minimum' };

// Array indexes become `*`, so `/sipInfo/0/transport` matches the catalogue's `/sipInfo/*/transport`.
export const normalisePath = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');

export function inputViolations(op: Operation, input: unknown): Violation[] {
  if (!op.input) return [];
  if (op.request) return requestViolations(op, input as Json);
  const location = op.input.location;
  if (input === undefined) return op.input.required ? [{ location: 'content', path: '', keyword: 'missing' }] : [];
  const validate = validator(op.input.schema);
  if (validate(input)) return [];
  return violationsOfErrors(validate.errors ?? [], location);
}

export function violationsOfErrors(errors: ErrorObject[], location: Violation['location']): Violation[] {
  return errors.map((e) => {
    const path = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    return { location, path: normalisePath(path), keyword: KEYWORD_ALIASES[e.keyword] ?? e.keyword };
  });
}

/** Declared violations (auth, fixture, content) plus those computed from input and rules. */
export function violationsOf(c: Case, op: Operation, rules: Record<string, Rule>): Violation[] {
  const declared = c.violations.filter((v) => v.location !== 'body' && v.location !== 'query' && v.location !== 'request' && v.location !== 'rule');
  const computed = c.rawBody === undefined ? inputViolations(op, c.input) : [];
  const broken = Object.entries(rules)
    .filter(([, rule]) => rule.violatedBy(c))
    .map(([name]): Violation => ({ location: 'rule', path: name, keyword: 'rule' }));
  return dedupe([...declared, ...computed, ...broken]);
}

/** Identity of a violation, array indexes ignored. */
export const violationKey = (v: Violation) => `${v.location}|${normalisePath(v.path)}|${v.keyword}`;

function dedupe(list: Violation[]): Violation[] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = violationKey(v);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
