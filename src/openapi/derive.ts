// Requirements derived from a whole-request operation: valid input accepted, every documented
// constraint of every parameter and body field rejected, credentials required where security is declared.
import type { Validators } from '../model/validators.ts';
import { fieldPointers } from '../load/derive.ts';
import type { Expectation, Level, Operation, Requirement, Schema } from '../model/types.ts';
import { schemaAt, splitPointer, typeOf } from '../../generators/values.ts';

const CONSTRAINTS = ['maxLength', 'minLength', 'maximum', 'minimum', 'enum', 'pattern', 'format'] as const;
/** Statuses that answer invalid input (404, 401, 409... answer other things). */
const INVALID_INPUT_STATUSES = new Set(['400', '422', '4XX']);
const GROUPS = new Set(['/path', '/query', '/header', '/cookie']);
/** On the wire every parameter (and form field) is text: only these types can be broken there. */
const WIRE_BREAKABLE = new Set(['integer', 'number', 'boolean']);

/** A requirement id fragment: `/body/tags/*` -> `BODY-TAGS-ITEM`. */
export const idPart = (s: string) => s.replace(/\*/g, 'ITEM').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toUpperCase();

export function deriveRequirements(op: Operation, file: string, validators: Validators): Requirement[] {
  const shape = op.request!;
  const schema = op.input!.schema;
  const base = idPart(op.id);
  const documented = shape.clientErrors.some((s) => INVALID_INPUT_STATUSES.has(s));
  // A documented 400/422 makes rejecting invalid input a documented behaviour; otherwise it is inferred.
  const level: Level = documented ? 'MUST' : 'SHOULD';
  const source = documented ? `${file}: ${op.id} documents ${shape.clientErrors.filter((s) => INVALID_INPUT_STATUSES.has(s)).join(', ')} for invalid requests` : `inferred from ${file}: ${op.id} request schema`;
  const valid: Requirement = {
    id: `${base}-VALID-ACCEPTED`,
    title: `${op.method} ${op.path}: valid input is accepted`,
    level: 'MUST',
    source: `${file}: ${op.id} request schema and 2xx response`,
    operation: op.id,
    trigger: { kind: 'valid' },
    expect: { status: [200], statusLevel: 'MUST' },
  };
  const constraints = fieldPointers(schema)
    .filter((pointer) => !GROUPS.has(pointer))
    .flatMap((pointer) => keywordsAt(schema, pointer, shape.body?.mediaType, validators).map((keyword): Requirement => ({
      id: `${base}-${idPart(pointer)}-${keyword.toUpperCase()}`,
      title: `${describe(pointer)} breaking ${keyword} is rejected`,
      level,
      source,
      operation: op.id,
      trigger: { kind: 'constraint', location: 'request', path: pointer, keywords: [keyword] },
      expect: rejection(shape.clientErrors, level, pointer.startsWith('/path/')),
    })));
  const sources = new Map<string, string>();
  const once = (text: string) => sources.get(text) ?? sources.set(text, flat(text)).get(text)!;
  return [valid, ...constraints, ...authRequirements(op, base, file)].map((r) => ({ ...r, id: flat(r.id), title: flat(r.title), source: once(r.source) }));
}

/**
 * A flat copy of a string built by concatenation: V8 keeps `${a}-${b}` as a tree of its parts (32
 * bytes a node), and every process of a large document's run holds its tens of thousands of ids,
 * titles and sources (flat: 5-6 MB less of a 3,000-operation run's heap, in each process).
 */
const flat = (text: string): string => JSON.parse(JSON.stringify(text)) as string;

/** `/query/limit` -> `query parameter limit`; `/body/name` -> `body /name`. */
function describe(pointer: string): string {
  const [group, ...rest] = splitPointer(pointer);
  return group === 'body' ? `body ${rest.length ? `/${rest.join('/')}` : ''}`.trim() : `${group} parameter ${rest.join('.')}`;
}

function keywordsAt(schema: Schema, pointer: string, mediaType: string | undefined, validators: Validators): string[] {
  const steps = splitPointer(pointer);
  const node = schemaAt(schema, steps);
  if (!node) return [];
  const implied = (node['x-implied'] as string[] | undefined) ?? [];
  const onWire = steps[0] !== 'body' || (mediaType !== undefined && !/json/i.test(mediaType) && steps.length > 1);
  const type = typeOf(node);
  const present = (k: (typeof CONSTRAINTS)[number]) =>
    node[k] !== undefined || (k === 'maximum' && typeof node.exclusiveMaximum === 'number') || (k === 'minimum' && typeof node.exclusiveMinimum === 'number');
  // A keyword the widest reading drops (`x-lenient: {k: null}`, e.g. every format) is broken in no reading: nothing to require.
  const lenient = (node['x-lenient'] ?? {}) as Record<string, unknown>;
  const keywords: string[] = CONSTRAINTS.filter((k) => present(k) && !implied.includes(k) && lenient[k] !== null && (k !== 'format' || (typeof node.format === 'string' && validators.checksFormat(node.format))));
  if (steps[0] !== 'path' && steps.length > 1 && requiredBy(schema, steps)) keywords.push('required');
  if (steps.length === 1 && steps[0] === 'body' && requiredBy(schema, steps)) keywords.push('required');
  const formBody = steps.length === 1 && steps[0] === 'body' && mediaType !== undefined && !/json/i.test(mediaType);
  // A type only implied by `const` or `enum` is broken by other keywords, not `type`.
  const declared = node.type !== undefined || node.properties !== undefined || (node as { items?: unknown }).items !== undefined;
  if (type && declared && !formBody && (!onWire || WIRE_BREAKABLE.has(type))) keywords.push('type');
  return keywords;
}

function requiredBy(schema: Schema, steps: string[]): boolean {
  const last = steps[steps.length - 1]!;
  return last !== '*' && !!schemaAt(schema, steps.slice(0, -1))?.required?.includes(last);
}

function rejection(clientErrors: string[], level: Level, inPath: boolean): Expectation {
  const documented = clientErrors.flatMap((s) => (s === '4XX' ? [400, 404, 409, 413, 415, 422] : Number.isInteger(Number(s)) ? [Number(s)] : []));
  // A path segment the router cannot match may fairly be "not found".
  const status = [...new Set([400, 422, ...(inPath ? [404] : []), ...documented.filter((s) => s !== 401 && s !== 403)])].sort();
  return { status, statusLevel: level };
}

/** Operations that declare security: requests without (MUST when 401/403 is documented) or with a wrong credential (SHOULD) are refused. */
function authRequirements(op: Operation, base: string, file: string): Requirement[] {
  const shape = op.request!;
  if (shape.security.length === 0) return [];
  const documented = shape.clientErrors.some((s) => s === '401' || s === '403' || s === '4XX');
  const schemes = shape.security.map((a) => a.join(' + ')).join(' or ');
  const expect = (level: Level): Expectation => ({ status: [401, 403], statusLevel: level });
  const missingLevel: Level = documented ? 'MUST' : 'SHOULD';
  return [
    {
      id: `${base}-AUTH-MISSING`,
      title: `${op.method} ${op.path}: a request without credentials (${schemes}) is refused`,
      level: missingLevel,
      source: `${file}: ${op.id} security${documented ? ` and its documented ${shape.clientErrors.join(', ')}` : ' (refusal status inferred)'}`,
      operation: op.id,
      trigger: { kind: 'auth', variants: ['missing'] },
      expect: expect(missingLevel),
    },
    {
      id: `${base}-AUTH-INVALID`,
      title: `${op.method} ${op.path}: a request with a wrong credential is refused`,
      level: 'SHOULD',
      source: `inferred from ${file}: ${op.id} security (the document cannot say which credential is wrong)`,
      operation: op.id,
      trigger: { kind: 'auth', variants: ['invalid'] },
      expect: expect('SHOULD'),
    },
  ];
}
