// The embedded mock for any OpenAPI document: routes by path template under the base path, refuses
// requests without the document's credentials (401), rejects what the document forbids (400 for
// unreadable bodies, 415 for another media type, 422 for schema violations) and answers the first
// documented 2xx with its example or a value generated from its schema (a create: with a fresh id;
// a GET of a resource it created and deleted since: 404).
import fc from 'fast-check';
import type { MockDefinition, MockRequest, MockResponse } from '../../mocks/kit.ts';
import { type FaultInfo, httpFaults, json } from '../../mocks/kit.ts';
import { readAfterDeleteIds, readCreatedIds } from './links.ts';
import { Resources } from './mock-resources.ts';
import { RouteIndex, segmentsOf } from './route-index.ts';
import { bounded } from '../../generators/bounded.ts';
import { validValue } from '../../generators/values.ts';
import { Validators } from '../model/validators.ts';
import type { ApiModel, Json, Operation } from '../model/types.ts';
import { type Received, readRequest } from './wire.ts';

/** What the embedded mock accepts for every security scheme (and what runs against it send). */
export const MOCK_CREDENTIALS = { token: 'sipc-mock-token', username: 'sipc', password: 'sipc-mock-password' } as const;

interface Route {
  op: Operation;
  pattern: RegExp;
  names: string[];
}

export function openapiMock(name: string, model: ApiModel): MockDefinition {
  return {
    spec: name,
    fixtures: { ...MOCK_CREDENTIALS },
    faults: [...httpFaultsFor(model), ...deletionFaults(model)],
    create: (options) => {
      const routes = routesOf(model);
      const answers = new Map<string, MockResponse>();
      // The mock's own Ajv: it judges requests independently of the suite that tests it.
      const validators = new Validators();
      const resources = new Resources(!options.faults.includes(DELETED_STILL_THERE), options.faults.includes(CREATED_NOT_FOUND));
      return (req) => {
        const matched = routes.candidates(req.path).filter((r) => r.pattern.test(req.path));
        if (matched.length === 0) return json(404, { error: `no operation at ${req.path}` });
        const route = matched.find((r) => r.op.method === req.method);
        if (!route) return json(405, { error: `${req.method} not allowed on ${req.path}` }, { Allow: [...new Set(matched.map((r) => r.op.method))].join(', ') });
        if (!authorized(model, route.op, req)) return json(401, { error: 'missing or wrong credentials' }, { 'WWW-Authenticate': 'Bearer' });
        const problem = check(route, req, validators);
        if (problem) return problem;
        const values = route.pattern.exec(req.path)!.slice(1);
        if (route.op.method === 'GET' && resources.isGone(values)) return json(404, { error: `${req.path} not found` });
        if (route.op.method === 'DELETE') resources.deleted(values);
        let answer = answers.get(route.op.id);
        if (!answer) answers.set(route.op.id, (answer = successOf(route.op, validators)));
        return route.op.success ? resources.created(route.op, answer, (v) => validators.validator(route.op.success!)(v)) : answer;
      };
    },
  };
}

const DELETED_STILL_THERE = 'deleted-still-there';
const CREATED_NOT_FOUND = 'created-not-found';

/**
 * A deleted resource is still served, where the document has a create, a GET and a DELETE of one
 * resource; a created resource is never found, where a create links to a GET of it.
 */
function deletionFaults(model: ApiModel): FaultInfo[] {
  const gone = readAfterDeleteIds(model);
  const read = readCreatedIds(model);
  return [
    ...(gone.length ? [{ name: DELETED_STILL_THERE, description: 'a GET of a deleted resource still answers 200', breaks: gone }] : []),
    ...(read.length ? [{ name: CREATED_NOT_FOUND, description: 'a GET of a resource the mock created answers 404', breaks: read }] : []),
  ];
}

/** The shell's HTTP faults whose requirement the document calls for (HEAD and the media type need a GET). */
function httpFaultsFor(model: ApiModel) {
  const gets = Object.values(model.operations).filter((op) => op.method === 'GET');
  return httpFaults('methodNotAllowed', 'options', ...(gets.length ? (['head'] as const) : []), ...(gets.some((op) => op.successMediaTypes) ? (['contentType'] as const) : []));
}

function routesOf(model: ApiModel): RouteIndex<Route> {
  const routes = Object.values(model.operations).map((op) => {
    const names: string[] = [];
    const template = `${model.basePath ?? ''}${op.path}`;
    const source = template
      .split(/(\{[^}]+\})/)
      .map((part) => (/^\{[^}]+\}$/.test(part) ? (names.push(part.slice(1, -1)), '([^/]+)') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    return { route: { op, pattern: new RegExp(`^${source}/?$`), names }, segments: segmentsOf(template) };
  });
  // Literal segments win over templates (`/pets/mine` before `/pets/{id}`).
  return new RouteIndex(routes.sort((a, b) => a.route.names.length - b.route.names.length));
}

function authorized(model: ApiModel, op: Operation, req: MockRequest): boolean {
  const alternatives = op.request?.security ?? [];
  if (alternatives.length === 0) return true;
  const basic = `Basic ${Buffer.from(`${MOCK_CREDENTIALS.username}:${MOCK_CREDENTIALS.password}`).toString('base64')}`;
  const cookies = cookiesOf(req);
  return alternatives.some((names) =>
    names.every((n) => {
      const scheme = model.securitySchemes?.[n];
      if (scheme?.type === 'http' && scheme.scheme === 'basic') return req.headers.authorization === basic;
      if (scheme?.type === 'apiKey' && scheme.in === 'query') return req.query.get(scheme.name) === MOCK_CREDENTIALS.token;
      if (scheme?.type === 'apiKey' && scheme.in === 'cookie') return cookies.some(([k, v]) => k === scheme.name && v === MOCK_CREDENTIALS.token);
      if (scheme?.type === 'apiKey') return req.headers[scheme.name.toLowerCase()] === MOCK_CREDENTIALS.token;
      return req.headers.authorization === `Bearer ${MOCK_CREDENTIALS.token}`;
    }),
  );
}

function cookiesOf(req: MockRequest): [string, string][] {
  return String(req.headers.cookie ?? '')
    .split(/;\s*/)
    .filter((c) => c.includes('='))
    .map((c) => {
      const [k, ...v] = c.split('=');
      try {
        return [k!, decodeURIComponent(v.join('='))];
      } catch {
        return [k!, v.join('=')];
      }
    });
}

/** The first reason to refuse the request, or undefined when it is valid. */
function check(route: Route, req: MockRequest, validators: Validators): MockResponse | undefined {
  const { op } = route;
  const shape = op.request!;
  const values = route.pattern.exec(req.path)!.slice(1);
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]));
  const received: Received = {
    pathValues: Object.fromEntries(route.names.map((n, i) => [n, values[i]!])),
    query: [...req.query],
    headers,
    cookies: cookiesOf(req),
  };
  if (shape.body && req.body.length > 0) {
    const contentType = headers['content-type'] ?? '';
    if (!sameMediaType(contentType, shape.body.mediaType)) return json(415, { error: `expected ${shape.body.mediaType}, got ${contentType || 'no content type'}` });
    const text = req.body.toString('utf8');
    if (/json/i.test(shape.body.mediaType) && !parses(text)) return json(400, { error: 'body is not valid JSON' });
    received.body = { text, contentType };
  }
  const validate = validators.validator(op.input!.schema);
  if (validate(readRequest(shape, op.input!.schema, received))) return undefined;
  return json(422, { errors: (validate.errors ?? []).map((e) => ({ path: e.instancePath, keyword: e.keyword, message: e.message })) });
}

const sameMediaType = (sent: string, documented: string) => sent.split(';')[0]!.trim().toLowerCase() === documented.split(';')[0]!.trim().toLowerCase();

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The documented success: its example when valid, else a value generated from the schema (fixed seed). */
function successOf(op: Operation, validators: Validators): MockResponse {
  const { status, example } = op.request!.success;
  if (!op.success || status === 204) return { status };
  const validate = validators.validator(op.success);
  // Bodies are JSON text even when the value is a string (the kit sends strings as they are).
  const answer = (value: Json): MockResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });
  if (example !== undefined && validate(example)) return answer(example);
  try {
    const [value] = fc.sample(bounded(validValue(op.success), (v) => validate(v), 'valid response body'), { seed: 1, numRuns: 1 });
    return answer(value as Json);
  } catch {
    return json(500, { error: `the mock cannot generate a response valid against ${op.id}'s success schema` });
  }
}
