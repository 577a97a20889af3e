// Requirements derived from the schema itself, for rules the catalogue states once for all fields.
import { flatten, typeOf } from '../../generators/values.ts';
import type { Expectation, Level, Operation, Requirement, Schema } from '../model/types.ts';
import { paramName } from '../judge/expectation.ts';

/** Nesting followed into an input schema (recursive schemas end here). */
const POINTER_DEPTH = 6;

/** JSON pointers of every property (and array item) of an input schema, `*` for items. */
export function fieldPointers(schema: Schema, prefix = '', depth = 0, ancestors: Set<object> = new Set()): string[] {
  // A recursive schema's fields are listed once, where the recursion starts.
  if (depth > POINTER_DEPTH || ancestors.has(schema)) return [];
  const within = new Set(ancestors).add(schema);
  const s = flatten(schema);
  const type = typeOf(s);
  if (type === 'array') {
    const items = (s as { items?: Schema }).items;
    return items && typeOf(items) === 'object' ? [`${prefix}/*`, ...fieldPointers(items, `${prefix}/*`, depth + 1, within)] : [];
  }
  if (type !== 'object') return [];
  return Object.entries((s.properties ?? {}) as Record<string, Schema>).flatMap(([name, child]) => {
    const pointer = `${prefix}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [pointer, ...fieldPointers(child, pointer, depth + 1, within)];
  });
}

export interface DerivedOptions {
  prefix: string;
  level: Level;
  source: string;
  expect: Expectation;
  /** Pointers already covered by a documented requirement. */
  except?: string[];
}

/** One requirement per field: a value of the wrong JSON type is rejected. */
export function wrongTypeRequirements(op: Operation, o: DerivedOptions): Requirement[] {
  if (!op.input) return [];
  return fieldPointers(op.input.schema)
    .filter((p) => !o.except?.includes(p))
    .map((pointer) => ({
      id: `${o.prefix}-TYPE-${paramName(pointer).replace(/\./g, '-').replace(/[A-Z]/g, (c) => `-${c}`).toUpperCase()}${pointer.endsWith('*') ? '-ITEM' : ''}`,
      title: `${paramName(pointer)}${pointer.endsWith('*') ? '[]' : ''} of the wrong JSON type is rejected`,
      level: o.level,
      source: o.source,
      operation: op.id,
      trigger: { kind: 'constraint', location: op.input!.location, path: pointer, keywords: ['type'] },
      expect: o.expect,
    }));
}
