// A `request` input on the wire, and the same request as a server reads it back. The oracle judges
// the read-back form, so a case is "invalid" only if what was actually sent is (a number sent in a
// query string is also a valid string; a header value is sent in visible ASCII).
import { isRecord, type Json, type JsonObject, type Parameter, type RequestShape, type Schema } from '../model/types.ts';
import { flatten, typeOf } from '../../generators/values.ts';

export interface Wire {
  /** The operation path with every path parameter filled in (percent-encoded). */
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  cookies: [string, string][];
  body?: { text: string; contentType: string };
}

export const MULTIPART_BOUNDARY = 'sip-conformance-boundary';
const DELIMITERS: Record<string, string> = { spaceDelimited: ' ', pipeDelimited: '|', tabDelimited: '\t' };

/** Lone surrogates cannot travel (no UTF-8 for them): they go as U+FFFD, as URL encoders send them. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
const text = (v: Json | undefined): string => wellFormed(v === undefined ? '' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
/** Header values travel as visible ASCII; anything else is percent-encoded (and read back that way). */
const headerText = (s: string) => s.replace(/[^\x21-\x7e]|%/gu, (c) => encodeURIComponent(c));
const pathSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function toWire(shape: RequestShape, path: string, input: Json | undefined): Wire {
  const request = isRecord(input) ? input : {};
  const group = (name: string) => (isRecord(request[name]) ? (request[name] as JsonObject) : {});
  const wire: Wire = { path, query: [], headers: {}, cookies: [] };
  for (const p of shape.parameters) {
    const value = group(p.in)[p.name];
    if (p.in === 'path') wire.path = wire.path.split(`{${p.name}}`).join(pathValue(p, value));
    else if (value === undefined) continue;
    else if (p.in === 'query') wire.query.push(...queryPairs(p, value));
    else if (p.in === 'header') wire.headers[p.name] = headerText(simple(value, p.explode));
    else wire.cookies.push([p.name, Array.isArray(value) ? value.map(text).join(',') : text(value)]);
  }
  if (shape.body && 'body' in request) wire.body = bodyOf(shape.body.mediaType, request.body!);
  return wire;
}

function simple(value: Json | undefined, explode: boolean): string {
  if (Array.isArray(value)) return value.map(text).join(',');
  if (isRecord(value)) return Object.entries(value).map(([k, v]) => (explode ? `${k}=${text(v)}` : `${k},${text(v)}`)).join(',');
  return text(value);
}

function pathValue(p: Parameter, value: Json | undefined): string {
  const encoded = (v: Json | undefined) => (Array.isArray(v) ? v.map((i) => pathSegment(text(i))).join(',') : pathSegment(text(v)));
  if (p.style === 'label') return `.${encoded(value)}`;
  if (p.style === 'matrix') return `;${p.name}=${encoded(value)}`;
  return isRecord(value) ? pathSegment(simple(value, p.explode)) : encoded(value);
}

function queryPairs(p: Parameter, value: Json): [string, string][] {
  if (Array.isArray(value)) {
    if (p.explode && p.style === 'form') return value.map((v) => [p.name, text(v)]);
    return [[p.name, value.map(text).join(DELIMITERS[p.style] ?? ',')]];
  }
  if (isRecord(value)) {
    if (p.style === 'deepObject') return Object.entries(value).map(([k, v]) => [`${p.name}[${k}]`, text(v)]);
    if (p.explode) return Object.entries(value).map(([k, v]) => [k, text(v)]);
    return [[p.name, simple(value, false)]];
  }
  return [[p.name, text(value)]];
}

function bodyOf(mediaType: string, body: Json): Wire['body'] {
  if (/x-www-form-urlencoded/i.test(mediaType)) {
    return { text: new URLSearchParams(formFields(body)).toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  if (/multipart\/form-data/i.test(mediaType)) return { text: multipart(formFields(body)), contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` };
  if (!/json/i.test(mediaType) && typeof body === 'string') return { text: body, contentType: mediaType };
  return { text: JSON.stringify(body), contentType: mediaType };
}

/** A multipart/form-data body of text parts. */
export function multipart(fields: [string, string][]): string {
  const parts = fields.map(([k, v]) => `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`);
  return `${parts.join('')}--${MULTIPART_BOUNDARY}--\r\n`;
}

/** Form fields: arrays repeat their name, nested objects travel as JSON. */
function formFields(body: Json): [string, string][] {
  if (!isRecord(body)) return [['value', text(body)]];
  return Object.entries(body).flatMap(([k, v]): [string, string][] => (Array.isArray(v) ? v.map((i) => [k, text(i)]) : [[k, text(v)]]));
}

/** What a server received, before it reads it by the documented types. */
export interface Received {
  /** Raw (still encoded) path segment of each path parameter. */
  pathValues: Record<string, string>;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  cookies: [string, string][];
  body?: { text: string; contentType: string };
}

/**
 * How a server may read an empty value (`?state=`, an empty form body): as an empty text, or as
 * nothing at all. Servers differ and the documents are silent, so the oracle reads both ways.
 */
export type Reading = 'strict' | 'lenient';

/** The request as the server reads it back: strings parsed by the documented types. */
export function serverView(shape: RequestShape, schema: Schema, input: Json | undefined, reading: Reading = 'strict'): Json | undefined {
  if (!isRecord(input)) return input;
  const wire = toWire(shape, '', input);
  const pathValues: Record<string, string> = {};
  for (const p of shape.parameters) {
    const value = (input.path as JsonObject | undefined)?.[p.name];
    if (p.in === 'path' && value !== undefined) pathValues[p.name] = pathValue(p, value);
  }
  const headers = Object.fromEntries(Object.entries(wire.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const view = readRequest(shape, schema, { pathValues, query: wire.query, headers, cookies: wire.cookies, body: wire.body }, reading);
  // Groups the input has stay present (empty), so the view has the input's shape.
  for (const key of ['path', 'query', 'header', 'cookie']) if (input[key] !== undefined) view[key] ??= {};
  return view;
}

/** Reads a received request by the operation's parameters and body media type. */
export function readRequest(shape: RequestShape, schema: Schema, r: Received, reading: Reading = 'strict'): JsonObject {
  const view: JsonObject = {};
  const query = new Map<string, string[]>();
  for (const [k, v] of r.query) query.set(k, [...(query.get(k) ?? []), v]);
  for (const p of shape.parameters) {
    let texts: string[] | undefined;
    // An empty segment is no value: the router sees another path.
    if (p.in === 'path') texts = r.pathValues[p.name] ? [decodePath(r.pathValues[p.name]!, p)] : undefined;
    else if (p.in === 'query') texts = queryTexts(p, query);
    else if (p.in === 'header') texts = r.headers[p.name.toLowerCase()] === undefined ? undefined : [r.headers[p.name.toLowerCase()]!];
    else texts = r.cookies.filter(([k]) => k === p.name).map(([, v]) => v);
    if (reading === 'lenient') texts = texts?.filter((t) => t !== '');
    const value = texts?.length ? parseParameter(p, texts, reading) : undefined;
    const group = (view[p.in] ??= {}) as JsonObject;
    if (value !== undefined) group[p.name] = value;
  }
  if (shape.body && r.body && (reading === 'strict' || r.body.text !== '')) view.body = bodyView(shape.body.mediaType, r.body, ((schema.properties ?? {}) as Record<string, Schema>).body ?? {}, reading);
  return view;
}

function decodePath(segment: string, p: Parameter): string {
  const bare = p.style === 'label' ? segment.slice(1) : p.style === 'matrix' ? segment.slice(p.name.length + 2) : segment;
  try {
    return decodeURIComponent(bare);
  } catch {
    return bare;
  }
}

function queryTexts(p: Parameter, query: Map<string, string[]>): string[] | undefined {
  if (typeOf(flatten(p.schema)) !== 'object' || (!p.explode && p.style !== 'deepObject')) return query.get(p.name);
  const props = Object.keys((flatten(p.schema).properties ?? {}) as object);
  const pairs = props.flatMap((k) => (query.get(p.style === 'deepObject' ? `${p.name}[${k}]` : k) ?? []).map((v) => `${k}=${v}`));
  return pairs.length ? [pairs.join(',')] : undefined;
}

function parseParameter(p: Parameter, texts: string[], reading: Reading): Json {
  const schema = flatten(p.schema);
  const type = typeOf(schema);
  if (type === 'array') {
    const items = (schema as { items?: Schema }).items ?? {};
    const delimiter = DELIMITERS[p.style] ?? ',';
    const raw = p.explode && p.style === 'form' && p.in === 'query' ? texts : texts.flatMap((t) => (t === '' ? [] : t.split(delimiter)));
    return raw.map((t) => scalar(t, items, reading));
  }
  if (type === 'object') return objectOf(texts[0]!.split(','), p.in === 'query' || p.explode, schema, reading);
  return scalar(texts[0]!, schema, reading);
}

function objectOf(parts: string[], explode: boolean, schema: Schema, reading: Reading): Json {
  const entries: [string, string][] = explode
    ? parts.map((kv) => [kv.split('=')[0]!, kv.split('=').slice(1).join('=')])
    : parts.flatMap((_, i) => (i % 2 === 0 ? [[parts[i]!, parts[i + 1] ?? ''] as [string, string]] : []));
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return Object.fromEntries(entries.map(([k, v]) => [k, scalar(v, props[k] ?? {}, reading)]));
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** One parameter string as a server with the documented type reads it (text has no null: only the strict reading makes `null` one). */
export function scalar(raw: string, schema: Schema, reading: Reading = 'strict'): Json {
  const types = allTypes(flatten(schema));
  if ((types.includes('integer') || types.includes('number')) && NUMBER.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('null') && raw === 'null' && reading === 'strict') return null;
  if ((types.includes('object') || types.includes('array')) && !types.includes('string')) {
    try {
      return JSON.parse(raw) as Json;
    } catch {
      return raw;
    }
  }
  return raw;
}

function allTypes(schema: Schema): string[] {
  const t = (schema as { type?: string | string[] }).type;
  if (Array.isArray(t)) return t;
  const one = t ?? typeOf(schema);
  return [...(one ? [one] : []), ...(schema.nullable ? ['null'] : [])];
}

function bodyView(mediaType: string, body: { text: string; contentType: string }, schema: Schema, reading: Reading): Json {
  if (!/x-www-form-urlencoded|multipart\/form-data/i.test(mediaType)) {
    try {
      return JSON.parse(body.text) as Json;
    } catch {
      return body.text;
    }
  }
  const fields = /urlencoded/i.test(mediaType) ? [...new URLSearchParams(body.text)] : multipartFields(body.text);
  const props = (flatten(schema).properties ?? {}) as Record<string, Schema>;
  const out: JsonObject = {};
  for (const [k, v] of fields) {
    const field = flatten(props[k] ?? {});
    if (typeOf(field) === 'array') out[k] = [...((out[k] as Json[] | undefined) ?? []), scalar(v, (field as { items?: Schema }).items ?? {}, reading)];
    else out[k] = scalar(v, field, reading);
  }
  return out;
}

/** Name and text of each part of a multipart/form-data body (any boundary). */
export function multipartFields(text: string): [string, string][] {
  const boundary = /^--([^\r\n]+)/.exec(text)?.[1];
  if (!boundary) return [];
  return text
    .split(`--${boundary}`)
    .slice(1, -1)
    .flatMap((part): [string, string][] => {
      const [head, ...rest] = part.replace(/^\r\n/, '').split('\r\n\r\n');
      const name = /name="([^"]*)"/.exec(head ?? '')?.[1];
      return name === undefined ? [] : [[name.replace(/%22/g, '"'), rest.join('\r\n\r\n').replace(/\r\n$/, '')]];
    });
}
