// Turns a case into the exact HTTP request the runner sends.
import type { HttpRequest } from './client.ts';
import type { Case, Json, Operation } from '../model/types.ts';
import { MULTIPART_BOUNDARY, multipart, toWire } from '../openapi/wire.ts';
import type { Session } from '../model/vendor.ts';

export function toHttpRequest(c: Case, op: Operation, session: Session, target: string): HttpRequest {
  if (op.request) return wholeRequest(c, op, session, target);
  const auth = session.authorize(c);
  const location = op.input?.location;
  const encoding = c.encoding ?? (location === 'query' ? 'query' : 'json');
  // Auth parameters travel with the input, or in the query string when the input is a JSON body.
  const fields = encoding === 'json' ? NO_FIELDS : { ...toFields(c.input), ...auth.query };
  const params = encoding === 'query' ? fields : encoding === 'json' ? auth.query : undefined;
  const query = params && Object.keys(params).length > 0 ? new URLSearchParams(params).toString() : '';
  const base = joinPath(target, session.paths?.[op.id] ?? op.path);
  const url = query ? `${base}${base.includes('?') ? '&' : '?'}${query}` : base;

  let body: string | undefined;
  let contentType: string | undefined;
  if (c.rawBody !== undefined) body = c.rawBody;
  else if (encoding === 'json' && c.input !== undefined) body = JSON.stringify(c.input);
  else if (encoding === 'form') body = new URLSearchParams(fields).toString();
  else if (encoding === 'multipart') body = multipart(Object.entries(fields));
  if (body !== undefined || c.contentType) contentType = encoding === 'json' ? (op.input?.mediaType ?? 'application/json') : MEDIA_TYPES[encoding];
  const headers: Record<string, string> = { ...session.defaultHeaders };
  const type = c.contentType === undefined ? contentType : c.contentType;
  if (type) headers['Content-Type'] = type;
  Object.assign(headers, auth.headers, c.headers);
  omitHeaders(headers, c.omitHeaders);
  return { method: op.method, url, headers, body };
}

/** A `request` input: every parameter in its place, the body in its media type, auth beside them. */
function wholeRequest(c: Case, op: Operation, session: Session, target: string): HttpRequest {
  const auth = session.authorize(c);
  const wire = toWire(op.request!, session.paths?.[op.id] ?? op.path, c.input);
  const query = new URLSearchParams([...wire.query, ...Object.entries(auth.query ?? {})]).toString();
  const base = joinPath(target, wire.path);
  const headers: Record<string, string> = { ...session.defaultHeaders, ...wire.headers };
  const type = c.contentType === undefined ? (c.rawBody !== undefined ? op.input?.mediaType : wire.body?.contentType) : c.contentType;
  if (type) headers['Content-Type'] = type;
  Object.assign(headers, auth.headers, c.headers);
  const cookie = [...wire.cookies.map(([k, v]) => `${k}=${encodeURIComponent(v)}`), ...(headers.Cookie ? [headers.Cookie] : [])].join('; ');
  if (cookie) headers.Cookie = cookie;
  omitHeaders(headers, c.omitHeaders);
  return { method: op.method, url: query ? `${base}?${query}` : base, headers, body: c.rawBody ?? wire.body?.text };
}

/** Removes the headers a case leaves out (names compared case-insensitively). */
function omitHeaders(headers: Record<string, string>, names: string[]): void {
  if (names.length === 0) return;
  const omit = new Set(names.map((h) => h.toLowerCase()));
  for (const name of Object.keys(headers)) if (omit.has(name.toLowerCase())) delete headers[name];
}

function joinPath(target: string, path: string): string {
  return (target.endsWith('/') ? target.replace(/\/+$/, '') : target) + (path.startsWith('/') ? path : `/${path}`);
}

/** Built for every request, so made once: an empty field list (a JSON body), and the media type of the other encodings. */
const NO_FIELDS: Readonly<Record<string, string>> = Object.freeze({});
const MEDIA_TYPES = { query: undefined, form: 'application/x-www-form-urlencoded', multipart: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` } as const;

/** Query/form encoding of a typed input: booleans as true/false, lists joined with `;`. */
export function toFields(input: Json | undefined): Record<string, string> {
  if (input === undefined || input === null || typeof input !== 'object' || Array.isArray(input)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(scalar).join(';') : scalar(v);
  }
  return out;
}

const scalar = (v: Json): string => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));

/** Replaces every secret (and its URL- and JSON-escaped forms) in every string of `value` with [REDACTED]. */
export function redact<T>(value: T, secrets: string[]): T {
  const variants = secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1)]);
  // Longest first, so a secret that contains another is redacted whole.
  const list = [...new Set(variants)].sort((a, b) => b.length - a.length);
  if (list.length === 0) return value;
  const scrub = (node: unknown): unknown => {
    if (typeof node === 'string') return list.reduce((t, s) => t.split(s).join('[REDACTED]'), node);
    if (Array.isArray(node)) return node.map(scrub);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, scrub(v)]));
    return node;
  };
  return scrub(value) as T;
}
