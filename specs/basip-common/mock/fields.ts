// The BAS-IP mocks' field validator: a settings body checked against a list of fields, each value
// converted as the device's JSON library would, problems reported in the variant's order.
import type { Variant } from '../../../mocks/kit.ts';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How a field converts a value of another JSON type before checking it: `convert` (validators such
 * as Joi: numeric strings to numbers), `org.json` (Android's JSON library: any value to text, numeric
 * strings and fractions truncated to int, "true"/"false" to booleans), `any` (a fault: truthiness).
 */
export type Coerce = 'convert' | 'org.json' | 'any';

export type Rule =
  | { type: 'string'; min: number; max: number; accepts?: (value: string) => boolean; coerce?: Coerce }
  | { type: 'host'; accepts: (value: string) => boolean; coerce?: Coerce }
  | { type: 'integer'; min?: number; max?: number; oneOf?: readonly number[]; coerce?: Coerce }
  /** `whole`: the narrow reading that an interval in seconds has no fraction. */
  | { type: 'number'; min: number; max: number; whole?: boolean; coerce?: Coerce }
  | { type: 'boolean'; coerce?: Coerce }
  | { type: 'enum'; values: readonly string[]; ignoreCase?: boolean; trim?: boolean }
  | { type: 'object'; fields: Schema };

export interface Field {
  name: string;
  rule: Rule;
  required?: boolean;
  /** Used when the field is absent. */
  default?: unknown;
  /** `null` reads as absent (an optional field under a lenient reading). */
  nullIsAbsent?: boolean;
}

export type Schema = readonly Field[];

export type Problem = 'missing' | 'type' | 'invalid';

export interface Issue {
  /** Dotted path for nested fields, e.g. `stun.port`. */
  param: string;
  problem: Problem;
  rule: Rule;
}

export interface Checked {
  /** Only the schema's fields: unknown properties are dropped. */
  value: Record<string, unknown>;
  /** At most one per field, in schema order. */
  issues: Issue[];
}

export function validate(input: Record<string, unknown>, schema: Schema, prefix = ''): Checked {
  const value: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const field of schema) {
    const param = prefix + field.name;
    if (!Object.hasOwn(input, field.name) || (field.nullIsAbsent && input[field.name] === null)) {
      if (field.required) issues.push({ param, problem: 'missing', rule: field.rule });
      else if (field.default !== undefined) value[field.name] = field.default;
      continue;
    }
    const raw = input[field.name];
    if (field.rule.type === 'object') {
      if (!isPlainObject(raw)) {
        issues.push({ param, problem: 'type', rule: field.rule });
        continue;
      }
      const inner = validate(raw, field.rule.fields, `${param}.`);
      issues.push(...inner.issues);
      value[field.name] = inner.value;
      continue;
    }
    const checked = checkValue(raw, field.rule);
    if ('problem' in checked) issues.push({ param, problem: checked.problem, rule: field.rule });
    else value[field.name] = checked.value;
  }
  return { value, issues };
}

const NUMERIC = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/** org.json's getString: any value as text (arrays and objects as JSON). */
const asText = (raw: unknown, coerce?: Coerce) =>
  coerce === 'org.json' && raw !== null && typeof raw !== 'string' ? (typeof raw === 'object' ? JSON.stringify(raw) : String(raw)) : raw;

function asNumber(raw: unknown, coerce: Coerce | undefined, integer: boolean): unknown {
  const n = (coerce === 'convert' || coerce === 'org.json') && typeof raw === 'string' && NUMERIC.test(raw) ? Number(raw) : raw;
  return coerce === 'org.json' && integer && typeof n === 'number' ? Math.trunc(n) : n;
}

function asBoolean(raw: unknown, coerce: Coerce | undefined): unknown {
  if (coerce === 'any') return Boolean(raw);
  if (coerce === 'org.json' && typeof raw === 'string' && /^(?:true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return raw;
}

function checkValue(raw: unknown, rule: Rule): { value: unknown } | { problem: 'type' | 'invalid' } {
  const type = { problem: 'type' } as const;
  const invalid = { problem: 'invalid' } as const;
  switch (rule.type) {
    case 'string': {
      const text = asText(raw, rule.coerce);
      if (typeof text !== 'string') return type;
      const length = [...text].length;
      if (length < rule.min || length > rule.max) return invalid;
      return rule.accepts && !rule.accepts(text) ? invalid : { value: text };
    }
    case 'host': {
      const text = asText(raw, rule.coerce);
      if (typeof text !== 'string') return type;
      return rule.accepts(text) ? { value: text } : invalid;
    }
    case 'integer': {
      const n = asNumber(raw, rule.coerce, true);
      if (typeof n !== 'number' || !Number.isInteger(n)) return type;
      if (rule.oneOf && !rule.oneOf.includes(n)) return invalid;
      if ((rule.min !== undefined && n < rule.min) || (rule.max !== undefined && n > rule.max)) return invalid;
      return { value: n };
    }
    case 'number': {
      const n = asNumber(raw, rule.coerce, false);
      if (typeof n !== 'number' || (rule.whole && !Number.isInteger(n))) return type;
      return n >= rule.min && n <= rule.max ? { value: n } : invalid;
    }
    case 'boolean': {
      const b = asBoolean(raw, rule.coerce);
      return typeof b === 'boolean' ? { value: b } : type;
    }
    case 'enum': {
      if (typeof raw !== 'string') return type;
      const trimmed = rule.trim ? raw.trim() : raw;
      const candidate = rule.ignoreCase ? trimmed.toLowerCase() : trimmed;
      return rule.values.includes(candidate) ? { value: raw } : invalid;
    }
    case 'object':
      return isPlainObject(raw) ? { value: raw } : type;
  }
}

const VALUES_FIRST: Record<Problem, number> = { invalid: 0, missing: 1, type: 2 };

/** `strict` and `strictest` report in field order; `loose` and `lenient` check values before presence and types. */
export function orderIssues(issues: Issue[], variant: Variant): Issue[] {
  if (variant === 'strict' || variant === 'strictest') return issues;
  return [...issues].sort((a, b) => VALUES_FIRST[a.problem] - VALUES_FIRST[b.problem]);
}
