// Servers with one request rule relaxed (a copy of the document with one constraint removed, served
// by the embedded mock and by Prism): the requirement for that rule catches each, and passes the
// server that keeps the rule.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { MOCK_CREDENTIALS } from '../../src/openapi/mock.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { readDocumentFile } from '../../src/load/spec-loader.ts';
import { scratch } from '../support/files.ts';
import { startPrism } from '../support/prism.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/openapi');
const files = scratch('relaxed');
const options = { seed: 20261130, runs: 10, timeoutMs: 5000, concurrency: 8, timeLimitMs: 20_000 };
const PRISM_SECTION = { basePath: '', token: 'prism-token', username: 'u', password: 'p' };

type Doc = Record<string, any>;
interface Relaxed {
  file: string;
  rule: string;
  requirement: string;
  relax(doc: Doc): void;
}

const RELAXED: Relaxed[] = [
  { file: 'tictactoe.yaml', rule: 'path parameter maximum', requirement: 'PUT-SQUARE-PATH-ROW-MAXIMUM', relax: (d) => delete d.components.schemas.coordinate.maximum },
  { file: 'link-example.yaml', rule: 'query parameter enum', requirement: 'GETPULLREQUESTSBYREPOSITORY-QUERY-STATE-ENUM', relax: (d) => delete d.paths['/2.0/repositories/{username}/{slug}/pullrequests'].get.parameters[2].schema.enum },
  { file: 'petstore-expanded.yaml', rule: 'required body property', requirement: 'ADDPET-BODY-NAME-REQUIRED', relax: (d) => delete d.components.schemas.NewPet.required },
  { file: 'uspto.yaml', rule: 'required form field', requirement: 'PERFORM-SEARCH-BODY-CRITERIA-REQUIRED', relax: (d) => delete d.paths['/{dataset}/{version}/records'].post.requestBody.content['application/x-www-form-urlencoded'].schema.required },
  { file: 'petstore-expanded.json', rule: 'Swagger 2 query parameter type', requirement: 'FINDPETS-QUERY-LIMIT-TYPE', relax: (d) => Object.assign(d.paths['/pets'].get.parameters[1], { type: 'string', format: undefined }) },
  { file: 'swagger2-params.yaml', rule: 'Swagger 2 query parameter maxLength', requirement: 'SEARCH-QUERY-Q-MAXLENGTH', relax: (d) => delete d.paths['/search'].get.parameters[0].maxLength },
  { file: 'hand-made.yaml', rule: 'header parameter pattern', requirement: 'GETTHING-HEADER-X-REQUEST-ID-PATTERN', relax: (d) => delete d.paths['/things/{thingId}'].parameters[1].schema.pattern },
  { file: 'hand-made.yaml', rule: 'multipart field maxLength', requirement: 'UPLOAD-BODY-TITLE-MAXLENGTH', relax: (d) => delete d.paths['/uploads'].post.requestBody.content['multipart/form-data'].schema.properties.title.maxLength },
  { file: 'hand-made.yaml', rule: 'form field minimum', requirement: 'SUBMITFORM-BODY-AGE-MINIMUM', relax: (d) => delete d.paths['/forms'].post.requestBody.content['application/x-www-form-urlencoded'].schema.properties.age.minimum },
  { file: 'tictactoe.yaml', rule: 'declared security', requirement: 'GET-BOARD-AUTH-MISSING', relax: (d) => delete d.paths['/board'].get.security },
];

async function relaxedCopy(r: Relaxed): Promise<string> {
  const doc = (await readDocumentFile(join(FIXTURES, r.file))) as Doc;
  r.relax(doc);
  return files.file(`${r.requirement.toLowerCase()}.json`, JSON.stringify(doc));
}

describe.each(RELAXED)('$rule relaxed ($file)', (r) => {
  it(`${r.requirement} catches the embedded mock of the relaxed copy, and passes the faithful one`, async () => {
    const spec = await loadFileSpec(join(FIXTURES, r.file));
    expect(spec.catalogue.map((x) => x.id)).toContain(r.requirement);
    const faithful = await runSpec(spec, { ...options, section: {}, only: [r.requirement] });
    expect(faithful.requirements[0]!.verdict).toBe('pass');
    const mock = await startMock((await loadFileSpec(await relaxedCopy(r))).mock!, { faults: [], variant: 'strict' });
    try {
      const report = await runSpec(spec, { ...options, section: { target: mock.url, ...MOCK_CREDENTIALS }, only: [r.requirement] });
      expect(['fail', 'warn']).toContain(report.requirements[0]!.verdict);
      expect(report.requirements[0]!.failures[0]!.replay).toContain(`--only ${r.requirement}`);
    } finally {
      await mock.close();
    }
  });

  it(`${r.requirement} catches Prism serving the relaxed copy`, async () => {
    const spec = await loadFileSpec(join(FIXTURES, r.file));
    const prism = await startPrism(await relaxedCopy(r));
    try {
      const report = await runSpec(spec, { ...options, section: { ...PRISM_SECTION, target: prism.url }, only: [r.requirement] });
      expect(['fail', 'warn']).toContain(report.requirements[0]!.verdict);
    } finally {
      await prism.close();
    }
  });
});
