// Where a target serves a document's operations: under the document's base path; at the root when
// every valid request answers 404 there (said in one line); where --base-path (config basePath) or a
// target URL's own path says.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../mocks/kit.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { openapiMock } from '../../src/openapi/mock.ts';
import type { ConformanceSpec } from '../../src/model/vendor.ts';
import { runSpec } from '../../src/run/run-spec.ts';

const DOC = join(import.meta.dirname, '../fixtures/openapi/swagger2-params.yaml');
const options = { seed: 11, runs: 3, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000 };
const section = { token: 'sipc-mock-token' };

let spec: ConformanceSpec;
let atRoot: RunningMock;
let elsewhere: RunningMock;
beforeAll(async () => {
  spec = await loadFileSpec(DOC);
  expect(spec.model.basePath).toBe('/v2');
  // The same document served at the root (as Prism serves any document), and under /api/v9.
  atRoot = await startMock(openapiMock('root', { ...spec.model, basePath: '' }), { faults: [], variant: 'strict' });
  elsewhere = await startMock(openapiMock('elsewhere', { ...spec.model, basePath: '/api/v9' }), { faults: [], variant: 'strict' });
});
afterAll(async () => {
  await atRoot.close();
  await elsewhere.close();
});

const failed = (r: Awaited<ReturnType<typeof runSpec>>) => r.requirements.filter((x) => x.verdict === 'fail').map((x) => x.id);

describe('base path', () => {
  it('every valid request 404 under the document base path: the run finds the root, says so, and tests there', async () => {
    const report = await runSpec(spec, { ...options, section: { ...section, target: atRoot.url } });
    expect(report.target).toBe(`${atRoot.url} (every valid request answered 404 under the document's base path /v2; the operations answer at /, tested there (--base-path sets it))`);
    expect(failed(report)).toEqual([]);
    expect(report.requirements.find((r) => r.id === 'SEARCH-VALID-ACCEPTED')?.verdict).toBe('pass');
  });

  it('an explicit base path is kept, even where nothing answers', async () => {
    const report = await runSpec(spec, { ...options, section: { ...section, target: atRoot.url, basePath: '/v2' }, only: ['SEARCH-VALID-ACCEPTED'] });
    expect(report.target).toBe(atRoot.url);
    expect(report.requirements[0]!.failures[0]?.actual.status).toBe(404);
  });

  it("a target URL with a path: the operations are under that path", async () => {
    const report = await runSpec(spec, { ...options, section: { ...section, target: `${elsewhere.url}/api/v9` } });
    expect(failed(report)).toEqual([]);
    expect(report.requirements.find((r) => r.id === 'SEARCH-VALID-ACCEPTED')?.verdict).toBe('pass');
  });
});
