// Tells which documented rules a case breaks, independently of how the case was generated.
import type { Validators } from '../model/validators.ts';
import type { Case, Json, Operation, Rule, Violation } from '../model/types.ts';
import { requestViolations } from '../openapi/judge.ts';
import { sameBranch, violationKey, violationsOfErrors } from './violation.ts';

/**
 * Three zones: a value valid against the schema is accepted by every reading; one the widest
 * reading (`x-lenient`) rejects is rejected by every reading; anything between is undecided.
 */
export function inputViolations(op: Operation, input: unknown, validators: Validators): Violation[] {
  if (!op.input) return [];
  if (op.request) return requestViolations(op, input as Json, validators);
  const location = op.input.location;
  if (input === undefined) return op.input.required ? [{ location: 'content', path: '', keyword: 'missing' }] : [];
  const validate = validators.validator(op.input.schema);
  if (validate(input)) return [];
  const narrow = violationsOfErrors(validate.errors ?? [], location);
  const lenient = validators.lenientValidator(op.input.schema);
  if (lenient === validate) return narrow;
  const certain = lenient(input) ? [] : violationsOfErrors(lenient.errors ?? [], location).map((v) => v.path);
  const decided = (v: Violation) => certain.some((path) => sameBranch(path, v.path));
  // A certain violation keeps the document's own keyword (an `enum` the lenient reading states as a
  // `pattern` is still the enum the catalogue names).
  return narrow.map((v): Violation => (decided(v) ? v : { ...v, location: 'undecided' }));
}

/** Whether the documents leave this case open somewhere: it is probed, never judged. */
export const isUndecided = (c: Case) => c.violations.some((v) => v.location === 'undecided');

/** Declared violations (auth, fixture, content) plus those computed from input and rules. */
export function violationsOf(c: Case, op: Operation, rules: Record<string, Rule>, validators: Validators): Violation[] {
  const all = c.violations.filter((v) => v.location !== 'body' && v.location !== 'query' && v.location !== 'request' && v.location !== 'rule' && v.location !== 'undecided');
  if (c.rawBody === undefined) for (const v of inputViolations(op, c.input, validators)) all.push(v);
  for (const [name, rule] of entriesOf(rules)) {
    if (rule.violatedBy(c)) all.push({ location: 'rule', path: name, keyword: 'rule' });
    else if (rule.undecidedBy?.(c)) all.push({ location: 'undecided', path: name, keyword: 'rule' });
  }
  return dedupe(all);
}

/** A spec's rules as entries, listed once: this runs for every draw of a generator. */
const ruleEntries = new WeakMap<Record<string, Rule>, [string, Rule][]>();
function entriesOf(rules: Record<string, Rule>): [string, Rule][] {
  let list = ruleEntries.get(rules);
  if (!list) ruleEntries.set(rules, (list = Object.entries(rules)));
  return list;
}

function dedupe(list: Violation[]): Violation[] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = violationKey(v);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
