// A user's own OpenAPI file (plus an optional catalogue file) as a ConformanceSpec.
import { basename, extname } from 'node:path';
import { checkUrl, ConfigError, SectionReader } from '../load/config.ts';
import type { Transport } from '../http/index.ts';
import { type ApiModel, type ErrorEnvelope, isRecord, type Level, type Requirement, type Schema } from '../model/types.ts';
import { locateBase, pathsUnder } from './base-path.ts';
import { deriveRequirements } from './derive.ts';
import { linkRequirements, linkScenarios } from './links.ts';
import { MOCK_CREDENTIALS, openapiMock } from './mock.ts';
import { type Credentials, SecurityAdapter } from './security.ts';
import { formatPoints, leaveFormatsOpen } from './undecided.ts';
import { loadSpecFile, readDocumentFile } from '../load/spec-loader.ts';
import { Validators } from '../model/validators.ts';
import { unrun } from '../results/report.ts';
import { withHttpSemantics } from '../run/http-semantics.ts';
import { type ConformanceSpec, defineVendor, type Session, type SpecSettings } from '../model/vendor.ts';

/** The catalogue file: documented codes and how error bodies carry them. */
interface CatalogueFile {
  envelope?: { schema?: Schema; codes?: string[]; params?: string[]; level?: Level; source?: string };
  requirements?: Requirement[];
}

export async function loadFileSpec(file: string, catalogueFile?: string): Promise<ConformanceSpec> {
  const model = await loadSpecFile(file, { requests: true });
  const validators = new Validators();
  leaveFormatsOpen(model, validators);
  const name = basename(file, extname(file));
  const catalogue = catalogueFile ? await readCatalogue(catalogueFile, Object.keys(model.operations)) : {};
  const envelope = envelopeOf(catalogue.envelope, catalogueFile ?? file);
  const derived = [...Object.values(model.operations).flatMap((op) => deriveRequirements(op, file, validators)), ...linkRequirements(model, file)];
  // A catalogue adds requirements and overrides derived ones with the same id.
  const own = new Map((catalogue.requirements ?? []).map((r) => [r.id, r]));
  const requirements = [...derived.map((r) => own.get(r.id) ?? r), ...[...own.values()].filter((r) => !derived.some((d) => d.id === r.id))];
  const spec: ConformanceSpec = withHttpSemantics(defineVendor({
    name,
    model,
    catalogue: requirements,
    envelope,
    rules: {},
    validators,
    fixtures: {},
    scenarios: linkScenarios(model),
    mock: openapiMock(name, model),
    ...(model.warnings && { ambiguities: model.warnings }),
    undecided: formatPoints(model, validators),
    settings: settingsFor(name),
    open: opener(model, () => spec),
  }));
  return spec;
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
    wholeRequestTrigger(r.trigger);
  });
  return data as CatalogueFile;
}

/**
 * File specs model the whole request: a catalogue's `body` and `query` constraint pointers are
 * read under `/body` and `/query`.
 */
function wholeRequestTrigger(trigger: Record<string, unknown>): void {
  if (trigger.kind !== 'constraint' || (trigger.location !== 'body' && trigger.location !== 'query')) return;
  trigger.path = `/${trigger.location}${trigger.path === '' ? '' : String(trigger.path)}`;
  trigger.location = 'request';
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
    documented: e?.schema !== undefined,
    schema: e?.schema ?? {},
    level: e?.level ?? 'SHOULD',
    source: e?.source ?? `${origin} (inferred)`,
    read: (body) => ({ codes: strings(e?.codes ?? [], body), params: strings(e?.params ?? [], body) }),
  };
}

const SECRET_KEYS = ['token', 'username', 'password', 'clientId', 'clientSecret'] as const;

/** `{"env": "NAME"}` in place of a secret reads it from the environment. */
function resolveEnv(raw: Record<string, unknown>, spec: string): Record<string, unknown> {
  const out = { ...raw };
  for (const key of SECRET_KEYS) {
    const v = raw[key];
    if (!isRecord(v)) continue;
    const keys = Object.keys(v);
    if (keys.length !== 1 || keys[0] !== 'env' || typeof v.env !== 'string') throw new ConfigError(`config ${spec}.${key}: expected a string or {"env": "VARIABLE"}`);
    const value = process.env[v.env];
    if (!value) throw new ConfigError(`config ${spec}.${key}: environment variable ${v.env} is not set`);
    out[key] = value;
  }
  return out;
}

/** `basePath`: the config's (or `--base-path`), else undefined: the document's, or where the target serves the operations. */
type FileSettings = SpecSettings<{ credentials: Credentials; basePath?: string; embedded: boolean }>;

function settingsFor(name: string) {
  return (section: Record<string, unknown>, embeddedMock: boolean): FileSettings => {
    const raw = resolveEnv(section, name);
    const r = new SectionReader(name, raw, ['target', 'headers', 'fixtures', 'basePath', 'tokenUrl', ...SECRET_KEYS]);
    const credentials: Credentials = Object.fromEntries(['tokenUrl', ...SECRET_KEYS].flatMap((k) => (r.string(k) === undefined ? [] : [[k, r.string(k)]])));
    if (credentials.tokenUrl) checkUrl(credentials.tokenUrl, `config ${name}.tokenUrl`);
    const basePath = raw.basePath;
    if (basePath !== undefined && (typeof basePath !== 'string' || (basePath !== '' && !basePath.startsWith('/')))) {
      throw new ConfigError(`config ${name}.basePath: expected "" or a path starting with "/"`);
    }
    // The embedded mock accepts its own credentials unless the config gives others.
    const mockCredentials = embeddedMock ? MOCK_CREDENTIALS : {};
    return { ...r.common([], undefined), raw: { credentials: { ...mockCredentials, ...credentials }, ...(basePath !== undefined && { basePath }), embedded: embeddedMock } };
  };
}

/**
 * Where the operations live: the configured base path; else a target URL's own path (requests go
 * under it as given); else the document's, or the root when every valid request answers 404 under the
 * document's and the operations answer at the root (the embedded mock serves the document's).
 */
async function baseOf(spec: ConformanceSpec, s: FileSettings, session: Session, transport: Transport): Promise<{ base: string; notice?: string }> {
  const documented = spec.model.basePath ?? '';
  if (s.raw.basePath !== undefined) return { base: s.raw.basePath };
  if (s.target === undefined || s.raw.embedded || documented === '') return { base: documented };
  if (new URL(s.target).pathname.replace(/\/+$/, '') !== '') return { base: '' };
  return locateBase(spec, session, s.target, documented, [''], transport);
}

function opener(model: ApiModel, spec: () => ConformanceSpec) {
  return async (s: FileSettings, transport: Transport): Promise<Session> => {
    const { credentials } = s.raw;
    const security = await SecurityAdapter.open(model, credentials, transport);
    const session: Session = {
      defaultHeaders: { Accept: 'application/json', ...s.headers },
      fixtures: s.fixtures,
      secrets: security.secrets,
      authorize: (c) => security.authorize(c),
      // Without a credential the document's security accepts, only the auth requirements can run.
      around: async (req, run) => {
        const missing = req.trigger.kind === 'auth' ? undefined : security.missing(req.operation);
        if (!missing) return run();
        return unrun(req, 'skip', missing);
      },
    };
    const { base, notice } = await baseOf(spec(), s, session, transport);
    return { ...session, paths: pathsUnder(spec(), base), ...(notice && { notice }) };
  };
}
