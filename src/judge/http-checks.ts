// What HTTP itself requires of any server, beyond the document's schemas (RFC 9110): named pure
// checks of one exchange and what the document says of its resource, in Schemathesis' style.
import type { HttpResponse } from '../http/client.ts';
import type { CheckOutcome } from './checks.ts';

/** What a check knows of the target resource: the methods the document gives its path. */
export interface HttpCheckInput {
  response: HttpResponse;
  /** Methods the document gives the path, upper case. */
  documented: string[];
  /** Media types the document gives the operation's success answers (`type/subtype`, wildcards allowed). */
  mediaTypes?: string[];
  /** The answer to GET on the same resource, for HEAD. */
  get?: HttpResponse;
}

export type HttpCheck = (input: HttpCheckInput) => CheckOutcome | undefined;

export const RFC_9110 = 'RFC 9110 (HTTP Semantics)';

const ok = (check: string, pass: boolean, message: () => string, level: CheckOutcome['level'] = 'MUST'): CheckOutcome => ({ check, ok: pass, level, message: pass ? 'ok' : message() });
const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);

/** The methods an `Allow` header lists (RFC 9110 10.2.1: a comma-separated list of method tokens, case-sensitive). */
export const allowed = (r: HttpResponse): string[] | undefined =>
  r.headers.allow === undefined ? undefined : r.headers.allow.split(',').map((m) => m.trim()).filter(Boolean);

const missingFrom = (list: string[], documented: string[]) => documented.filter((m) => !list.includes(m));

/**
 * An undocumented method on a documented path. RFC 9110 15.5.6: a 405 "MUST generate an Allow header
 * field containing a list of the target resource's currently supported methods" (the documented ones
 * among them). Also legitimate: 501 for a method the server does not recognise (15.6.2), 404 from a
 * router that matches method and path together (the resource is not found under that method), any
 * other 4xx, and a success (the server may support more than it documents). A server error is not.
 */
export const method_not_allowed: HttpCheck = ({ response, documented }) => {
  if (response.error) return ok('response_received', false, () => `${response.error!.cause}: ${response.error!.message}`);
  if (response.status >= 500 && response.status !== 501) return ok('method_not_allowed', false, () => `status ${response.status} ${excerpt(response.text)}`);
  if (response.status !== 405) return ok('method_not_allowed', true, () => '');
  const allow = allowed(response);
  if (!allow) return ok('method_not_allowed', false, () => '405 without an Allow header (RFC 9110 15.5.6: MUST)');
  return ok('method_not_allowed', missingFrom(allow, documented).length === 0, () => `405 with Allow: ${response.headers.allow}, lacking the documented ${missingFrom(allow, documented).join(', ')}`);
};

/**
 * OPTIONS on a documented path (RFC 9110 9.3.7): any answer but a server error (501: OPTIONS not
 * recognised); an `Allow` it sends lists the resource's supported methods, the documented ones among them.
 */
export const options_allow: HttpCheck = ({ response, documented }) => {
  if (response.error) return ok('response_received', false, () => `${response.error!.cause}: ${response.error!.message}`);
  if (response.status >= 500 && response.status !== 501) return ok('options_allow', false, () => `status ${response.status} ${excerpt(response.text)}`);
  if (response.status === 405) return method_not_allowed({ response, documented });
  const allow = allowed(response);
  if (!allow || response.status >= 300) return ok('options_allow', true, () => '');
  return ok('options_allow', missingFrom(allow, documented).length === 0, () => `OPTIONS answered Allow: ${response.headers.allow}, lacking the documented ${missingFrom(allow, documented).join(', ')}`);
};

/**
 * HEAD where the server claims it (RFC 9110 9.3.2): "identical to GET except that the server MUST
 * NOT send content", so it answers with GET's status.
 */
export const head_like_get: HttpCheck = ({ response, get }) => {
  if (response.error) return ok('response_received', false, () => `${response.error!.cause}: ${response.error!.message}`);
  if (!get || get.error) return undefined;
  return ok('head_like_get', response.status === get.status, () => `HEAD answered ${response.status}, GET ${get.status}`);
};

const mediaTypeOf = (value: string) => value.split(';')[0]!.trim().toLowerCase();
const matches = (sent: string, documented: string) => {
  const [type, subtype] = mediaTypeOf(documented).split('/');
  const [sentType, sentSubtype] = sent.split('/');
  return (type === '*' || type === sentType) && (subtype === '*' || subtype === sentSubtype);
};

/**
 * A success answer's `Content-Type` is a media type the document gives it (RFC 9110 8.3: the type of
 * the content; OpenAPI: the response's `content` map, Swagger 2 `produces`). No content, nothing to type.
 */
export const documented_media_type: HttpCheck = ({ response, mediaTypes }) => {
  if (response.error || response.status < 200 || response.status >= 300 || response.text === '' || !mediaTypes?.length) return undefined;
  const sent = mediaTypeOf(response.headers['content-type'] ?? '');
  return ok('documented_media_type', mediaTypes.some((m) => matches(sent, m)), () => `content-type "${response.headers['content-type'] ?? '(none)'}", documented ${mediaTypes.join(' or ')}`);
};

/** A resource deleted with success (200 or 204, not 202: accepted, not yet done) is gone: GET answers 404 or 410 (RFC 9110 9.3.5, 15.5.5, 15.5.11). */
export const deleted_resource_gone: HttpCheck = ({ response }) => {
  if (response.error) return ok('response_received', false, () => `${response.error!.cause}: ${response.error!.message}`);
  return ok('deleted_resource_gone', response.status === 404 || response.status === 410, () => `GET after DELETE answered ${response.status}, expected 404 or 410`, 'SHOULD');
};

/** The registry, by name. */
export const HTTP_CHECKS = { method_not_allowed, options_allow, head_like_get, documented_media_type, deleted_resource_gone } as const;
