// The part files (src/run/parts.ts): which specs go there, how a large one is split and how the
// pieces are dealt, and that a run in part files (a split spec, specs side by side) reports what
// each spec in a file of its own reports (verdicts, cases, failures, probes once, counts summed).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../specs/index.ts';
import type { Report } from '../src/results/report.ts';
import type { DryRunSpec } from '../src/run/dry-run.ts';
import { MIN_PART_WORK, PART_FILES, planParts, type SpecPart, splitWork } from '../src/run/parts.ts';
import type { SuiteOptions } from '../src/run/suite.ts';
import { inProcess, suiteRunner } from './support/cli.ts';

const ids = (n: number, prefix = 'R') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

const pieces = (lanes: Record<number, SpecPart[]>) => Object.values(lanes).map((lane) => lane.map((p) => `${p.spec} ${p.index}/${p.of}`));

describe('which specs split, and how the part files are dealt', () => {
  it("the main job's shape: on 2 cores every spec splits in two, dealt round-robin, and each file runs a part of each", () => {
    const large = ids(57, 'V');
    const lanes = splitWork([{ spec: 'a', ids: ids(30), splittable: true }, { spec: 'b', ids: ids(26), splittable: true }, { spec: 'v', ids: large, splittable: true }], 50, 2);
    expect(pieces(lanes)).toEqual([['a 2/2', 'b 2/2', 'v 1/2'], ['a 1/2', 'b 1/2', 'v 2/2']]);
    const [v1, v2] = [lanes[1]![2]!, lanes[2]![2]!];
    expect(v1.ids).toEqual(large.filter((_, i) => i % 2 === 0));
    expect([...v1.ids, ...v2.ids].sort()).toEqual([...large].sort());
  });

  it('dealt most work first to the least loaded file, never two parts of a spec in one file, every requirement once', () => {
    const candidates = ['a', 'b', 'c', 'd', 'e'].map((spec, i) => ({ spec, ids: ids(10 + 40 * i, spec), splittable: true }));
    const lanes = splitWork(candidates, 50, 4);
    const files = Object.values(lanes);
    expect(files).toHaveLength(4);
    for (const lane of files) expect(new Set(lane.map((p) => p.spec)).size).toBe(lane.length);
    expect(files.flatMap((lane) => lane.flatMap((p) => p.ids)).sort()).toEqual(candidates.flatMap((c) => c.ids).sort());
    const loads = files.map((lane) => lane.reduce((n, p) => n + p.ids.length, 0));
    const largestPiece = Math.max(...files.flat().map((p) => p.ids.length));
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(largestPiece);
  });

  it('small specs share the files whole; one spec too small to split, or one core, runs in its own file; one large enough splits over the cores', () => {
    expect(pieces(splitWork([{ spec: 'r', ids: ids(3), splittable: true }, { spec: 's', ids: ids(2), splittable: true }], 50, 2))).toEqual([['r 1/1'], ['s 1/1']]);
    expect(splitWork([{ spec: 'r', ids: ids(1), splittable: true }], 50, 2)).toEqual({});
    expect(splitWork([{ spec: 'r', ids: ids(9), splittable: true }], 50, 2)).toEqual({}); // 450 < MIN_PART_WORK
    expect(splitWork([{ spec: 'r', ids: ids(MIN_PART_WORK), splittable: true }], 2, 1)).toEqual({});
    expect(Object.keys(splitWork([{ spec: 'r', ids: ids(MIN_PART_WORK), splittable: true }], 2, 2))).toHaveLength(2);
    // A spec with nothing selected, or one that cannot share (a target, a rate...), keeps its own file.
    expect(splitWork([{ spec: 'r', ids: ids(3), splittable: true }, { spec: 's', ids: [], splittable: true }, { spec: 't', ids: ids(3), splittable: false }], 50, 2)).toEqual({});
  });

  it('a large document splits into one part per core, in blocks, never into more parts than there are part files', () => {
    const doc = ids(32_004);
    const halves = Object.values(splitWork([{ spec: 'big.json', ids: doc, splittable: true }], 2, 2)).map(([part]) => part!);
    expect(halves.map((p) => p.ids.length)).toEqual([16_004, 16_000]);
    // In blocks of 1,000 (an operation's requirements are neighbours), not one by one.
    expect(halves[0]!.ids.slice(999, 1001)).toEqual(['R999', 'R2000']);
    const many = splitWork(['a', 'b', 'c'].map((spec) => ({ spec, ids: doc, splittable: true })), 2, 8);
    expect(Object.keys(many)).toHaveLength(PART_FILES);
    expect(pieces(many).map((lane) => lane.map((p) => p.split(' ')[0]))).toEqual(Array.from({ length: PART_FILES }, () => ['a', 'b', 'c']));
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
      const { parts, selected } = planParts([{ name: 'voximplant', d: { ...base, only: 'VOX-', done: new Set(['VOX-AUTH-MISSING']) }, sip: false }], 500, 2, { index: 1, count: 2 });
      const all = Object.values(parts).flatMap((lane) => lane.flatMap((p) => p.ids));
      expect(all.sort()).toEqual([...selected.get('voximplant')!].sort());
      expect(all).not.toContain('VOX-AUTH-MISSING');
      expect(all.length).toBeLessThanOrEqual(Math.ceil(spec.catalogue.length / 2));
    });
  });
});

describe('a run in part files (a split spec, specs side by side) reports what each spec in its own file reports', async () => {
  const { root, runSuites } = await suiteRunner();
  const spec = await loadSpec('ringcentral');
  const all = spec.catalogue.map((r) => r.id);
  const beside = (await loadSpec('basip-camdroid')).catalogue.map((r) => r.id);
  // Faults, so failures are compared too: one a boundary case finds, one random cases find (its cases to the failure follow the seed).
  const mock = { faults: ['device-id-39-accepted', 'mixed-transports-wss-first-only'], variant: 'strict' as const };
  const run = async (parts?: Record<number, SpecPart[]>) => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-parts-'));
    const options: SuiteOptions = { seed: 7, runs: 15, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000, specs: { ringcentral: { section: {}, mock }, 'basip-camdroid': { section: {} } }, parts };
    const targets = { ringcentral: 'embedded mock', 'basip-camdroid': 'embedded mock' };
    const out = await inProcess(() => runSuites({ options, targets, reportDir: dir, root, report: { partFiles: { 'part-1': ['ringcentral', 'basip-camdroid'], 'part-2': ['ringcentral'] } } }));
    return { out, dir, report: JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report };
  };
  let whole: Awaited<ReturnType<typeof run>>;
  let split: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    whole = await run();
    const half = (index: number) => ({ spec: 'ringcentral', index, of: 2, ids: all.filter((_, i) => i % 2 === index - 1) });
    split = await run({ 1: [half(1), { spec: 'basip-camdroid', index: 1, of: 1, ids: beside }], 2: [half(2)] });
  }, 300_000);

  const byId = (r: Report, name = 'ringcentral') => Object.fromEntries(r.specs.find((s) => s.spec === name)!.requirements.map((q) => [q.id, { verdict: q.verdict, cases: q.cases, requests: q.requests, failures: q.failures?.map((f) => ({ level: f.level, case: f.case, expected: f.expected, status: f.actual.status })) }]));

  it('a spec side by side with another in a part file: the same verdicts, cases, requests, failures and probes as in its own file', () => {
    expect(Object.keys(byId(split.report, 'basip-camdroid')).sort()).toEqual([...beside].sort());
    expect(byId(split.report, 'basip-camdroid')).toEqual(byId(whole.report, 'basip-camdroid'));
    const camdroid = (r: Report) => r.specs.find((s) => s.spec === 'basip-camdroid')!;
    expect(camdroid(split.report).probes?.length).toBeGreaterThan(0);
    expect(camdroid(split.report).probes).toEqual(camdroid(whole.report).probes);
    expect(camdroid(split.report).transport!.requests).toBe(camdroid(whole.report).transport!.requests);
    expect(camdroid(split.report).planned).toBe(beside.length);
  });

  it('every requirement: the same verdict, cases, requests and failures', () => {
    expect(whole.out.code).toBe(1);
    expect(split.out.code).toBe(1);
    expect(Object.keys(byId(split.report)).sort()).toEqual([...all].sort());
    expect(byId(split.report)).toEqual(byId(whole.report));
    const verdict = (id: string) => split.report.specs[0]!.requirements.find((q) => q.id === id)!.verdict;
    expect([verdict('RC-DEVICE-ID-LENGTH'), verdict('RC-MIXED-TRANSPORTS')]).toEqual(['fail', 'fail']);
  });

  it('the tolerance probes are sent once: the same probes, and not one request more than the whole run', () => {
    expect(whole.report.specs[0]!.probes?.length).toBeGreaterThan(0);
    expect(split.report.specs[0]!.probes).toEqual(whole.report.specs[0]!.probes);
    expect(split.report.specs[0]!.transport!.requests).toBe(whole.report.specs[0]!.transport!.requests);
  });

  it("the transport summary is the sum of the parts', and every format counts the same", () => {
    const rc = (r: Report) => r.specs.find((s) => s.spec === 'ringcentral')!;
    const count = (r: Report) => rc(r).transport!.requests;
    expect(count(split.report)).toBe(count(whole.report));
    const json = split.report;
    const requests = count(json);
    expect(json.totals!.requests).toBe(json.specs.reduce((n, s) => n + s.transport!.requests, 0));
    expect(rc(json).planned).toBe(all.length);
    expect(readFileSync(join(split.dir, 'report.html'), 'utf8')).toContain(`<div class="stat "><b>${requests}</b><span>requests</span></div>`);
    const n = (verdict: string) => rc(json).requirements.filter((q) => q.verdict === verdict).length;
    expect(readFileSync(join(split.dir, 'report.md'), 'utf8')).toMatch(new RegExp(`^\\| ringcentral \\| [^|]+ \\| ${n('pass')} \\| ${n('fail')} \\| ${n('warn')} \\| ${n('skip')} \\| [^|]+ \\| ${requests} \\|$`, 'm'));
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(split.dir, 'junit.xml'), 'utf8'));
    const suite = [junit.testsuites.testsuite].flat().find((x: { name: string }) => x.name === 'ringcentral');
    expect(suite.properties.property).toContainEqual({ name: 'requests', value: String(requests) });
    expect(Number(suite.failures)).toBe(n('fail'));
    expect(split.out.stdout).toContain(`transport ringcentral: ${requests} requests`);
  });
});
