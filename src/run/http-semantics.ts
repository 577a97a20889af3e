// What HTTP itself requires, as requirements of every spec (bundled or a user's file): an undocumented
// method on a documented path, OPTIONS, HEAD where the server claims it, the success answer's media
// type. Each a scenario over the documented paths, judged by the named checks of src/judge/http-checks.ts.
import { GenerationError } from '../../generators/bounded.ts';
import { CaseBuilder } from '../../generators/cases.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import { toHttpRequest } from '../http/request.ts';
import { documented_media_type, head_like_get, type HttpCheck, allowed, method_not_allowed, options_allow, RFC_9110 } from '../judge/http-checks.ts';
import type { Case, Operation, Requirement } from '../model/types.ts';
import type { ConformanceSpec, Scenario, ScenarioContext, ScenarioResult } from '../model/vendor.ts';
import { unrun } from '../results/report.ts';
import { fixedScenario, sendExact, type Step } from './scenario-kit.ts';

export const HTTP_IDS = {
  methodNotAllowed: 'HTTP-METHOD-NOT-ALLOWED',
  options: 'HTTP-OPTIONS',
  head: 'HTTP-HEAD',
  contentType: 'HTTP-CONTENT-TYPE',
} as const;

/** A documented path, its documented methods, and the operation whose valid case addresses it (GET first). */
interface Resource {
  path: string;
  methods: string[];
  op: Operation;
}

function resources(spec: ConformanceSpec): Resource[] {
  const byPath = new Map<string, Operation[]>();
  for (const op of Object.values(spec.model.operations)) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  return [...byPath].map(([path, ops]) => ({ path, methods: [...new Set(ops.map((o) => o.method))], op: ops.find((o) => o.method === 'GET') ?? ops[0]! }));
}

/**
 * The undocumented methods sent to a path: GET (safe) and PATCH with no content (nothing to change even
 * where a server supports it), those the path does not document. Never DELETE, PUT or POST: on a
 * server that supports them without documenting them, they would change its data.
 */
export const undocumentedMethods = (methods: string[]): string[] => ['GET', 'PATCH'].filter((m) => !methods.includes(m));

/** A valid case of the operation (its path parameters filled), or undefined when none can be generated. */
function validCase(ctx: ScenarioContext, req: Requirement, op: Operation): Case | undefined {
  try {
    return new CaseBuilder(ctx.spec, { ...req, operation: op.id, trigger: { kind: 'valid' } }, ctx.seed).minimal();
  } catch (err) {
    // A schema no value satisfies leaves the path out; any other exception is the suite's own error.
    if (err instanceof GenerationError) return undefined;
    throw err;
  }
}

/** The resource's URL with valid credentials, and nothing else: no query parameters (but credentials), no content. */
function bare(ctx: ScenarioContext, c: Case, op: Operation, method: string): HttpRequest {
  const built = toHttpRequest(c, op, ctx.session, ctx.target);
  const url = new URL(built.url);
  url.search = new URLSearchParams(ctx.session.authorize(c).query ?? {}).toString();
  const headers = Object.fromEntries(Object.entries(built.headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
  return { method, url: url.toString(), headers };
}

const step = (x: { case: Case; request: HttpRequest; response: HttpResponse }, check: HttpCheck, input: Omit<Parameters<HttpCheck>[0], 'response'>, expected: string): Step | undefined => {
  const outcome = check({ ...input, response: x.response });
  return outcome && { ...x, outcomes: [outcome], expected };
};

const send = (ctx: ScenarioContext, c: Case, op: Operation, request: HttpRequest) =>
  sendExact(ctx, c, request, { ...op, method: request.method, idempotent: request.method !== 'PATCH' });

/** Runs `steps` over the resources that apply; none: a skip naming why. */
async function overResources(req: Requirement, ctx: ScenarioContext, none: string, each: (r: Resource, c: Case) => Promise<(Step | undefined)[]>): Promise<ScenarioResult> {
  const steps: Step[] = [];
  for (const r of resources(ctx.spec)) {
    const c = validCase(ctx, req, r.op);
    if (c) for (const s of await each(r, c)) if (s) steps.push(s);
  }
  if (steps.length === 0) return unrun(req, 'skip', none);
  return fixedScenario(req, ctx, async () => steps);
}

const methodNotAllowed: Scenario = (req, ctx) =>
  overResources(req, ctx, 'no documented path has an undocumented method this suite sends (GET, PATCH)', async (r, c) => {
    const steps: (Step | undefined)[] = [];
    for (const method of undocumentedMethods(r.methods)) {
      const x = await send(ctx, c, r.op, bare(ctx, c, r.op, method));
      steps.push(step(x, method_not_allowed, { documented: r.methods }, `${method} ${r.path}: 405 with Allow listing ${r.methods.join(', ')}, or 404, 501, another 4xx, a success`));
    }
    return steps;
  });

const options: Scenario = (req, ctx) =>
  overResources(req, ctx, 'no documented path could be addressed', async (r, c) => {
    const x = await send(ctx, c, r.op, bare(ctx, c, r.op, 'OPTIONS'));
    return [step(x, options_allow, { documented: r.methods }, `OPTIONS ${r.path}: no server error; an Allow listing ${r.methods.join(', ')}`)];
  });

/** HEAD where the server claims it: documented, or listed in an Allow (OPTIONS, or a 405 to an undocumented method). */
const head: Scenario = (req, ctx) =>
  overResources(req, ctx, 'no documented GET path where the server claims HEAD (documented, or in an Allow header)', async (r, c) => {
    if (!r.methods.includes('GET')) return [];
    if (!r.methods.includes('HEAD')) {
      const probes = ['OPTIONS', ...undocumentedMethods(r.methods)];
      const answers = await Promise.all(probes.map(async (m) => (await send(ctx, c, r.op, bare(ctx, c, r.op, m))).response));
      if (!answers.some((a) => allowed(a)?.includes('HEAD'))) return [];
    }
    const prepared = ctx.session.prepare?.(c) ?? c;
    const get = toHttpRequest(prepared, r.op, ctx.session, ctx.target);
    const got = await send(ctx, prepared, r.op, get);
    const x = await send(ctx, prepared, r.op, { ...get, method: 'HEAD' });
    return [step(x, head_like_get, { documented: r.methods, get: got.response }, `HEAD ${r.path} answers as GET did (${got.response.status})`)];
  });

const IDEMPOTENT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/**
 * Operations this check may send a valid request to: GET (safe), or idempotent (never a create), not
 * a DELETE, and already sent valid by a requirement of the catalogue that needs nothing from the target.
 */
const resendable = (spec: ConformanceSpec) => (op: Operation) =>
  !!op.successMediaTypes &&
  (op.method === 'GET' ||
    (op.method !== 'DELETE' && (op.idempotent ?? IDEMPOTENT_METHODS.includes(op.method)) && spec.catalogue.some((r) => r.operation === op.id && r.trigger.kind === 'valid' && !r.needs?.length)));

const contentType: Scenario = (req, ctx) => {
  const steps = async () => {
    const out: Step[] = [];
    for (const op of Object.values(ctx.spec.model.operations).filter(resendable(ctx.spec))) {
      const c = validCase(ctx, req, op);
      if (!c) continue;
      const e = await ctx.execute(c);
      const s = step({ case: c, ...e }, documented_media_type, { documented: [], mediaTypes: op.successMediaTypes }, `${op.method} ${op.path}: a 2xx typed ${op.successMediaTypes!.join(' or ')}`);
      if (s) out.push(s);
    }
    return out;
  };
  return steps().then((s) => (s.length ? fixedScenario(req, ctx, async () => s) : unrun(req, 'skip', 'no valid request answered 2xx with content')));
};

/** Each scenario sends its sweep once whatever the run count: one run, of at most `requestsPerRun` requests. */
const requirement = (id: string, title: string, source: string, scenario: string, operation: string, requestsPerRun: number): Requirement => ({
  id,
  title,
  level: 'MUST',
  source: `${RFC_9110} ${source}`,
  operation,
  trigger: { kind: 'scenario', scenario },
  expect: { status: [], statusLevel: 'MUST' },
  requestsPerRun,
  maxRuns: 1,
});

/** HEAD's requests on a GET path at most: OPTIONS and the undocumented methods unless HEAD is documented, then a GET and a HEAD. */
const headRequests = (r: Resource) => (r.methods.includes('HEAD') ? 0 : 1 + undocumentedMethods(r.methods).length) + 2;

/** The HTTP requirements a spec's document calls for, and their scenarios. */
export function httpRequirements(spec: ConformanceSpec): { requirements: Requirement[]; scenarios: Record<string, Scenario> } {
  const all = resources(spec);
  if (all.length === 0) return { requirements: [], scenarios: {} };
  const first = all[0]!.op.id;
  const requirements: Requirement[] = [];
  const scenarios: Record<string, Scenario> = {};
  const add = (id: string, title: string, source: string, scenario: Scenario, requests: number, operation = first) => {
    requirements.push(requirement(id, title, source, `http:${id}`, operation, requests));
    scenarios[`http:${id}`] = scenario;
  };
  const undocumented = all.reduce((n, r) => n + undocumentedMethods(r.methods).length, 0);
  if (undocumented > 0) {
    add(HTTP_IDS.methodNotAllowed, 'an undocumented method on a documented path: a 405 carries Allow with the documented methods (404, 501, another 4xx or a success also legitimate; never a server error)', '15.5.6 (405: "MUST generate an Allow header field"), 15.6.2 (501), 15.5.5 (404)', methodNotAllowed, undocumented);
  }
  add(HTTP_IDS.options, 'OPTIONS on a documented path: no server error, and an Allow it sends lists the documented methods', '9.3.7 (OPTIONS), 10.2.1 (Allow), 15.5.6', options, all.length);
  const gets = all.filter((r) => r.methods.includes('GET'));
  if (gets.length) add(HTTP_IDS.head, 'HEAD where the server claims it (documented or in Allow) answers as GET does', '9.3.2 (HEAD: "identical to GET except that the server MUST NOT send content"), 10.2.1 (Allow)', head, gets.reduce((n, r) => n + headRequests(r), 0), gets[0]!.op.id);
  const typed = Object.values(spec.model.operations).filter(resendable(spec));
  if (typed.length) add(HTTP_IDS.contentType, "a success answer's Content-Type is a media type the document gives it", "8.3 (Content-Type); the document's response content (Swagger 2 produces)", contentType, typed.length, typed[0]!.id);
  return { requirements, scenarios };
}

/** A spec with the HTTP requirements beside its own (its own win on a shared id). */
export function withHttpSemantics(spec: ConformanceSpec): ConformanceSpec {
  const { requirements, scenarios } = httpRequirements(spec);
  const own = new Set(spec.catalogue.map((r) => r.id));
  return { ...spec, catalogue: [...spec.catalogue, ...requirements.filter((r) => !own.has(r.id))], scenarios: { ...scenarios, ...spec.scenarios } };
}
