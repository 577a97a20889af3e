// A user's own OpenAPI file (plus an optional catalogue file) as a ConformanceSpec.
import { basename, extname } from 'node:path';
import { ConfigError, isRecord, SectionReader } from './config.ts';
import { fieldPointers, wrongTypeRequirements } from './derive.ts';
import type { ErrorEnvelope, Level, Operation, Requirement, Schema } from './model.ts';
import { loadSpecFile, readDocumentFile } from './spec-loader.ts';
import type { ConformanceSpec, Session, SpecSettings } from './spec.ts';
import { schemaAt, splitPointer } from '../generators/values.ts';

/** The catalogue file: documented codes and how error bodies carry them. */
interface CatalogueFile {
  envelope?: { schema?: Schema; codes?: string[]; params?: string[]; level?: Level; source?: string };
  requirements?: Requirement[];
}

const CONSTRAINTS = ['maxLength', 'minLength', 'maximum', 'minimum', 'enum', 'pattern', 'format'] as const;

export async function loadFileSpec(file: string, catalogueFile?: string): Promise<ConformanceSpec> {
  const model = await loadSpecFile(file);
  const name = basename(file, extname(file));
  const catalogue = catalogueFile ? await readCatalogue(catalogueFile, Object.keys(model.operations)) : {};
  const envelope = envelopeOf(catalogue.envelope, catalogueFile ?? file);
  const requirements = catalogue.requirements ?? Object.values(model.operations).flatMap((op) => derived(op, file));
  return {
    name,
    model,
    catalogue: requirements,
    envelope,
    rules: {},
    fixtures: {},
    scenarios: {},
    settings,
    open,
  };
}

async function readCatalogue(file: string, operations: string[]): Promise<CatalogueFile> {
  const data = await readDocumentFile(file).catch((err: Error) => {
    throw new ConfigError(`catalogue ${err.message}`);
  });
  if (!isRecord(data)) throw new ConfigError(`catalogue ${file}: expected an object with "requirements"`);
  const reqs = data.requirements;
  if (reqs !== undefined && !Array.isArray(reqs)) throw new ConfigError(`catalogue ${file}: "requirements" must be a list`);
  (reqs ?? []).forEach((r: unknown, i: number) => {
    const where = `catalogue ${file}: requirements[${i}]`;
    if (!isRecord(r)) throw new ConfigError(`${where}: expected an object`);
    for (const key of ['id', 'title', 'level', 'source', 'operation'] as const) {
      if (typeof r[key] !== 'string') throw new ConfigError(`${where}.${key}: expected a string`);
    }
    if (r.level !== 'MUST' && r.level !== 'SHOULD') throw new ConfigError(`${where}.level: expected MUST or SHOULD`);
    if (!operations.includes(r.operation as string)) throw new ConfigError(`${where}.operation: "${r.operation}" is not an operationId of the spec`);
    if (!isRecord(r.trigger) || typeof r.trigger.kind !== 'string') throw new ConfigError(`${where}.trigger: expected {kind, ...}`);
    if (r.trigger.kind === 'rule' || r.trigger.kind === 'fixture' || r.trigger.kind === 'scenario') {
      throw new ConfigError(`${where}.trigger: kind "${r.trigger.kind}" needs code; write the spec in TypeScript`);
    }
    if (!isRecord(r.expect) || !Array.isArray(r.expect.status)) throw new ConfigError(`${where}.expect.status: expected a list of statuses`);
    r.expect.statusLevel ??= r.level;
  });
  return data as CatalogueFile;
}

/** Dotted paths with `[]` for lists: `errors[].errorCode`. */
function pick(body: unknown, path: string): unknown[] {
  return path.split('.').reduce<unknown[]>((nodes, step) => {
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    const next = nodes.map((n) => (isRecord(n) ? n[key] : undefined));
    return list ? next.flatMap((n) => (Array.isArray(n) ? n : [])) : next;
  }, [body]);
}

function envelopeOf(e: CatalogueFile['envelope'], origin: string): ErrorEnvelope {
  const strings = (paths: string[], body: unknown) => paths.flatMap((p) => pick(body, p)).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
  return {
    schema: e?.schema ?? {},
    level: e?.level ?? 'SHOULD',
    source: e?.source ?? `${origin} (inferred)`,
    read: (body) => ({ codes: strings(e?.codes ?? [], body), params: strings(e?.params ?? [], body) }),
  };
}

/** Without a catalogue: valid input accepted (MUST), every schema constraint rejected (SHOULD, inferred). */
function derived(op: Operation, file: string): Requirement[] {
  const base = `${op.id.replace(/[^A-Za-z0-9]+/g, '-').toUpperCase()}`;
  const rejected = { status: [400, 422], statusLevel: 'SHOULD' as Level };
  const source = `inferred from ${file}`;
  const valid: Requirement = {
    id: `${base}-VALID-ACCEPTED`,
    title: `${op.method} ${op.path}: valid input is accepted`,
    level: 'MUST',
    source: `${file}: ${op.id} request schema and 2xx response`,
    operation: op.id,
    trigger: { kind: 'valid' },
    expect: { status: [200], statusLevel: 'MUST' },
  };
  if (!op.input) return [valid];
  const schema = op.input.schema;
  const constraints = fieldPointers(schema).flatMap((pointer) => {
    const node = schemaAt(schema, splitPointer(pointer));
    const parentRequired = requiredAt(schema, pointer);
    const keywords = [...CONSTRAINTS.filter((k) => node?.[k] !== undefined), ...(parentRequired ? ['required'] : [])];
    return keywords.map(
      (keyword): Requirement => ({
        id: `${base}-${pointer.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toUpperCase()}-${keyword.toUpperCase()}`,
        title: `${pointer} breaking ${keyword} is rejected`,
        level: 'SHOULD',
        source,
        operation: op.id,
        trigger: { kind: 'constraint', location: op.input!.location, path: pointer, keywords: [keyword] },
        expect: rejected,
      }),
    );
  });
  return [valid, ...constraints, ...wrongTypeRequirements(op, { prefix: base, level: 'SHOULD', source, expect: rejected })];
}

function requiredAt(schema: Schema, pointer: string): boolean {
  const steps = splitPointer(pointer);
  const last = steps.pop()!;
  return last !== '*' && !!schemaAt(schema, steps)?.required?.includes(last);
}

function settings(raw: Record<string, unknown>, embeddedMock: boolean): SpecSettings {
  const r = new SectionReader('spec file', raw, ['target', 'headers', 'token', 'fixtures']);
  if (embeddedMock) throw new ConfigError('a spec file has no reference mock: give --target or a "target" in its config section');
  return { ...r.common([], undefined), raw: { ...raw, token: r.string('token') } };
}

async function open(s: SpecSettings): Promise<Session> {
  const token = s.raw.token as string | undefined;
  return {
    defaultHeaders: { Accept: 'application/json', ...s.headers },
    fixtures: s.fixtures,
    secrets: token ? [token] : [],
    authorize: (c) => (c.auth.kind === 'valid' && token ? { headers: { Authorization: `Bearer ${token}` } } : {}),
  };
}

