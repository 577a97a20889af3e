// A spec split over several vitest files (src/run/parts.ts): when it splits, and that a split run
// reports what a whole run in chunks (src/run/chunks.ts) reports (verdicts, cases, failures, probes
// once, counts summed), `--only` selecting in a chunked suite.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../specs/index.ts';
import type { Report } from '../src/results/report.ts';
import type { DryRunSpec } from '../src/run/dry-run.ts';
import { selected } from '../src/run/only.ts';
import { MIN_PART_WORK, PART_FILES, planParts, splitWork } from '../src/run/parts.ts';
import type { SuiteOptions } from '../src/run/suite.ts';
import { inProcess, suiteRunner } from './support/cli.ts';

const ids = (n: number, prefix = 'R') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('which specs split', () => {
  it("the main job's shape stays whole: Voximplant's 57 requirements x 50 runs cost more split than whole on 2 cores", () => {
    expect(splitWork([{ spec: 'a', ids: ids(30), splittable: true }, { spec: 'b', ids: ids(26), splittable: true }, { spec: 'v', ids: ids(57, 'V'), splittable: true }], 50, 2)).toEqual({});
  });

  it('the spec with most of the work splits in two on 2 cores, dealt round-robin, the others stay whole', () => {
    const large = ids(57, 'V');
    const parts = splitWork([{ spec: 'a', ids: ids(30), splittable: true }, { spec: 'b', ids: ids(26), splittable: true }, { spec: 'v', ids: large, splittable: true }], 500, 2);
    expect(Object.values(parts).map((p) => [p.spec, p.index, p.of])).toEqual([['v', 1, 2], ['v', 2, 2]]);
    expect(parts[1]!.ids).toEqual(large.filter((_, i) => i % 2 === 0));
    expect([...parts[1]!.ids, ...parts[2]!.ids].sort()).toEqual([...large].sort());
  });

  it('a small run stays whole: too little work for a part of its own, or one core', () => {
    expect(splitWork([{ spec: 'r', ids: ids(1), splittable: true }], 50, 2)).toEqual({});
    expect(splitWork([{ spec: 'r', ids: ids(26), splittable: true }], 50, 2)).toEqual({}); // 1,300 < 2 x MIN_PART_WORK
    expect(splitWork([{ spec: 'v', ids: ids(57), splittable: true }], 150, 2)).toEqual({}); // 8,550: no faster split, more CPU
    expect(splitWork([{ spec: 'r', ids: ids(MIN_PART_WORK), splittable: true }], 2, 1)).toEqual({});
    expect(Object.keys(splitWork([{ spec: 'r', ids: ids(MIN_PART_WORK), splittable: true }], 2, 2))).toHaveLength(2);
  });

  it('a large document splits into one part per core, in blocks, never into more parts than there are part files', () => {
    const doc = ids(32_004);
    const halves = Object.values(splitWork([{ spec: 'big.json', ids: doc, splittable: true }], 2, 2));
    expect(halves.map((p) => p.ids.length)).toEqual([16_004, 16_000]);
    // In blocks of 1,000 (an operation's requirements are neighbours), not one by one.
    expect(halves[0]!.ids.slice(999, 1001)).toEqual(['R999', 'R2000']);
    const many = splitWork(['a', 'b', 'c'].map((spec) => ({ spec, ids: doc, splittable: true })), 2, 8);
    expect(Object.keys(many)).toHaveLength(PART_FILES);
  });

  describe('never against a configured target, paced, under a budget or with a configured registrar', async () => {
    const spec = await loadSpec('voximplant');
    const base: DryRunSpec = { spec, target: 'embedded mock', section: {}, embedded: true };
    const plan = (d: Partial<DryRunSpec>, sip = false) => planParts([{ name: 'voximplant', d: { ...base, ...d }, sip }], 500, 2);
    it('the embedded mock splits', () => expect(Object.keys(plan({}).parts)).toHaveLength(2));
    it('a configured target', () => expect(plan({ target: 'http://127.0.0.1:9', embedded: false }).parts).toEqual({}));
    it('a rate', () => expect(plan({ rate: { limit: 5, windowMs: 1000, source: '--rate' } }).parts).toEqual({}));
    it('a budget', () => expect(plan({ budget: 100_000 }).parts).toEqual({}));
    it('a registrar address', () => expect(plan({}, true).parts).toEqual({}));
    it('what is split is what is selected (--only, --resume, --shard)', () => {
      const { parts, selected } = planParts([{ name: 'voximplant', d: { ...base, only: 'VOX-', done: new Set(['VOX-AUTH-MISSING']) }, sip: false }], 1000, 2, { index: 1, count: 2 });
      const all = Object.values(parts).flatMap((p) => p.ids);
      expect(all.sort()).toEqual([...selected.get('voximplant')!].sort());
      expect(all).not.toContain('VOX-AUTH-MISSING');
      expect(all.length).toBeLessThanOrEqual(Math.ceil(spec.catalogue.length / 2));
    });
  });
});

// One run split in two parts (one test per requirement) and one whole run in chunks of four
// (src/run/chunks.ts): each must report what the other does, so a fault of splitting or of chunking
// shows as a difference (comparing both with a third, plain run cost one more run of the spec; the
// plain path, one file and one test per requirement, is every other run of the suite's).
describe('a split spec and a chunked one report the same', async () => {
  const { root, runSuites } = await suiteRunner();
  const spec = await loadSpec('ringcentral');
  const all = spec.catalogue.map((r) => r.id);
  // Faults, so failures are compared too: one a boundary case finds, one random cases find (its cases to the failure follow the seed).
  const mock = { faults: ['device-id-39-accepted', 'mixed-transports-wss-first-only'], variant: 'strict' as const };
  const run = async (more: Partial<SuiteOptions>, only?: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-parts-'));
    const options: SuiteOptions = { seed: 7, runs: 15, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000, specs: { ringcentral: { section: {}, mock } }, onlyText: only, ...more };
    const out = await inProcess(() => runSuites({ options, targets: { ringcentral: 'embedded mock' }, reportDir: dir, root, report: { partFiles: { 'part-1': 'ringcentral', 'part-2': 'ringcentral' } } }));
    return { out, dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  };
  let chunked: Awaited<ReturnType<typeof run>>;
  let split: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    chunked = await run({ chunk: 4 });
    split = await run({ parts: { 1: { spec: 'ringcentral', index: 1, of: 2, ids: all.filter((_, i) => i % 2 === 0) }, 2: { spec: 'ringcentral', index: 2, of: 2, ids: all.filter((_, i) => i % 2 === 1) } } });
  }, 300_000);

  const byId = (r: Report) => Object.fromEntries(r.specs[0]!.requirements.map((q) => [q.id, { verdict: q.verdict, cases: q.cases, requests: q.requests, failures: q.failures?.map((f) => ({ level: f.level, case: f.case, expected: f.expected, status: f.actual.status })) }]));

  it('every requirement: the same verdict, cases, requests and failures; the same totals', () => {
    expect(chunked.out.code).toBe(1);
    expect(split.out.code).toBe(1);
    for (const r of [chunked, split]) {
      expect(Object.keys(byId(r.report)).sort()).toEqual([...all].sort());
      expect(r.report.specs[0]!.planned).toBe(all.length);
    }
    expect(byId(split.report)).toEqual(byId(chunked.report));
    const verdict = (id: string) => split.report.specs[0]!.requirements.find((q) => q.id === id)!.verdict;
    expect([verdict('RC-DEVICE-ID-LENGTH'), verdict('RC-MIXED-TRANSPORTS')]).toEqual(['fail', 'fail']);
    expect(split.report.totals).toMatchObject({ ...chunked.report.totals, durationMs: expect.any(Number) });
    // Each failing requirement is printed with its replay line.
    for (const r of [chunked, split]) for (const id of ['RC-DEVICE-ID-LENGTH', 'RC-MIXED-TRANSPORTS']) expect(r.out.stdout).toContain(`--only ${id}`);
  });

  it('the tolerance probes are sent once: the same probes, and not one request more split or chunked', () => {
    expect(chunked.report.specs[0]!.probes?.length).toBeGreaterThan(0);
    expect(split.report.specs[0]!.probes).toEqual(chunked.report.specs[0]!.probes);
    expect(split.report.specs[0]!.transport!.requests).toBe(chunked.report.specs[0]!.transport!.requests);
  });

  it("the transport summary is the sum of the parts', and every format counts the same", () => {
    for (const { report: json, dir, out } of [split, chunked]) {
      const requests = json.specs[0]!.transport!.requests;
      expect(json.totals!.requests).toBe(requests);
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(`<div class="stat "><b>${requests}</b><span>requests</span></div>`);
      const t = json.totals!;
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(new RegExp(`^\\| ringcentral \\| [^|]+ \\| ${t.pass} \\| ${t.fail} \\| ${t.warn} \\| ${t.skip} \\| [^|]+ \\| ${requests} \\|$`, 'm'));
      const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(dir, 'junit.xml'), 'utf8'));
      expect(junit.testsuites.testsuite.properties.property).toContainEqual({ name: 'requests', value: String(requests) });
      expect(Number(junit.testsuites.testsuite.failures)).toBe(t.fail);
      expect(out.stdout).toContain(`transport ringcentral: ${requests} requests`);
    }
  });

  it('--only selects in the suite itself: one requirement of a chunked spec, no probes', async () => {
    const only = await run({ chunk: 4 }, 'RC-DEVICE-ID-LENGTH');
    const expected = spec.catalogue.filter((r) => selected(spec.name, r, 'RC-DEVICE-ID-LENGTH')).map((r) => r.id);
    expect(only.report.specs[0]!.requirements.map((r) => r.id)).toEqual(expected);
    expect(only.report.specs[0]!.planned).toBe(expected.length);
    expect(only.report.specs[0]!.probes).toBeUndefined();
    expect(byId(only.report)['RC-DEVICE-ID-LENGTH']).toEqual(byId(chunked.report)['RC-DEVICE-ID-LENGTH']);
  });
});
