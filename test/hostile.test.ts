// Servers that misbehave on purpose: every run against one is bounded, writes a report and names the
// server's fault as the cause. Each server is run in the test's own process (the engine and transport
// the CLI's worker runs); two of them also through the CLI's main, one of each outcome (exit 3 with a
// partial report, exit 1 with a complete one): a CLI run starts a vitest worker (1.5-4 s of CPU)
// however few cases it sends, and what the CLI adds (flags, exit code, report files, printed lines)
// does not depend on the server. Its main runs in this process: the process boundary is not what is
// tested here (exit codes as a shell meets them: test/cli-help.test.ts, the signals: round-trip).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report, RequirementResult } from '../src/results/report.ts';
import { prepareSpecRun, runRequirements } from '../src/run/run-spec.ts';
import { loadSpec } from '../specs/index.ts';
import { cliInProcess } from './support/cli.ts';
import { hostileServers } from './support/hostile.ts';

type Name = keyof typeof hostileServers;

const TOKEN = 'hostile-secret-token';
const dir = mkdtempSync(join(tmpdir(), 'sipc-hostile-'));
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ ringcentral: { token: TOKEN } }));

/** What each server must be blamed for, in the failures of the report. */
const CAUSES: Record<Name, RegExp> = {
  hang: /^timeout: /,
  reset: /^(reset|protocol|network): /,
  garbage: /^(protocol|reset|network): /,
  'non-json': /body is not JSON/,
  'huge-body': /^too-large: /,
  'slow-drip': /^timeout: /,
  '5xx-storm': /not_a_server_error: status 503/,
  '429-storm': /^rate-limited: /,
  redirect: /answered 302/,
};

/**
 * A server that answers none of the first requests (hangs, resets, drips past the timeout) is
 * unreachable: the run stops early, exit 3, with one line naming the cause; the others are judged (exit 1).
 */
const UNREACHABLE: Partial<Record<Name, true>> = { hang: true, reset: true, 'slow-drip': true };
const UNREACHABLE_LINE = /the first 5 requests all failed; the last: (timeout|reset|network): /;

/** The CLI's default `--concurrency`. */
const CONCURRENCY = 8;

/**
 * A short request timeout where the server answers nothing in time (it is what they are blamed for);
 * a patient one where it answers at once, so a busy machine cannot turn an answer into a timeout.
 */
const timeoutFor = (name: Name) => (name === 'hang' || name === 'slow-drip' ? 400 : 30_000);

/** What every run against `name` must show in its requirements, wherever it ran; `unreachable` as the run said. */
function expectBlamed(name: Name, requirements: RequirementResult[], unreachable: boolean): void {
  expect(requirements.length).toBeGreaterThan(20);
  if (unreachable) expect(requirements.filter((r) => r.cut === 'unreachable').length).toBeGreaterThan(0);
  else expect(requirements.filter((r) => r.cut !== undefined).map((r) => r.id)).toEqual([]);
  const blamed = requirements.flatMap((r) => r.failures).map((f) => [f.actual.error ?? '', ...f.checks.map((c) => `${c.check}: ${c.message}`)].join('\n'));
  expect(blamed.some((text) => text.split('\n').some((line) => CAUSES[name].test(line))), blamed.slice(0, 3).join('\n---\n')).toBe(true);
}

describe.concurrent('hostile servers: bounded runs, a named cause, stopped early only when nothing answered', () => {
  it.each(Object.keys(CAUSES) as Name[])('%s', async (name) => {
    const server = await hostileServers[name]();
    try {
      const run = await prepareSpecRun(await loadSpec('ringcentral'), { seed: 1, runs: 3, timeoutMs: timeoutFor(name), concurrency: CONCURRENCY, timeLimitMs: 60_000, section: { token: TOKEN }, target: server.url, rate: 'none' });
      // As the CLI's suite runs them: `--concurrency` requirements at a time (vitest's maxConcurrency).
      const report = await runRequirements(run, undefined, CONCURRENCY).finally(() => run.close());
      // Garbage bytes read as a protocol error (an answer: judged) or as a reset (no answer: unreachable).
      const unreachable = UNREACHABLE[name] ?? (name === 'garbage' && report.transport?.unreachable !== undefined);
      if (unreachable) expect(report.transport?.unreachable).toMatch(new RegExp(`^${UNREACHABLE_LINE.source}`));
      else expect(report.transport?.unreachable).toBeUndefined();
      expectBlamed(name, report.requirements, unreachable);
      expect(JSON.stringify(report)).not.toContain(TOKEN);
      if (name === 'redirect') expect(server.hits()).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe.concurrent('hostile servers through the CLI: a report, the documented exit code, no secret printed', () => {
  it.each(['hang', '5xx-storm'] as const)('%s', async (name) => {
    const server = await hostileServers[name]();
    try {
      const reports = join(dir, name);
      const out = await cliInProcess(['run', '--spec', 'ringcentral', '--target', server.url, '--config', config, '--runs', '3', '--rate', 'none', '--timeout', String(timeoutFor(name)), '--report-dir', reports]);
      const written = readFileSync(join(reports, 'report.json'), 'utf8');
      const report = JSON.parse(written) as Report;
      const unreachable = UNREACHABLE[name] === true;
      expect(out.code, out.stderr).toBe(unreachable ? 3 : 1);
      expect(report.complete).toBe(!unreachable);
      if (unreachable) expect(out.stderr).toMatch(new RegExp(`^sip-conformance: target unreachable: http://127\\.0\\.0\\.1:\\d+: ${UNREACHABLE_LINE.source}`, 'm'));
      expectBlamed(name, report.specs[0]!.requirements, unreachable);
      expect(out.stdout + out.stderr + written).not.toContain(TOKEN);
    } finally {
      await server.close();
    }
  });
});
