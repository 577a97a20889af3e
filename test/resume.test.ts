// --resume REPORT.json: a budgeted or interrupted run continued into one report, same seed; the
// requirements the report judged are kept as they were. The interrupted run is a child, signalled as a
// user would; the other runs are the CLI's main in this process. One random case a requirement: what
// is checked is which requirements run and which are kept, not what their cases find.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../specs/index.ts';
import { judged } from '../src/cli/resume.ts';
import type { Report } from '../src/results/report.ts';
import { scratch } from './support/files.ts';
import { BIN, cliInProcess } from './support/cli.ts';
import { readsBack, validReport } from './support/report.ts';

const REQUIREMENTS = (await loadSpec('ringcentral')).catalogue.length;

const { dir } = scratch('resume');

const partial = (reports: string): Report | undefined => {
  try {
    return JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as Report;
  } catch {
    return undefined; // not written yet, or being replaced
  }
};

describe.concurrent('run --resume', () => {
  it('continues a run interrupted at a random moment into one report, same seed, judged requirements kept as they were', async () => {
    const reports = join(dir, 'interrupted');
    // Paced, so the run is still going when it is interrupted; signalled once a few requirements are in.
    // Every format: the interrupted run's report is also the round trip's (test/reports/round-trip.test.ts).
    const child = spawn(process.execPath, [BIN, 'run', '--spec', 'ringcentral', '--runs', '1', '--rate', '20/s', '--seed', '31', '--report-dir', reports]);
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    const wanted = 2 + Math.floor(Math.random() * 6);
    for (let waited = 0; (partial(reports)?.specs[0]?.requirements.length ?? 0) < wanted && waited < 60_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    expect(await new Promise((done) => child.once('close', done)), text).toBe(130);
    const before = validReport(reports);
    expect(before.complete).toBe(false);
    const kept = before.specs[0]!.requirements.filter(judged);
    expect(kept.length).toBeLessThan(REQUIREMENTS);
    expect(text).toMatch(/partial report/);
    // The headline says so, and counts the requirements the run meant to run, not only those it reached.
    expect(readFileSync(join(reports, 'report.md'), 'utf8')).toMatch(new RegExp(`^## sip-conformance: incomplete run: .*; \\d+ of ${REQUIREMENTS} requirements tested$`, 'm'));
    // Read back as every kind of report is, before the run is continued into the same folder.
    await readsBack(dir, 'interrupted', { failures: false });

    const conflict = await cliInProcess(['run', '--resume', join(reports, 'report.json'), '--seed', '5', '--report-dir', reports]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/--resume: --seed 5 conflicts with the report \(31\)/);

    const out = await cliInProcess(['run', '--resume', join(reports, 'report.json'), '--rate', 'none', '--report-dir', reports, '--format', 'json']);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^resuming .*report\\.json: seed 31; ${kept.length} requirements kept as judged`, 'm'));
    const after = validReport(reports);
    expect(after).toMatchObject({ seed: 31, runs: 1, complete: true, startedAt: before.startedAt });
    const requirements = after.specs[0]!.requirements;
    expect(requirements.map((r) => r.id).sort()).toEqual([...new Set(requirements.map((r) => r.id))].sort());
    expect(requirements).toHaveLength(REQUIREMENTS);
    // Planned once each: the kept ones and those this run reached (not the interrupted run's plan again).
    expect(after.specs[0]!.planned).toBe(REQUIREMENTS);
    expect(requirements.filter((r) => r.verdict !== 'pass' && r.verdict !== 'skip')).toEqual([]);
    for (const r of kept) expect(requirements.find((x) => x.id === r.id)).toEqual(r);
    expect(after.specs[0]!.probes?.length).toBeGreaterThan(0);
    expectRequestsOfBoth(before, after, out.stdout);
  });

  it('continues a budgeted run: what the budget cut runs, the rest is kept', async () => {
    const reports = join(dir, 'budget');
    const first = await cliInProcess(['run', '--spec', 'ringcentral', '--runs', '1', '--seed', '8', '--budget', '10', '--format', 'json', '--report-dir', reports]);
    expect(first.code, first.stderr).toBe(0);
    const before = validReport(reports);
    const cut = before.specs[0]!.requirements.filter((r) => r.cut === 'budget');
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) expect(r.reason).toMatch(/^not sent \(budget\): /);
    const out = await cliInProcess(['run', '--resume', join(reports, 'report.json'), '--report-dir', reports, '--format', 'json']);
    expect(out.code, out.stdout + out.stderr).toBe(0);
    const after = validReport(reports);
    const requirements = after.specs[0]!.requirements;
    expect(requirements).toHaveLength(REQUIREMENTS);
    // Planned once each: the kept ones and those this run reached (not the interrupted run's plan again).
    expect(after.specs[0]!.planned).toBe(REQUIREMENTS);
    expect(requirements.filter((r) => r.cut)).toEqual([]);
    for (const r of before.specs[0]!.requirements.filter(judged)) expect(requirements.find((x) => x.id === r.id)).toEqual(r);
    expectRequestsOfBoth(before, after, out.stdout);
  });
});

/**
 * One report, one count: the resumed report's requests are both runs' (a resumed report counted only its
 * own run's, fewer than its requirements' own counts), the same in its totals and on the console line.
 */
function expectRequestsOfBoth(before: Report, after: Report, stdout: string): void {
  const [first, resumed] = [before.specs[0]!, after.specs[0]!];
  const line = new RegExp(`^transport ringcentral: (\\d+) requests \\(${first.transport!.requests} of them before --resume\\)`, 'm').exec(stdout);
  expect(line, stdout).not.toBeNull();
  expect(resumed.transport!.requests).toBe(Number(line![1]));
  expect(resumed.transport!.requests).toBeGreaterThan(first.transport!.requests);
  expect(resumed.totals!.requests).toBe(resumed.transport!.requests);
  expect(resumed.transport!.requests).toBeGreaterThanOrEqual(resumed.requirements.reduce((n, r) => n + (r.requests ?? 0), 0));
}
