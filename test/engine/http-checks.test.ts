// The HTTP checks (RFC 9110), each with answers it passes and answers it fails.
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/http/client.ts';
import { HTTP_CHECKS, type HttpCheckInput } from '../../src/judge/http-checks.ts';
import { undocumentedMethods } from '../../src/run/http-semantics.ts';

const answer = (status: number, headers: Record<string, string> = {}, text = ''): HttpResponse => ({ status, headers, text, ms: 1 });
const at = (response: HttpResponse, over: Partial<HttpCheckInput> = {}): HttpCheckInput => ({ response, documented: ['GET', 'POST'], ...over });
const verdict = (name: keyof typeof HTTP_CHECKS, input: HttpCheckInput) => HTTP_CHECKS[name](input)?.ok;

describe('method_not_allowed (RFC 9110 15.5.6)', () => {
  it.each([
    ['405 with Allow listing the documented methods', answer(405, { allow: 'GET, POST' })],
    ['405 listing more than documented', answer(405, { allow: 'GET,HEAD,POST,OPTIONS' })],
    ['404 (a router matching method and path together)', answer(404)],
    ['501 (method not recognised)', answer(501)],
    ['400, 401, 415 (another refusal)', answer(415)],
    ['a success (supported, undocumented)', answer(200)],
  ])('passes %s', (_name, r) => expect(verdict('method_not_allowed', at(r))).toBe(true));

  it.each([
    ['405 without Allow', answer(405), /without an Allow header/],
    ['405 lacking a documented method', answer(405, { allow: 'GET' }), /lacking the documented POST/],
    ['a server error', answer(500, {}, 'boom'), /status 500/],
  ])('fails %s', (_name, r, message) => expect(HTTP_CHECKS.method_not_allowed(at(r))).toMatchObject({ ok: false, level: 'MUST', message: expect.stringMatching(message) }));

  it('sends only GET and a content-less PATCH, never a method that could change data', () => {
    expect(undocumentedMethods(['POST'])).toEqual(['GET', 'PATCH']);
    expect(undocumentedMethods(['GET', 'PUT', 'DELETE'])).toEqual(['PATCH']);
    expect(undocumentedMethods(['GET', 'PATCH'])).toEqual([]);
  });
});

describe('options_allow (RFC 9110 9.3.7)', () => {
  it('passes no Allow, a full Allow, 404 and 501; fails a short Allow, a 405 without Allow, a 500', () => {
    expect(verdict('options_allow', at(answer(204)))).toBe(true);
    expect(verdict('options_allow', at(answer(200, { allow: 'OPTIONS, GET, POST' })))).toBe(true);
    expect(verdict('options_allow', at(answer(404)))).toBe(true);
    expect(verdict('options_allow', at(answer(501)))).toBe(true);
    expect(verdict('options_allow', at(answer(204, { allow: 'OPTIONS' })))).toBe(false);
    expect(verdict('options_allow', at(answer(405)))).toBe(false);
    expect(verdict('options_allow', at(answer(500)))).toBe(false);
  });
});

describe('head_like_get (RFC 9110 9.3.2)', () => {
  it("passes GET's status, fails another", () => {
    expect(verdict('head_like_get', at(answer(200), { get: answer(200) }))).toBe(true);
    expect(verdict('head_like_get', at(answer(404), { get: answer(200) }))).toBe(false);
  });
});

describe('documented_media_type (RFC 9110 8.3)', () => {
  const typed = (type: string) => answer(200, { 'content-type': type }, '{}');
  it('passes a documented type (parameters and case aside, wildcards), fails another', () => {
    expect(verdict('documented_media_type', at(typed('application/json; charset=utf-8'), { mediaTypes: ['application/json'] }))).toBe(true);
    expect(verdict('documented_media_type', at(typed('Application/JSON'), { mediaTypes: ['application/json'] }))).toBe(true);
    expect(verdict('documented_media_type', at(typed('text/csv'), { mediaTypes: ['application/json', 'text/*'] }))).toBe(true);
    expect(verdict('documented_media_type', at(typed('text/plain'), { mediaTypes: ['application/json'] }))).toBe(false);
    expect(verdict('documented_media_type', at(answer(200, {}, '{}'), { mediaTypes: ['application/json'] }))).toBe(false);
  });
  it('judges no empty answer, no refusal, no undocumented type', () => {
    expect(verdict('documented_media_type', at(answer(204, { 'content-type': 'text/plain' }), { mediaTypes: ['application/json'] }))).toBeUndefined();
    expect(verdict('documented_media_type', at(answer(400, { 'content-type': 'text/plain' }, 'x'), { mediaTypes: ['application/json'] }))).toBeUndefined();
    expect(verdict('documented_media_type', at(typed('text/plain')))).toBeUndefined();
  });
});
