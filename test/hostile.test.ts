import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/results/report.ts';
import { cli } from './support/cli.ts';
import { hostileServers } from './support/hostile.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipc-hostile-'));
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ ringcentral: { token: 'hostile-secret-token' } }));

/** What each server must be blamed for, in the failures of the report. */
const CAUSES: Record<keyof typeof hostileServers, RegExp> = {
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
const UNREACHABLE: Partial<Record<keyof typeof hostileServers, true>> = { hang: true, reset: true, 'slow-drip': true };

describe.concurrent('hostile servers: bounded runs, a report, a named cause, the documented exit code', () => {
  it.each(Object.keys(CAUSES) as (keyof typeof hostileServers)[])('%s', async (name) => {
    const server = await hostileServers[name]();
    try {
      const reports = join(dir, name);
      // A short request timeout where the server answers nothing in time (it is what they are blamed
      // for); a patient one where it answers at once, so a busy machine cannot turn an answer into a timeout.
      const timeout = name === 'hang' || name === 'slow-drip' ? '400' : '30000';
      const out = await cli(['run', '--spec', 'ringcentral', '--target', server.url, '--config', config, '--runs', '3', '--rate', 'none', '--timeout', timeout, '--report-dir', reports]);
      const report = JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')) as Report;
      // Garbage bytes read as a protocol error (an answer: judged) or as a reset (no answer: unreachable).
      const unreachable = UNREACHABLE[name] ?? (name === 'garbage' && out.code === 3);
      expect(out.code, out.stderr).toBe(unreachable ? 3 : 1);
      expect(report.complete).toBe(!unreachable);
      if (unreachable) {
        expect(out.stderr).toMatch(/^sip-conformance: target unreachable: http:\/\/127\.0\.0\.1:\d+: the first 5 requests all failed; the last: (timeout|reset|network): /m);
        expect(report.specs[0]!.requirements.filter((r) => r.cut === 'unreachable').length).toBeGreaterThan(0);
      }
      const requirements = report.specs[0]!.requirements;
      expect(requirements.length).toBeGreaterThan(20);
      const blamed = requirements.flatMap((r) => r.failures).map((f) => [f.actual.error ?? '', ...f.checks.map((c) => `${c.check}: ${c.message}`)].join('\n'));
      expect(blamed.some((text) => text.split('\n').some((line) => CAUSES[name].test(line))), blamed.slice(0, 3).join('\n---\n')).toBe(true);
      expect(out.stdout + out.stderr + readFileSync(join(reports, 'report.json'), 'utf8')).not.toContain('hostile-secret-token');
      if (name === 'redirect') expect(server.hits()).toBe(0);
    } finally {
      await server.close();
    }
  });
});
