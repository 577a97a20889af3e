// CI gating, diff, merge and sharding as pure functions (the CLI tests run them end to end).
import { describe, expect, it } from 'vitest';
import { diffReports, formatDiff } from '../../src/results/diff.ts';
import { baselineOf, gate } from '../../src/results/gate.ts';
import { mergeReports } from '../../src/results/merge.ts';
import type { Report } from '../../src/results/report.ts';
import { inShard, parseShard } from '../../src/run/shard.ts';
import { failure, report, requirement } from '../support/report.ts';

const must = { failOn: 'must' as const, filtered: false };
const known = (id: string) => ({ knownFailures: [{ spec: 'ringcentral', id, reason: 'vendor ticket 42' }] });

describe('gate', () => {
  it('a listed failure passes the gate, a new one fails it, a listed one that now passes is stale', () => {
    expect(gate(report(requirement('fail', { id: 'A' })), { ...must, baseline: known('A') })).toEqual({ code: 0, lines: ['known failure ringcentral A (baseline: vendor ticket 42)'] });
    expect(gate(report(requirement('fail', { id: 'A' }), requirement('fail', { id: 'B' })), { ...must, baseline: known('A') }).lines).toContain('new failure ringcentral B');
    const stale = gate(report(requirement('pass', { id: 'A' })), { ...must, baseline: known('A') });
    expect(stale.code).toBe(1);
    expect(stale.lines).toEqual(['stale baseline entry ringcentral A: it passes now; remove it from the baseline']);
    // Skipped (not tested here) is not stale.
    expect(gate(report(requirement('skip', { id: 'A' }), requirement('pass', { id: 'B' })), { ...must, baseline: known('A') }).code).toBe(0);
  });

  it('--fail-on should fails the run on a warning too', () => {
    const r = report(requirement('pass'), requirement('warn'));
    expect(gate(r, must).code).toBe(0);
    expect(gate(r, { ...must, failOn: 'should' })).toEqual({ code: 1, lines: ['--fail-on should: warning ringcentral R-warn fails the run'] });
  });

  it('a run that tested nothing exits 2 with one line', () => {
    expect(gate(report(), { ...must, filtered: true })).toEqual({ code: 2, lines: ['nothing tested: the selection matched no requirement'] });
    const only = { ...report(), settings: { timeoutMs: 1, concurrency: 1, only: 'NOPE' } };
    expect(gate(only, { ...must, filtered: true }).lines).toEqual(['nothing tested: --only NOPE matched no requirement']);
    expect(gate(report(requirement('skip')), must).lines[0]).toMatch(/^nothing tested: all 1 requirements were skipped/);
    const emptySpec = report(requirement('pass'));
    emptySpec.specs.push({ spec: 'api', target: 't', origin: 'api.yaml', requirements: [] });
    expect(gate(emptySpec, must)).toEqual({ code: 2, lines: ['nothing tested in spec api: it has no requirements (no operations?)'] });
    expect(gate(emptySpec, { ...must, filtered: true }).code).toBe(0);
  });

  it('--update-baseline keeps given reasons, names new ones, and keeps entries this run did not test', () => {
    const previous = { knownFailures: [{ spec: 'ringcentral', id: 'A', reason: 'vendor ticket 42' }, { spec: 'ringcentral', id: 'OTHER', reason: 'r' }] };
    const b = baselineOf(report(requirement('fail', { id: 'A' }), requirement('fail', { id: 'B', failures: [failure()] })), 'must', previous);
    expect(b.knownFailures).toEqual([
      { spec: 'ringcentral', id: 'OTHER', reason: 'r' },
      { spec: 'ringcentral', id: 'A', reason: 'vendor ticket 42' },
      { spec: 'ringcentral', id: 'B', reason: 'failing since seed 42, 2026-01-01: status 400' },
    ]);
  });
});

describe('diff', () => {
  const before = report(requirement('fail', { id: 'A' }), requirement('pass', { id: 'B' }), requirement('warn', { id: 'C' }));
  const after = report(requirement('pass', { id: 'A' }), requirement('fail', { id: 'B' }), requirement('pass', { id: 'C' }));
  before.specs[0]!.probes = [{ point: 'p', title: 't', source: 's', case: 'c', outcome: 'accepted', status: 200 }];
  after.specs[0]!.probes = [{ point: 'p', title: 't', source: 's', case: 'c', outcome: 'rejected', status: 400, codes: ['CMN-101'] }];

  it('finds new failures, fixes, other verdict changes and changed tolerance choices, both ways', () => {
    const d = diffReports(before, after);
    expect(d.newFailures.map((c) => c.id)).toEqual(['B']);
    expect(d.fixed.map((c) => c.id)).toEqual(['A']);
    expect(d.changed.map((c) => `${c.id} ${c.from}->${c.to}`)).toEqual(['C warn->pass']);
    expect(d.changedProbes).toEqual([{ spec: 'ringcentral', point: 'p', case: 'c', from: 'accepted 200', to: 'rejected 400 CMN-101' }]);
    const back = diffReports(after, before);
    expect(back.newFailures.map((c) => c.id)).toEqual(['A']);
    expect(back.fixed.map((c) => c.id)).toEqual(['B']);
  });

  it('sees a changed answer where a requirement fails in both', () => {
    const x = report(requirement('fail', { id: 'A', failures: [failure()] }));
    const y = report(requirement('fail', { id: 'A', failures: [failure({ actual: { status: 500, body: '' }, checks: [{ check: 'not_a_server_error', level: 'MUST', message: 'm' }] })] }));
    expect(diffReports(x, y).changedAnswers[0]!.answer).toEqual({ from: '200 negative_data_rejection', to: '500 not_a_server_error' });
  });

  it('prints text, Markdown and JSON', () => {
    const d = diffReports(before, after);
    expect(formatDiff(d, 'text')).toContain('new failures: 1\n  ringcentral SPR-114 B: pass -> fail');
    expect(formatDiff(d, 'md')).toMatch(/^## sip-conformance diff: 1 new failure\(s\), 1 fixed/);
    expect(JSON.parse(formatDiff(d, 'json')).fixed[0].id).toBe('A');
  });
});

describe('shards and merge', () => {
  const ids = Array.from({ length: 11 }, (_, i) => ({ id: `R-${String.fromCharCode(97 + ((i * 7) % 26))}${i}` }));

  it('--shard i/n splits deterministically: every requirement in exactly one shard, balanced', () => {
    const parts = [1, 2, 3].map((index) => inShard(ids, { index, count: 3 }));
    expect(parts.flat().map((r) => r.id).sort()).toEqual(ids.map((r) => r.id).sort());
    expect(parts.map((p) => p.length)).toEqual([4, 4, 3]);
    expect(inShard([...ids].reverse(), { index: 2, count: 3 }).map((r) => r.id).sort()).toEqual(parts[1]!.map((r) => r.id).sort());
    expect(() => parseShard('3/2')).toThrow('--shard: expected i/n');
    expect(() => parseShard('0/2')).toThrow();
  });

  const shard = (label: string, ...ids: string[]): { file: string; report: Report } => ({
    file: `${label}.json`,
    report: { ...report(...ids.map((id) => requirement('pass', { id }))), settings: { timeoutMs: 1, concurrency: 1, shard: label } },
  });

  it('merges shards back into one, and refuses overlap, a missing shard or another seed', () => {
    const merged = mergeReports([shard('1/2', 'A', 'C'), shard('2/2', 'B')]);
    expect(merged.specs[0]!.requirements.map((r) => r.id)).toEqual(['A', 'C', 'B']);
    expect(merged.settings).toEqual({ timeoutMs: 1, concurrency: 1 });
    expect(() => mergeReports([shard('1/2', 'A'), shard('2/2', 'A')])).toThrow('ringcentral A is in both 1/2.json and 2/2.json');
    expect(() => mergeReports([shard('1/3', 'A'), shard('2/3', 'B')])).toThrow('shard 3/3 is missing');
    const other = shard('2/2', 'B');
    other.report.seed = 7;
    expect(() => mergeReports([shard('1/2', 'A'), other])).toThrow('different seeds (42, 7)');
  });
});
