// What OpenAPI itself leaves open in any document: whether a server checks `format`. OpenAPI 3.0.3
// (Data Types): "Tools that do not recognize a specific format MAY default back to the type alone";
// JSON Schema 2020-12 (OpenAPI 3.1) makes `format` an annotation unless a vocabulary asserts it. So a
// value that breaks only a format is undecided: probed and reported, never judged.
import type { Validators } from '../model/validators.ts';
import { fieldPointers } from '../load/derive.ts';
import type { ApiModel, Probe, Schema, UndecidedPoint } from '../model/types.ts';
import { schemaAt, splitPointer } from '../../generators/values.ts';

/** A format the spec's Ajv checks (OpenAPI's number formats, binary... accept everything: nothing to leave open). */
const checkableFormat = (format: unknown, validators: Validators): format is string => typeof format === 'string' && validators.checksFormat(format);

const SOURCE = 'OpenAPI 3.0.3, Data Types: tools that do not recognize a format MAY default back to the type alone; JSON Schema 2020-12: format is an annotation by default';

/** Marks every checkable `format` in the document's request schemas as dropped by the widest reading (`x-lenient`), unless the document says otherwise. */
export function leaveFormatsOpen(model: ApiModel, validators: Validators): void {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    const schema = node as Schema;
    if (checkableFormat(schema.format, validators) && schema['x-lenient'] === undefined) schema['x-lenient'] = { format: null };
    for (const [k, v] of Object.entries(schema)) if (k !== 'x-lenient' && k !== 'example' && k !== 'examples') visit(v);
  };
  for (const op of Object.values(model.operations)) if (op.request) visit(op.input?.schema);
}

/** One point per formatted field: a value that breaks only its format, to see whether the server checks it. */
export function formatPoints(model: ApiModel, validators: Validators): UndecidedPoint[] {
  return Object.values(model.operations).flatMap((op) => {
    const schema = op.request && op.input?.schema;
    if (!schema) return [];
    return fieldPointers(schema).flatMap((pointer): UndecidedPoint[] => {
      const node = schemaAt(schema, splitPointer(pointer));
      const format = node?.format;
      if (!node || !checkableFormat(format, validators) || (node['x-lenient'] as Record<string, unknown> | undefined)?.format !== null) return [];
      const value = offFormat(format, validators);
      if (value === undefined) return [];
      const probe: Probe = { operation: op.id, path: pointer, value };
      return [{ id: `format-${op.id}-${pointer}`, title: `${op.id} ${pointer}: a value that breaks only its format "${format}"`, readings: ['rejected (the server checks formats)', 'accepted (format read as an annotation)'], source: SOURCE, probes: [probe] }];
    });
  });
}

/** A string of the right type that the format rejects. */
function offFormat(format: string, validators: Validators): string | undefined {
  const check = validators.validator({ type: 'string', format });
  return [`not a valid ${format} (`, 'x', '::'].find((v) => !check(v));
}
