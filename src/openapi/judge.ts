// What a whole-request case breaks, judged as a server reads it from the wire, both ways where
// servers may differ. A case the two readings judge differently is marked `ambiguous`: no
// requirement covers it and it is not valid, so no case ever expects one of the two answers.
import { GenerationError } from '../../generators/bounded.ts';
import type { Validators } from '../ajv.ts';
import type { Json, Operation, Schema, Violation } from '../model.ts';
import { violationKey, violationsOfErrors } from '../violation.ts';
import { serverView } from './wire.ts';

export function requestViolations(op: Operation, input: Json | undefined, validators: Validators): Violation[] {
  const schema = op.input!.schema;
  const validate = compiled(schema, validators);
  const judge = (reading: 'strict' | 'lenient') =>
    validate(serverView(op.request!, schema, input, reading)) ? [] : violationsOfErrors(validate.errors ?? [], 'request');
  const strict = judge('strict');
  const lenient = judge('lenient');
  const keys = (list: Violation[]) => [...new Set(list.map(violationKey))].sort().join('\n');
  if (keys(strict) === keys(lenient)) return strict;
  const differing = [...strict, ...lenient].find((v) => !strict.some((s) => violationKey(s) === violationKey(v)) || !lenient.some((l) => violationKey(l) === violationKey(v)))!;
  return [{ location: 'request', path: differing.path, keyword: 'ambiguous' }];
}

/** A schema ajv cannot compile (an invalid pattern...) cannot judge cases: a named skip, not a failure. */
function compiled(schema: Schema, validators: Validators) {
  try {
    return validators.validator(schema);
  } catch (err) {
    throw new GenerationError(`the request schema cannot be compiled (${(err as Error).message.split('\n')[0]})`);
  }
}
