// What is set is what is read, and what BAS-IP does not know it ignores: properties over valid settings.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  type Case, type HttpRequest, isRecord, type Json, type JsonObject, outcome, propertyScenario, type Requirement,
  sendCase, statusOutcome, type Step,
} from '../../src/index.ts';
import { type BasipContext, type BasipScenario, bodyOf, excerpt, settingsRead, validSettings } from './scenarios.ts';

const ok2xx = (r: Step['response']) => !r.error && r.status >= 200 && r.status < 300;

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
  const post = await sendCase(ctx, c);
  const get = ok2xx(post.response) ? await sendCase(ctx, settingsRead(req)) : undefined;
  return { post, get };
}

/** What is set is what is read: every posted field but the password comes back from GET. */
export const persistence: BasipScenario = (req, ctx) =>
  propertyScenario(req, ctx, validSettings(req, ctx), async (c) => {
    const { post, get } = await postThenGet(req, ctx, c);
    const posted: Step = { ...post, outcomes: [statusOutcome(post.response, '2xx', 'MUST', 'POST of valid settings')], expected: '2xx' };
    if (!get) return [posted];
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
    return [posted, { ...get, case: { ...settingsRead(req), note: `GET after ${c.note}` }, outcomes, expected: '200 with the posted values (password aside)' }];
  });

const unknownKey = fc.stringMatching(/^sipc_[a-z0-9_]{1,10}$/);
const unknownValue: fc.Arbitrary<Json> = fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 12 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const unknownQuery = fc.dictionary(fc.stringMatching(/^x[a-z0-9]{0,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { minKeys: 1, maxKeys: 2 });

const withQuery = (query: Record<string, string>) => ({
  request: (r: HttpRequest) => {
    const url = new URL(r.url);
    for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
    return { ...r, url: url.toString() };
  },
});

/** BAS-IP ignores JSON properties and query parameters it does not know: such requests are accepted. */
export const unknownFieldsIgnored: BasipScenario = (req, ctx) => {
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
        { ...post, outcomes: [statusOutcome(post.response, '2xx', 'MUST', 'POST with unknown properties and query parameters')], expected: '2xx' },
        { ...get, case: settingsRead(req), outcomes: [statusOutcome(get.response, [200], 'MUST', 'GET with unknown query parameters')], expected: '200' },
      ];
    },
    [[example, { sipc_unknown: 1, sipc_flag: true }, { sipc_extra: 'x' }, { debug: '1' }]],
  );
};
