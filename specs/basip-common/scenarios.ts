// Requirements of both BAS-IP specs that a single request cannot show: login, what is set is what
// is read, unknown fields ignored, and sweeps of the error envelope over every invalid-input requirement.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  blankCase, type Case, CaseBuilder, type CheckOutcome, type ConformanceSpec, error_code_conformance,
  error_envelope_conformance, error_param_named, type ErrorEnvelope, type Expected, type FailureRecord,
  type HttpRequest, type HttpResponse, isRecord, type Json, type JsonObject, type Level, paramName, planCases,
  type Requirement, type Scenario, type ScenarioContext, type ScenarioResult, toHttpRequest,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';
import { type BasipSession, md5Hex } from './session.ts';

export type BasipContext = ScenarioContext<BasipSession>;
export type BasipScenario = Scenario<BasipSession>;

/** One request a scenario sent, with the outcomes of its own checks. */
export interface Probe {
  c: Case;
  request: HttpRequest;
  response: HttpResponse;
  outcomes: CheckOutcome[];
  /** What the scenario expected, for the report. */
  expected: string;
}

export const outcome = (check: string, ok: boolean, level: Level, message: string): CheckOutcome => ({ check, ok, level, message });
const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);
const bodyOf = (r: HttpResponse): unknown => (r.json && 'value' in r.json ? r.json.value : undefined);
const ok2xx = (r: HttpResponse) => !r.error && r.status >= 200 && r.status < 300;
const ACCEPT: Expected = { accept: true };

/** A case for an operation of the spec, sent as the runner would. */
export function caseFor(req: Requirement, operation: string, note: string, input?: Json): Case {
  return blankCase(req.id, operation, note, input);
}

/** Sends a case, optionally reshaping the exact request (extra query parameters, another method). */
export async function sendCase(ctx: BasipContext, c: Case, reshape?: (r: HttpRequest) => HttpRequest): Promise<{ request: HttpRequest; response: HttpResponse }> {
  if (!reshape) return ctx.send(c);
  const op = ctx.spec.model.operations[c.operation]!;
  const request = reshape(toHttpRequest(c, op, ctx.session, ctx.session.target));
  return { request, response: await ctx.client.send(request) };
}

/** A status outcome; transport failures always fail. */
export function statusOutcome(r: HttpResponse, want: number[] | '2xx', level: Level, what: string): CheckOutcome {
  if (r.error) return outcome('response_received', false, 'MUST', `${what}: ${r.error.cause}: ${r.error.message}`);
  const ok = want === '2xx' ? ok2xx(r) : want.includes(r.status);
  return outcome('status', ok, level, `${what} answered ${r.status}${ok ? '' : ` ${excerpt(r.text)}`}, expected ${want === '2xx' ? '2xx' : want.join(' or ')}`);
}

/** Collects probes into a result: the first MUST failure fails, up to 3 SHOULD failures warn. */
class Tally {
  cases = 0;
  readonly warnings: FailureRecord[] = [];
  constructor(
    readonly req: Requirement,
    readonly ctx: BasipContext,
  ) {}

  record(p: Probe, level: Level): FailureRecord {
    const execution = { request: p.request, response: p.response, expected: ACCEPT, outcomes: p.outcomes };
    return { ...this.ctx.record(p.c, execution, level), expected: p.expected };
  }

  /** True when a MUST outcome failed. */
  add(p: Probe): boolean {
    this.cases++;
    const failed = p.outcomes.filter((o) => !o.ok);
    if (failed.some((o) => o.level === 'MUST')) return true;
    if (failed.length > 0 && this.warnings.length < 3) this.warnings.push(this.record(p, 'SHOULD'));
    return false;
  }

  result(mustFailure?: Probe, reason?: string): ScenarioResult {
    const head = { operation: this.req.operation, cases: this.cases, ...(reason && { reason }) };
    if (mustFailure) return { ...head, verdict: 'fail', failures: [this.record(mustFailure, 'MUST'), ...this.warnings] };
    if (reason) return { ...head, verdict: 'fail', failures: this.warnings };
    return { ...head, verdict: this.warnings.length ? 'warn' : 'pass', failures: this.warnings };
  }
}

/** A fixed list of probes: each is sent and judged; the first MUST failure is reported. */
export async function fixedScenario(req: Requirement, ctx: BasipContext, probes: () => Promise<Probe[]>): Promise<ScenarioResult> {
  const tally = new Tally(req, ctx);
  let failure: Probe | undefined;
  for (const p of await probes()) if (tally.add(p) && !failure) failure = p;
  return tally.result(failure);
}

/** A property over generated values: fast-check shrinks a MUST failure to a small counterexample. */
export async function propertyScenario<T>(
  req: Requirement,
  ctx: BasipContext,
  arbitrary: fc.Arbitrary<T>,
  probe: (value: T) => Promise<Probe[]>,
  examples: T[] = [],
): Promise<ScenarioResult> {
  const tally = new Tally(req, ctx);
  const failing = new Map<T, Probe>();
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      for (const p of await probe(value)) {
        if (tally.add(p)) {
          failing.set(value, p);
          return false;
        }
      }
      return true;
    }),
    { seed: ctx.seed, numRuns: ctx.runs, examples: examples.map((e) => [e] as [T]), interruptAfterTimeLimit: ctx.timeLimitMs, markInterruptAsFailure: false },
  );
  if (details.failed && details.counterexample) return tally.result(failing.get(details.counterexample[0]));
  if (details.failed) return tally.result(undefined, `suite error: ${String(details.errorInstance)}`);
  return tally.result();
}

/** Valid settings bodies, as the engine generates them. */
export const validSettings = (req: Requirement, ctx: BasipContext): fc.Arbitrary<Case> =>
  new CaseBuilder(ctx.spec, { ...req, operation: OPS.set }, ctx.seed).valid();

const settingsRead = (req: Requirement) => caseFor(req, OPS.get, 'GET settings');

/** A host may read back with a `sip:` prefix added or dropped (docs/undecided: read-back-form). */
const withoutSipPrefix = (v: unknown) => (typeof v === 'string' ? v.replace(/^sip:/i, '') : v);
const sameValue = (posted: Json, read: unknown) => isDeepStrictEqual(withoutSipPrefix(posted), withoutSipPrefix(read));

function fieldDifferences(posted: Json, got: unknown, skip: string[], prefix = ''): string[] {
  if (!isRecord(posted)) return sameValue(posted, got) ? [] : [`${prefix || 'body'}: posted ${JSON.stringify(posted)}, read ${JSON.stringify(got)}`];
  return Object.entries(posted).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (skip.includes(path)) return [];
    const read = isRecord(got) ? got[key] : undefined;
    if (isRecord(value)) return fieldDifferences(value, read, skip, path);
    return sameValue(value, read) ? [] : [`${path}: posted ${JSON.stringify(value)}, read ${JSON.stringify(read)}`];
  });
}

/** POST then GET, as one step no other requirement interleaves with (the session serialises these scenarios). */
async function postThenGet(req: Requirement, ctx: BasipContext, c: Case) {
  const post = await ctx.send(c);
  const get = ok2xx(post.response) ? await ctx.send(settingsRead(req)) : undefined;
  return { post, get };
}

/** What is set is what is read: every posted field but the password comes back from GET. */
export const persistence: BasipScenario = (req, ctx) =>
  propertyScenario(req, ctx, validSettings(req, ctx), async (c) => {
    const { post, get } = await postThenGet(req, ctx, c);
    const postProbe: Probe = { c, ...post, outcomes: [statusOutcome(post.response, '2xx', 'MUST', 'POST of valid settings')], expected: '2xx' };
    if (!get) return [postProbe];
    const read = bodyOf(get.response);
    const diffs = get.response.status === 200 ? fieldDifferences(c.input ?? {}, read, ['password']) : [];
    const outcomes = [
      statusOutcome(get.response, [200], 'MUST', 'GET after the POST'),
      ...(get.response.status === 200
        ? [
            outcome('settings_read_back', isRecord(read) && diffs.length === 0, 'MUST', isRecord(read) ? (diffs.length ? `GET differs from the accepted POST: ${diffs.slice(0, 4).join('; ')}` : 'settings read back') : `GET body is not a JSON object: ${excerpt(get.response.text)}`),
          ]
        : []),
    ];
    return [postProbe, { c: { ...settingsRead(req), note: `GET after ${c.note}` }, ...get, outcomes, expected: '200 with the posted values (password aside)' }];
  });

const unknownKey = fc.stringMatching(/^sipc_[a-z0-9_]{1,10}$/);
const unknownValue: fc.Arbitrary<Json> = fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 12 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const unknownQuery = fc.dictionary(fc.stringMatching(/^x[a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { minKeys: 1, maxKeys: 2 });

/** BAS-IP ignores JSON properties and query parameters it does not know: such requests are accepted. */
export const unknownFieldsIgnored: BasipScenario = (req, ctx) => {
  const withQuery = (query: Record<string, string>) => (r: HttpRequest) => {
    const url = new URL(r.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
    return { ...r, url: url.toString() };
  };
  const arbitrary = fc.tuple(
    validSettings(req, ctx),
    fc.dictionary(unknownKey, unknownValue, { minKeys: 1, maxKeys: 3 }),
    fc.option(fc.dictionary(unknownKey, unknownValue, { minKeys: 1, maxKeys: 2 }), { nil: undefined }),
    unknownQuery,
  );
  const example = fc.sample(validSettings(req, ctx), { seed: ctx.seed, numRuns: 1 })[0]!;
  return propertyScenario(
    req,
    ctx,
    arbitrary,
    async ([valid, extra, stunExtra, query]) => {
      const input = valid.input as JsonObject;
      const stun: JsonObject = isRecord(input.stun) && stunExtra ? { stun: { ...(input.stun as JsonObject), ...stunExtra } } : {};
      const c: Case = { ...valid, note: `unknown properties ${Object.keys({ ...extra, ...stunExtra }).join(', ')} and query ${new URLSearchParams(query)}`, input: { ...input, ...extra, ...stun } };
      const post = await sendCase(ctx, c, withQuery(query));
      const get = await sendCase(ctx, { ...settingsRead(req), note: `GET with query ${new URLSearchParams(query)}` }, withQuery(query));
      return [
        { c, ...post, outcomes: [statusOutcome(post.response, '2xx', 'MUST', 'POST with unknown properties and query parameters')], expected: '2xx' },
        { c: settingsRead(req), ...get, outcomes: [statusOutcome(get.response, [200], 'MUST', 'GET with unknown query parameters')], expected: '200' },
      ];
    },
    [[example, { sipc_unknown: 1, sipc_flag: true }, { sipc_extra: 'x' }, { debug: '1' }]],
  );
};

/** GET login with the MD5 of the password returns a token; wrong or plain-text passwords give 401. */
export const loginScenario: BasipScenario = (req, ctx) =>
  fixedScenario(req, ctx, async () => {
    const { account } = ctx.session;
    const attempt = async (note: string, password: string) => {
      const c: Case = { ...caseFor(req, OPS.login, note, { username: account.username, password }), auth: { kind: 'none' } };
      return { c, ...(await ctx.send(c)) };
    };
    const good = await attempt('login with the MD5 of the password', md5Hex(account.password));
    const body = bodyOf(good.response);
    const token = isRecord(body) ? body.token : undefined;
    if (typeof token === 'string' && token.length >= 4) ctx.session.secrets.push(token);
    const wrong = await attempt('login with a wrong password', md5Hex(`${account.password}-sipc-wrong`));
    const plain = await attempt('login with the plain-text password', account.password);
    return [
      {
        ...good,
        outcomes: [
          statusOutcome(good.response, [200], 'MUST', 'login'),
          ...(good.response.status === 200
            ? [
                outcome('login_token', typeof token === 'string' && token !== '', 'MUST', `token ${typeof token === 'string' ? 'present' : `missing: ${excerpt(good.response.text)}`}`),
                outcome('login_account_type', isRecord(body) && 'account_type' in body, 'MUST', isRecord(body) && 'account_type' in body ? 'account_type present' : 'no account_type in the answer'),
              ]
            : []),
        ],
        expected: '200 {"account_type":..,"token":..}',
      },
      { ...wrong, outcomes: [statusOutcome(wrong.response, [401], 'MUST', 'login with a wrong password')], expected: '401' },
      { ...plain, outcomes: [statusOutcome(plain.response, [401], 'MUST', 'login with the password not MD5-hashed')], expected: '401' },
    ];
  });

const isProbe = (v: Record<string, string> | Probe): v is Probe => 'outcomes' in v;

/** Requests with the given Authorization header (GET settings and POST of valid settings) are accepted. */
function acceptedWith(req: Requirement, ctx: BasipContext, what: string, headers: () => Promise<Record<string, string> | Probe>): Promise<ScenarioResult> {
  return fixedScenario(req, ctx, async () => {
    const auth = await headers();
    if (isProbe(auth)) return [auth];
    const valid = fc.sample(validSettings(req, ctx), { seed: ctx.seed, numRuns: 1 })[0]!;
    const get: Case = { ...settingsRead(req), note: `GET settings with ${what}`, auth: { kind: 'none' }, headers: auth };
    const post: Case = { ...valid, note: `POST valid settings with ${what}`, auth: { kind: 'none' }, headers: auth };
    const g = await ctx.send(get);
    const p = await ctx.send(post);
    return [
      { c: get, ...g, outcomes: [statusOutcome(g.response, [200], 'MUST', `GET with ${what}`)], expected: '200' },
      { c: post, ...p, outcomes: [statusOutcome(p.response, '2xx', 'MUST', `POST with ${what}`)], expected: '2xx' },
    ];
  });
}

/** A fresh login token works as Authorization: Bearer. */
export const authBearer: BasipScenario = (req, ctx) =>
  acceptedWith(req, ctx, 'a fresh login token as Bearer', async () => {
    const { account } = ctx.session;
    const c: Case = { ...caseFor(req, OPS.login, 'login', { username: account.username, password: md5Hex(account.password) }), auth: { kind: 'none' } };
    const sent = await ctx.send(c);
    const body = bodyOf(sent.response);
    const token = isRecord(body) && typeof body.token === 'string' ? body.token : undefined;
    if (!token) return { c, ...sent, outcomes: [outcome('login_token', false, 'MUST', `login answered ${sent.response.status} without a token`)], expected: '200 with a token' };
    if (token.length >= 4) ctx.session.secrets.push(token);
    return { Authorization: `Bearer ${token}` };
  });

/** HTTP Basic with the web account is accepted. */
export const authBasic: BasipScenario = (req, ctx) =>
  acceptedWith(req, ctx, 'HTTP Basic', async () => {
    const { account, basic } = ctx.session;
    return basic(account.username, account.password);
  });

/** Without valid credentials: 401 and the documented body, for GET and POST. */
export function unauthorizedBody(judge: (body: unknown) => CheckOutcome[], expected: string): BasipScenario {
  return (req, ctx) =>
    fixedScenario(req, ctx, async () => {
      const { headers } = ctx.session;
      const valid = fc.sample(validSettings(req, ctx), { seed: ctx.seed, numRuns: 1 })[0]!;
      const variants: [string, Record<string, string>][] = [
        ['no credentials', {}],
        ['an invalid Bearer token', headers.invalidBearer],
        ['a wrong Basic password', headers.invalidBasic],
      ];
      const probes: Probe[] = [];
      for (const [what, auth] of variants) {
        for (const base of [settingsRead(req), valid]) {
          const c: Case = { ...base, note: `${base.operation === OPS.get ? 'GET' : 'POST'} with ${what}`, auth: { kind: 'none' }, headers: auth };
          const sent = await ctx.send(c);
          const outcomes = [statusOutcome(sent.response, [401], 'MUST', c.note), ...(sent.response.status === 401 ? judge(bodyOf(sent.response)) : [])];
          probes.push({ c, ...sent, outcomes, expected: `401 ${expected}` });
        }
      }
      return probes;
    });
}

export interface SweepOptions {
  /** The full catalogue (a filtered run still sweeps every invalid-input requirement). */
  catalogue: () => Requirement[];
  /** Requirements whose cases are swept. */
  select: (r: Requirement) => boolean;
  /** Outcomes for one rejected case. */
  judge: (c: Case, response: HttpResponse, spec: ConformanceSpec) => CheckOutcome[];
  expected: string;
}

/**
 * Sends boundary and random cases of other requirements and judges each 4xx answer: checks the
 * field requirements report as warnings (the error envelope, the parameter named) fail here.
 */
export function errorSweep(o: SweepOptions): BasipScenario {
  return (req, ctx) =>
    fixedScenario(req, ctx, async () => {
      const perRequirement = Math.max(2, Math.ceil(ctx.runs / 8));
      const cases = o
        .catalogue()
        .filter((r) => r.id !== req.id && o.select(r) && (r.trigger.kind === 'constraint' || r.trigger.kind === 'rule' || r.trigger.kind === 'content'))
        .flatMap((r) => {
          const plan = planCases(r, ctx.spec, ctx.session, ctx.seed);
          if ('skip' in plan) return [];
          const invalid = plan.examples.filter((c) => c.violations.length > 0);
          return [...invalid.slice(0, perRequirement), ...fc.sample(plan.arbitrary, { seed: ctx.seed, numRuns: perRequirement })];
        });
      const probes: Probe[] = [];
      for (const c of cases) {
        const sent = await ctx.send(c);
        const r = sent.response;
        if (r.error || r.status < 400 || r.status >= 500) continue;
        probes.push({ c, ...sent, outcomes: o.judge(c, r, ctx.spec), expected: o.expected });
      }
      return probes;
    });
}

/** The envelope check at MUST, for a sweep. */
export function envelopeOutcomes(response: HttpResponse, spec: ConformanceSpec, codes?: string[]): CheckOutcome[] {
  const op = spec.model.operations[OPS.set]!;
  const envelope: ErrorEnvelope = { ...spec.envelope, level: 'MUST' };
  const expected: Expected = { accept: false, status: [400], statusLevel: 'MUST', params: [], requirements: [], ...(codes && { codes, codeLevel: 'MUST' as const }) };
  return [error_envelope_conformance, error_code_conformance]
    .map((check) => check({ expected, response, operation: op, envelope, validators: spec.validators }))
    .filter((x): x is CheckOutcome => x !== undefined);
}

/** The parameter-named check at MUST, for a sweep: the error names one of the parameters the case breaks. */
export function paramOutcomes(c: Case, response: HttpResponse, spec: ConformanceSpec, keywords?: string[]): CheckOutcome[] {
  const params = c.violations.filter((v) => v.location === 'body' && v.path !== '' && (!keywords || keywords.includes(v.keyword))).map((v) => paramName(v.path));
  if (params.length === 0) return [];
  const expected: Expected = { accept: false, status: [400], statusLevel: 'MUST', params, paramLevel: 'MUST', requirements: [] };
  const result = error_param_named({ expected, response, operation: spec.model.operations[OPS.set]!, envelope: spec.envelope, validators: spec.validators });
  return result ? [result] : [];
}
