// Exit codes of `replay` and `mock --list-faults` as a user meets them (issue 17).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './support/cli.ts';
import { scratch } from './support/files.ts';

const { dir, file } = scratch('cli-exits');
const FILE_SPEC = new URL('./fixtures/openapi/petstore.yaml', import.meta.url).pathname;

describe.concurrent('replay exits as run does', () => {
  const report = join(dir, 'basip', 'report.json');
  beforeAll(async () => {
    const out = await cliInProcess(['run', '--spec', 'basip-camdroid', '--fault', 'interval-29-accepted', '--only', 'INTERVAL-RANGE', '--runs', '3', '--seed', '7', '--format', 'json', '--report-dir', join(dir, 'basip')]);
    expect(out.code, out.stdout + out.stderr).toBe(1);
  });

  it('an unreachable target: exit 3, one line', async () => {
    const out = await cliInProcess(['replay', report, '--target', 'http://127.0.0.1:9']);
    expect(out.code, out.stderr).toBe(3);
    expect(out.stderr.trim().split('\n')).toEqual(['sip-conformance: target unreachable: http://127.0.0.1:9 (ECONNREFUSED)']);
  });

  it('a refused login: the spec could not run, exit 1 (not an internal error)', async () => {
    const out = await cliInProcess(['replay', report, '--config', file('wrong.json', JSON.stringify({ 'basip-camdroid': { password: 'wrong-password' } }))]);
    expect(out.code, out.stderr).toBe(1);
    expect(out.stdout).toMatch(/^still failing basip-camdroid BASIP-CAMDROID-INTERVAL-RANGE: - -> the spec could not run: basip-camdroid: login as "admin" failed: .* answered 401/m);
    expect(out.stderr).not.toContain('internal error');
  });
});

it('mock --list-faults of a file spec lists the faults its mock offers (the generic HTTP ones)', async () => {
  const out = await cliInProcess(['mock', '--spec', FILE_SPEC, '--list-faults']);
  expect(out.code).toBe(0);
  expect(out.stdout).toMatch(/^http-405-without-allow +.* \[breaks HTTP-METHOD-NOT-ALLOWED/m);
});
