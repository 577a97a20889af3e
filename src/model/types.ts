// The one model every spec is turned into: operations from OpenAPI plus an error catalogue.
import type { OpenAPIV3 } from 'openapi-types';
import type * as fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A plain object: not null, not an array. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export type Schema = OpenAPIV3.SchemaObject & Record<`x-${string}`, unknown>;

/** MUST: documented behaviour, can fail a server. SHOULD: inferred, reported as a warning. */
export type Level = 'MUST' | 'SHOULD';

/** One operation of an API, normalised from OpenAPI 2 or 3. */
export interface Operation {
  id: string;
  method: string;
  path: string;
  /**
   * Media type and schema of the request payload: JSON body, or query/form parameters as one object;
   * `request`: the whole request as one object `{path, query, header, cookie, body}` (see `request`).
   */
  input?: { location: 'body' | 'query' | 'request'; mediaType: string; schema: Schema; required: boolean };
  /** How a `request` input travels: every parameter, the body's media type, security. */
  request?: RequestShape;
  /** Success response schema (first 2xx with a JSON schema). */
  success?: Schema;
  /** Media types the document gives its 2xx answers (OpenAPI 3 `content`, Swagger 2 `produces`); absent when it gives none. */
  successMediaTypes?: string[];
  /** Error response schemas by status, as the document gives them. */
  errors: Record<string, Schema>;
  /** Whether sending it twice does what sending it once does; default from the method. False for creates. */
  idempotent?: boolean;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** One OpenAPI parameter, with its serialisation (OpenAPI 3 `style`/`explode`; Swagger 2 collectionFormat mapped). */
export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: Schema;
  style: 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'tabDelimited' | 'deepObject';
  explode: boolean;
}

export type SecurityScheme =
  | { type: 'http'; scheme: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { type: 'oauth2'; tokenUrl?: string }
  | { type: 'other'; description: string };

export interface RequestShape {
  parameters: Parameter[];
  body?: { mediaType: string; required: boolean };
  /** Alternatives (any one suffices), each a list of security scheme names; empty: no security. */
  security: string[][];
  /** 4xx statuses (or `4XX`) the operation documents. */
  clientErrors: string[];
  /** The first documented 2xx status and its example, what a mock answers to a valid request. */
  success: { status: number; example?: Json };
  /** OpenAPI links of the 2xx responses: the operation they lead to and its parameters as runtime expressions. */
  links?: { name: string; operationId: string; parameters: Record<string, string> }[];
}

export interface ApiModel {
  title: string;
  /** Where the document came from (file path or "typescript:NAME"). */
  origin: string;
  operations: Record<string, Operation>;
  /** Named component schemas, for envelopes. */
  schemas: Record<string, Schema>;
  /** Path prefix every operation path is under (OpenAPI `servers[0]` path, Swagger 2 `basePath`); file specs only. */
  basePath?: string;
  /** Security schemes by name, Swagger 2 definitions in OpenAPI 3 form; file specs only. */
  securitySchemes?: Record<string, SecurityScheme>;
  /** What the loader had to tolerate (e.g. a 3.1 document the meta-schema rejects), reported with the run. */
  warnings?: string[];
  /** The document as given, when the loader took it as validated (a bundled spec's: its tests validate it). */
  unvalidated?: object;
}

/**
 * What a case breaks. `path` is a JSON pointer into the input for body/query violations
 * (array indexes written as `*` in catalogue patterns), the rule/fixture name otherwise.
 */
export interface Violation {
  /** `undecided`: the value sits where the documents leave a choice; such cases are probed, never judged. */
  location: 'body' | 'query' | 'request' | 'header' | 'content' | 'auth' | 'rule' | 'fixture' | 'undecided';
  path: string;
  keyword: string;
}

/** Who the request is sent as; the spec's auth adapter turns it into headers or parameters. */
export type AuthChoice =
  | { kind: 'valid'; role?: string }
  | { kind: 'none' }
  | { kind: 'invalid'; variant: string }
  | { kind: 'fixture'; fixture: string };

/** A test case: serialisable, secret-free; the runner materialises it into an HTTP request. */
export interface Case {
  requirement: string;
  operation: string;
  note: string;
  input?: Json;
  /** Exact payload bytes, replacing `input` (malformed bodies). */
  rawBody?: string;
  /** Content type to send instead of the operation's; null sends none. */
  contentType?: string | null;
  /** How query-style input is sent (default: the operation's location). */
  encoding?: 'json' | 'query' | 'form' | 'multipart';
  headers: Record<string, string>;
  omitHeaders: string[];
  auth: AuthChoice;
  violations: Violation[];
}

/** A case that breaks nothing: valid credentials, no extra or omitted headers; an input only when given. */
export function blankCase(requirement: string, operation: string, note: string, input?: Json): Case {
  return { requirement, operation, note, ...(input === undefined ? {} : { input }), headers: {}, omitHeaders: [], auth: { kind: 'valid' }, violations: [] };
}

export interface Expectation {
  status: number[];
  statusLevel: Level;
  codes?: string[];
  codeLevel?: Level;
  /** The error must name the violated parameter. */
  param?: Level;
}

export type Trigger =
  | { kind: 'valid' }
  | { kind: 'constraint'; location: 'body' | 'query' | 'request'; path: string; keywords: string[] }
  | { kind: 'rule'; rule: string }
  | { kind: 'fixture'; fixture: string }
  | { kind: 'auth'; variants: string[] }
  | { kind: 'content'; variants: ContentFault[] }
  | { kind: 'scenario'; scenario: string };

export type ContentFault = 'syntax' | 'mediaType' | 'missing';

/** One catalogue entry = one requirement = one test. */
export interface Requirement {
  id: string;
  errorCode?: string;
  title: string;
  level: Level;
  /** Seed file and code, vendor document, or "inferred". */
  source: string;
  operation: string;
  trigger: Trigger;
  expect: Expectation;
  /** Violations this entry answers for, when a case breaks several rules at once. Defaults from the trigger. */
  covers?: Violation[];
  /** What running it needs from the target, in the vendor's terms: its session skips it, naming why, when the target cannot give that. */
  needs?: string[];
  /** Runs alone: the engine lets no other requirement of the spec run meanwhile (e.g. POST, then GET and compare). */
  exclusive?: boolean;
  /** A scenario's requests per run (default 1): the request budget's planner (--budget) allots in requests. */
  requestsPerRun?: number;
  /** Runs a scenario makes use of at most (e.g. 1 for a sweep that sends the same requests whatever the run count); default the run count. */
  maxRuns?: number;
}

/** A requirement as a vendor's catalogue writes it, its `needs` in the vendor's own terms. */
export interface CatalogueEntry<Need extends string = string> extends Requirement {
  needs?: Need[];
}

/** How a spec's error responses are recognised. */
export interface ErrorEnvelope {
  schema: Schema;
  /** False when nothing documents the error body's shape (a file spec without a catalogue envelope): no envelope check. */
  documented?: boolean;
  source: string;
  level: Level;
  read(body: unknown): { codes: string[]; params: string[] };
  /**
   * When `read` turns a vendor's error strings into labels of ours (BAS-IP Android): the vendor's own
   * words for a label, and the error string a body carried, so that reports quote the vendor.
   */
  words?: { of(code: string): string; in(body: unknown): string | undefined };
  /**
   * For APIs that answer errors with a 2xx status (e.g. HTTP 200 with an error object): true when
   * a parsed body is an error. Absent: only non-2xx responses are errors.
   */
  isError?(body: unknown): boolean;
}

/** A cross-field rule: the catalogue names it, the spec defines how to break it and how to see it broken. */
export interface Rule {
  violatedBy(c: Case): boolean;
  /** The case sits where the documents leave the rule open (a correct server may go either way). */
  undecidedBy?(c: Case): boolean;
  /** Turns valid cases into cases that break the rule. */
  break(valid: fc.Arbitrary<Case>): fc.Arbitrary<Case>;
  /**
   * The plainest edit that brings a schema-valid case within the rule (out of its undecided zone
   * too), by dropping fields only. Generation applies it to every random input, so a rule that most
   * random inputs break (one of a pair) costs an edit instead of dozens of rejected draws. It keeps
   * the `forced` paths (the fields a constraint case is about).
   */
  conform?(c: Case, forced: string[][]): Case;
  /** Boundary cases tried before random ones. */
  examples?(valid: Case): Case[];
}

/** A condition only the target's own data can produce (a token without permission, ...). */
export interface Fixture {
  description: string;
  /** Shapes a valid case into the fixture case; the fixture value is applied by the auth adapter or here. */
  apply(valid: Case, value: string): Case;
}

/**
 * One point the documents leave open: a correct server may go either way. Its probes are sent and
 * what the server chose is reported; they never make a failure or a warning.
 */
export interface UndecidedPoint {
  id: string;
  /** What is open, e.g. `a "sip:" prefix on a host`. */
  title: string;
  /** The readings a correct server may take. */
  readings: string[];
  source: string;
  probes: Probe[];
}

/** A request that exercises an undecided point: a value at a path of a minimal valid input, or any edit of that case. */
export interface Probe {
  operation: string;
  /** JSON pointer into the input; `value` is set there, or the property removed with `omit`. */
  path?: string;
  value?: Json;
  omit?: boolean;
  edit?: (valid: Case) => Case;
  /** How the probe is shown; default `path = value`. */
  note?: string;
  /** What the answer shows of the server's choice (e.g. the password GET returns), beyond accepted or rejected. */
  observe?: (body: unknown) => string | undefined;
}
