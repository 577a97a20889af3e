// What HTTP itself requires, for a user's document: the embedded mock passes every HTTP requirement
// (HEAD: skipped, it claims none), and each HTTP fault of the shell is caught by the requirement it names.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { runSpec } from '../../src/run/run-spec.ts';

const DOC = join(import.meta.dirname, '../fixtures/openapi/petstore-expanded.yaml');
const options = { seed: 5, runs: 5, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000, section: {} };
const spec = await loadFileSpec(DOC);
const only = spec.catalogue.filter((r) => r.id.startsWith('HTTP-')).map((r) => r.id);

describe('HTTP requirements of a file spec', () => {
  it('are derived from the document, each citing RFC 9110', () => {
    expect(only).toEqual(['HTTP-METHOD-NOT-ALLOWED', 'HTTP-OPTIONS', 'HTTP-HEAD', 'HTTP-CONTENT-TYPE']);
    for (const r of spec.catalogue.filter((x) => only.includes(x.id))) expect(r.source).toMatch(/^RFC 9110 \(HTTP Semantics\) \d/);
  });

  it('the clean embedded mock passes them', async () => {
    const report = await runSpec(spec, { ...options, only });
    expect(report.requirements.map((r) => `${r.id} ${r.verdict}`)).toEqual(['HTTP-METHOD-NOT-ALLOWED pass', 'HTTP-OPTIONS pass', 'HTTP-HEAD skip', 'HTTP-CONTENT-TYPE pass']);
  });

  it.each(spec.mock!.faults.filter((f) => f.name.startsWith('http-')).map((f) => [f.name, f.breaks] as const))('fault %s is caught by %s', async (fault, breaks) => {
    const report = await runSpec(spec, { ...options, only, mock: { faults: [fault], variant: 'strict' } });
    const failed = report.requirements.filter((r) => r.verdict === 'fail').map((r) => r.id);
    expect(failed.filter((id) => breaks.includes(id))).not.toEqual([]);
  });
});

describe('a created resource can be read', () => {
  const link = 'ADDPET-LINK-CREATED-THEN-GET';
  it('a mock that never finds what it created draws a warning naming the GET of it', async () => {
    expect(spec.mock!.faults.find((f) => f.name === 'created-not-found')?.breaks).toEqual([link]);
    const clean = await runSpec(spec, { ...options, only: [link] });
    expect(clean.requirements[0]).toMatchObject({ verdict: 'pass' });
    const report = await runSpec(spec, { ...options, only: [link], mock: { faults: ['created-not-found'], variant: 'strict' } });
    expect(report.requirements[0]).toMatchObject({ verdict: 'warn' });
    expect(report.requirements[0]!.failures[0]!.actual.status).toBe(404);
  });
});

describe('a deleted resource is gone (RFC 9110 9.3.5)', () => {
  const link = 'ADDPET-LINK-CREATED-THEN-DELETE';
  it('the embedded mock forgets what a DELETE removed: the link requirement holds', async () => {
    expect(spec.mock!.faults.find((f) => f.name === 'deleted-still-there')?.breaks).toEqual([link]);
    const report = await runSpec(spec, { ...options, only: [link] });
    expect(report.requirements[0]).toMatchObject({ verdict: 'pass' });
  });

  it('a mock still serving a deleted resource draws a warning naming the GET after the DELETE', async () => {
    const report = await runSpec(spec, { ...options, only: [link], mock: { faults: ['deleted-still-there'], variant: 'strict' } });
    expect(report.requirements[0]).toMatchObject({ verdict: 'warn' });
    expect(report.requirements[0]!.failures[0]!.checks.map((c) => c.message)).toEqual(['GET after DELETE answered 200, expected 404 or 410']);
  });
});
