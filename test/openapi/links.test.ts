// OpenAPI links drive two-step sequences: the linked request, built from the first exchange, must succeed.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { readDocumentFile } from '../../src/load/spec-loader.ts';
import { scratch } from '../support/files.ts';

const FILE = join(import.meta.dirname, '../fixtures/openapi/link-example.yaml');
const options = { seed: 11, runs: 5, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000 };
const LINK = 'GETUSERBYNAME-LINK-USERREPOSITORIES';

describe('OpenAPI links', () => {
  it('derive one requirement per link, named after the source operation and the link', async () => {
    const spec = await loadFileSpec(FILE);
    expect(spec.catalogue.filter((r) => r.trigger.kind === 'scenario' && r.id.includes('-LINK-')).map((r) => r.id)).toEqual([
      LINK,
      'GETREPOSITORIESBYOWNER-LINK-USERREPOSITORY',
      'GETREPOSITORY-LINK-REPOSITORYPULLREQUESTS',
      'GETPULLREQUESTSBYID-LINK-PULLREQUESTMERGE',
    ]);
  });

  it('follow the link with the value from the first response, and warn when the linked request is refused', async () => {
    const spec = await loadFileSpec(FILE);
    const good = await runSpec(spec, { ...options, section: {}, only: [LINK] });
    expect(good.requirements[0]).toMatchObject({ verdict: 'pass' });
    // A server whose repositories endpoint refuses every user name the users endpoint hands out.
    const doc = (await readDocumentFile(FILE)) as Record<string, any>;
    doc.paths['/2.0/repositories/{username}'].get.parameters[0].schema.pattern = '^no-such-user$';
    const strict = await startMock((await loadFileSpec(scratch('links').file('strict.json', JSON.stringify(doc)))).mock!, { faults: [], variant: 'strict' });
    try {
      const bad = await runSpec(spec, { ...options, section: { target: strict.url }, only: [LINK] });
      expect(bad.requirements[0]).toMatchObject({ verdict: 'warn' });
      expect(bad.requirements[0]!.failures[0]).toMatchObject({ case: 'linked from the answer to: valid input', actual: { status: 422 } });
      expect(bad.requirements[0]!.failures[0]!.request.url).toMatch(/\/2\.0\/repositories\/[^/]+$/);
    } finally {
      await strict.close();
    }
  });

  it('without links in the document, a create is followed by reading and deleting what it created', async () => {
    const spec = await loadFileSpec(join(import.meta.dirname, '../fixtures/openapi/petstore-expanded.yaml'));
    const links = spec.catalogue.filter((r) => r.trigger.kind === 'scenario' && r.id.includes('-LINK-'));
    expect(links.map((r) => r.id)).toEqual(['ADDPET-LINK-CREATED-THEN-GET', 'ADDPET-LINK-CREATED-THEN-DELETE']);
    const report = await runSpec(spec, { ...options, section: {}, only: links.map((r) => r.id) });
    expect(report.requirements.map((r) => r.verdict)).toEqual(['pass', 'pass']);
    expect(report.requirements[0]!.cases).toBeGreaterThan(1);
  });
});
