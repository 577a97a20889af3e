// Public OpenAPI documents (and two written here) against correct servers: the embedded
// `mock --spec FILE` and Stoplight Prism. Every run finishes, tests something, and draws no MUST failure.
import { basename, extname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import type { SpecReport } from '../../src/results/report.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scratch } from '../support/files.ts';
import { startPrism } from '../support/prism.ts';

const files = scratch('corpus');

const FIXTURES = join(import.meta.dirname, '../fixtures/openapi');
export const CORPUS = [
  'petstore.yaml',
  'petstore-expanded.yaml',
  'petstore-expanded.json',
  'uspto.yaml',
  'link-example.yaml',
  'tictactoe.yaml',
  'api-with-examples.yaml',
  'hand-made.yaml',
  'hand-made-31.yaml',
  'swagger2-params.yaml',
];

/**
 * Where Prism itself departs from the documents (each checked, so a Prism that mends it shows up):
 * it validates no cookie parameter, and accepts a Swagger 2 request that lacks a required formData
 * parameter (a form with none, or one without `text`).
 */
const PRISM_GAPS: Record<string, string[]> = {
  'hand-made.yaml': ['GETTHING-COOKIE-SESSION-MAXLENGTH', 'GETTHING-COOKIE-SESSION-MINLENGTH', 'GETTHING-COOKIE-SESSION-PATTERN', 'GETTHING-COOKIE-SESSION-REQUIRED'],
  'swagger2-params.yaml': ['PUTNOTE-BODY-REQUIRED', 'PUTNOTE-BODY-TEXT-REQUIRED'],
};

/**
 * Where Prism departs from HTTP itself, on every document: it answers an undocumented method (and
 * OPTIONS) with 405 and no Allow header, which RFC 9110 15.5.6 says a server MUST send ("The origin
 * server MUST generate an Allow header field in a 405 response"; measured with Prism 5.14:
 * `405 NO_METHOD_MATCHED_ERROR`, no Allow). The suite is right and Prism is wrong: these two
 * requirements fail, and for this reason alone (checked below), never for another.
 */
const PRISM_HTTP_GAPS = ['HTTP-METHOD-NOT-ALLOWED', 'HTTP-OPTIONS'];
const PRISM_HTTP_GAP_REASON = /^405 without an Allow header \(RFC 9110 15\.5\.6: MUST\)$/;

/**
 * Configured as a user would: credentials, no base path. Prism serves the operations at the root, not
 * under the document's base path; the run finds them there by itself. It accepts any credential value.
 */
const PRISM_SECTION = { token: 'prism-token', username: 'u', password: 'p' };

// A request timeout no busy machine reaches (Prism starved of CPU answered past 5 s at a load of 40:
// false failures); a server that answers nothing is not what these documents test.
export const options = { seed: 20261130, runs: 5, timeoutMs: 60_000, concurrency: 8, timeLimitMs: 20_000 };

const verdicts = (r: SpecReport) => r.requirements.map((x) => `${x.verdict} ${x.id}${x.reason ? ` (${x.reason})` : ''}`);
const mustFailures = (r: SpecReport) => r.requirements.filter((x) => x.verdict === 'fail').map((x) => x.id);

describe.each(CORPUS)('%s', (name) => {
  const file = join(FIXTURES, name);

  it('against the embedded mock: finishes, tests something, no MUST failure', async () => {
    const spec = await loadFileSpec(file);
    const report = await runSpec(spec, { ...options, section: {} });
    expect(mustFailures(report), verdicts(report).join('\n')).toEqual([]);
    expect(report.requirements.filter((r) => r.verdict === 'pass').length).toBeGreaterThan(0);
  });

  it('against Prism: finishes, tests something, no MUST failure beyond Prism\'s own gaps', async () => {
    const prism = await startPrism(file);
    try {
      const spec = await loadFileSpec(file);
      const report = await runSpec(spec, { ...options, section: { ...PRISM_SECTION, target: prism.url } });
      expect(mustFailures(report).sort(), verdicts(report).join('\n')).toEqual([...(PRISM_GAPS[name] ?? []), ...PRISM_HTTP_GAPS].sort());
      const httpGapMessages = report.requirements
        .filter((r) => PRISM_HTTP_GAPS.includes(r.id))
        .flatMap((r) => r.failures.flatMap((f) => f.checks.map((c) => c.message)));
      expect(httpGapMessages.length).toBeGreaterThan(0);
      for (const message of httpGapMessages) expect(message).toMatch(PRISM_HTTP_GAP_REASON);
      expect(report.requirements.filter((r) => r.verdict === 'pass').length).toBeGreaterThan(0);
    } finally {
      await prism.close();
    }
  });
});

describe('what the corpus exercises', () => {
  it('loads OpenAPI 3.1 whose meta-schema validation fails, and says so', async () => {
    const spec = await loadFileSpec(join(FIXTURES, 'tictactoe.yaml'));
    expect(spec.ambiguities?.[0]).toMatch(/loaded without meta-schema validation \(.*bearerHttpAuthentication/);
    expect(spec.model.operations['put-square']!.request!.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['path:row', 'path:column']);
  });

  it('names an unsatisfiable schema as a skip, never a hang', async () => {
    const spec = await loadFileSpec(join(FIXTURES, 'hand-made.yaml'));
    const report = await runSpec(spec, { ...options, section: {}, only: ['IMPOSSIBLE-VALID-ACCEPTED'] });
    expect(report.requirements[0]).toMatchObject({ verdict: 'skip', reason: 'cannot generate cases: no number from 10 to 5 (contradictory bounds)' });
  });

  it('names a pattern JavaScript cannot use as a skip, not a failure', async () => {
    const doc = files.file(
      'bad-pattern.yaml',
      `openapi: 3.0.3
info: { title: bad pattern, version: '1' }
paths:
  /a:
    get:
      operationId: a
      parameters: [{ name: x, in: query, required: true, schema: { type: string, pattern: '[a-' } }]
      responses: { '200': { description: ok } }
`,
    );
    const report = await runSpec(await loadFileSpec(doc), { ...options, section: {} });
    // Every requirement, the HTTP ones too (no path can be addressed), is a named skip.
    expect(report.requirements.map((r) => r.verdict)).toEqual(['skip', 'skip', 'skip', 'skip', 'skip', 'skip']);
    expect(report.requirements[0]!.reason).toMatch(/^cannot generate cases: pattern \/\[a-\/ cannot be generated \(Invalid regular expression/);
  });

  it('keeps every Swagger 2 parameter constraint', async () => {
    const spec = await loadFileSpec(join(FIXTURES, 'swagger2-params.yaml'));
    const q = spec.model.operations.search!.request!.parameters.find((p) => p.name === 'q')!;
    expect(q.schema).toEqual({ type: 'string', minLength: 2, maxLength: 12, pattern: '^[a-z ]+$' });
    const ids = spec.catalogue.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['SEARCH-QUERY-Q-MAXLENGTH', 'SEARCH-QUERY-Q-PATTERN', 'SEARCH-QUERY-PAGE-MAXIMUM', 'SEARCH-QUERY-SORT-ENUM', 'PUTNOTE-PATH-NOTEID-PATTERN', 'PUTNOTE-BODY-STARS-MAXIMUM']));
    expect(spec.model.basePath).toBe('/v2');
  });

  it(`names each file's config section after its base name`, async () => {
    for (const name of CORPUS) expect((await loadFileSpec(join(FIXTURES, name))).name).toBe(basename(name, extname(name)));
  });
});
