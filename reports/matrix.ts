// The field x violation matrix: rows are the fields (or locations) a requirement's cases break,
// columns the kinds of violation; each cell holds the requirements behind it and their worst verdict.
import type { Violation } from '../src/model/types.ts';
import type { RequirementResult, SpecReport, Verdict } from '../src/results/report.ts';

/** Schema keyword (or declared violation) -> the kind of violation a reader thinks in. */
const KIND_OF: Record<string, string> = {
  maxLength: 'over-length', maxItems: 'over-length', minLength: 'under-length', minItems: 'under-length',
  type: 'type', required: 'missing', enum: 'enum', const: 'enum', pattern: 'pattern', format: 'format',
  maximum: 'range', minimum: 'range', exclusiveMaximum: 'range', exclusiveMinimum: 'range', multipleOf: 'range',
  additionalProperties: 'unknown field', rule: 'cross-field rule', fixture: 'fixture',
  missing: 'auth missing', invalid: 'auth invalid', wrongScheme: 'auth invalid',
  syntax: 'malformed body', mediaType: 'media type',
};
export const KINDS = ['over-length', 'under-length', 'type', 'missing', 'enum', 'pattern', 'range', 'format'];
const kindOf = (v: Violation) => (v.location === 'content' && v.keyword === 'missing' ? 'no body' : (KIND_OF[v.keyword] ?? v.keyword));
/** A file spec's whole-request pointer as its row: `/query/limit` -> `query limit`, `/body/name` -> `body /name`. */
function requestRow(path: string): string {
  const [, group = '', ...rest] = path.split('/');
  if (group === 'body') return `body /${rest.join('/')}`;
  return rest.length ? `${group} ${rest.join('/')}` : group || 'request';
}
const rowOf = (v: Violation) =>
  v.location === 'body' || v.location === 'query' ? `${v.location} ${v.path || '/'}`
  : v.location === 'request' ? requestRow(v.path)
  : v.location === 'rule' || v.location === 'fixture' ? `${v.location} ${v.path}` : v.location;
/** Rows of one field or parameter, listed before the other locations. */
const FIELD_ROW = /^(body|query|path|header|cookie) /;

const SEVERITY: Verdict[] = ['error', 'fail', 'warn', 'pass', 'skip'];
const worse = (a: Verdict, b: Verdict) => (SEVERITY.indexOf(a) <= SEVERITY.indexOf(b) ? a : b);

export interface MatrixCell {
  verdict: Verdict;
  requirements: RequirementResult[];
}

export interface Matrix {
  rows: string[];
  kinds: string[];
  cells: Map<string, MatrixCell>;
}

export const cellKey = (row: string, kind: string) => `${row}\u0000${kind}`;

/** Built from what each requirement covers and what its failures' cases actually broke. */
export function matrixOf(spec: SpecReport): Matrix {
  const cells = new Map<string, MatrixCell>();
  const rows = new Set<string>();
  const kinds = new Set<string>(KINDS);
  for (const r of spec.requirements) {
    const violations = [...(r.covers ?? []), ...r.failures.flatMap((f) => f.violations)];
    for (const v of violations) {
      const row = rowOf(v);
      const kind = kindOf(v);
      rows.add(row);
      kinds.add(kind);
      const cell = cells.get(cellKey(row, kind)) ?? { verdict: 'skip', requirements: [] };
      // Requirements come one at a time: one already in this cell is the last one (includes() was quadratic in a cell's size).
      if (cell.requirements.at(-1) !== r) cell.requirements.push(r);
      cell.verdict = worse(cell.verdict, r.verdict);
      cells.set(cellKey(row, kind), cell);
    }
  }
  // Field rows first (sorted), then the other locations; only kinds that occur, standard ones first.
  const sorted = [...rows].sort((a, b) => Number(!FIELD_ROW.test(a)) - Number(!FIELD_ROW.test(b)) || a.localeCompare(b));
  const used = [...kinds].filter((k) => sorted.some((row) => cells.has(cellKey(row, k))));
  return { rows: sorted, kinds: used, cells };
}
