// What a whole-request case breaks, judged as a server reads it from the wire. Two things may be
// read two ways: the wire (an empty value absent or empty, a null...) and the document itself (a
// node's `x-lenient` widest reading). A value the narrow schema accepts under every wire reading is
// accepted by every reading; one the widest schema rejects under every wire reading is rejected by
// every reading; anything between is `undecided`: no requirement covers it and it is not valid.
import type { ValidateFunction } from 'ajv';
import { GenerationError } from '../../generators/bounded.ts';
import type { Validators } from '../model/validators.ts';
import type { Json, Operation, Schema, Violation } from '../model/types.ts';
import { sameBranch, violationsOfErrors } from '../judge/violation.ts';
import { serverView } from './wire.ts';

export function requestViolations(op: Operation, input: Json | undefined, validators: Validators): Violation[] {
  const schema = op.input!.schema;
  const narrow = compiled(schema, (s) => validators.validator(s));
  const wide = compiled(schema, (s) => validators.lenientValidator(s));
  const views = (['strict', 'lenient'] as const).map((reading) => serverView(op.request!, schema, input, reading));
  const judge = (validate: ValidateFunction, view: unknown) => (validate(view) ? [] : violationsOfErrors(validate.errors ?? [], 'request'));
  const rejected = views.map((view) => judge(narrow, view));
  if (rejected.every((list) => list.length === 0)) return [];
  const certain = views.map((view) => judge(wide, view).map((v) => v.path));
  const decided = (v: Violation) => certain.every((paths) => paths.some((p) => sameBranch(p, v.path)));
  const seen = new Set<string>();
  return rejected.flat().flatMap((v): Violation[] => {
    const out: Violation = decided(v) ? v : { ...v, location: 'undecided' };
    const key = `${out.location}|${out.path}|${out.keyword}`;
    return seen.has(key) ? [] : (seen.add(key), [out]);
  });
}

/** A schema ajv cannot compile (an invalid pattern...) cannot judge cases: a named skip, not a failure. */
function compiled(schema: Schema, compile: (s: Schema) => ValidateFunction): ValidateFunction {
  try {
    return compile(schema);
  } catch (err) {
    throw new GenerationError(`the request schema cannot be compiled (${(err as Error).message.split('\n')[0]})`);
  }
}
