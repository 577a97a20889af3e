// The packed package as a user installs it: `npm pack`, the tarball unpacked where npm puts it
// (node_modules/sip-conformance, with its bin linked) in an empty folder, then `npx sip-conformance
// run` and the installed bin's `diff` from there. Offline: the dependencies are the repository's own node_modules,
// linked, so the test proves the tarball's files, not the registry.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the launcher, without type declarations
import { distIsCurrent } from '../../bin/build-state.mjs';
import { scratch } from '../support/files.ts';
import { validReport } from '../support/report.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const run = promisify(execFile);
/** Bounded by the run itself (one requirement, two cases); this only stops a hung child on a very busy machine. */
const LIMIT_MS = 600_000;

// No test timeout: every child is bounded (LIMIT_MS).
describe('the packed package', { timeout: 0 }, () => {
  it('installs into an empty folder, and `npx sip-conformance run` and `diff` work from there', async () => {
    const { dir } = scratch('packed');
    // `npm pack` builds first (`prepare`: the whole project type-checked, most of this test's CPU);
    // `npm test` has just built, so here the build runs only when dist/ is not current, and packs as is.
    if (!distIsCurrent()) await run(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, timeout: LIMIT_MS });
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], { cwd: ROOT, timeout: LIMIT_MS });
    const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
    const app = join(dir, 'app');
    const installed = join(app, 'node_modules', 'sip-conformance');
    mkdirSync(installed, { recursive: true });
    mkdirSync(join(app, 'node_modules', '.bin'));
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    symlinkSync(join(ROOT, 'node_modules'), join(installed, 'node_modules'));
    symlinkSync('../sip-conformance/bin/sip-conformance', join(app, 'node_modules', '.bin', 'sip-conformance'));
    const npx = (...args: string[]) => run('npx', ['--no-install', 'sip-conformance', ...args], { cwd: app, timeout: LIMIT_MS, env: { ...process.env, CI: 'true' } });

    const ran = await npx('run', '--spec', 'ringcentral', '--only', 'RC-DEVICE-ID-LENGTH', '--runs', '2', '--seed', '3', '--report-dir', 'out');
    expect(ran.stdout).toMatch(/1 passed, 0 failed/);
    validReport(join(app, 'out'));
    // The linked bin itself, as npx found it above (npx costs about 1 s of CPU a call): diff reads the
    // report schema the package ships.
    const diff = await run(join(app, 'node_modules', '.bin', 'sip-conformance'), ['diff', 'out/report.json', 'out/report.json'], { cwd: app, timeout: LIMIT_MS });
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toMatch(/^new failures: 0$/m);
    // What the README tells a user to pass is in the package too.
    expect(existsSync(join(installed, 'examples', 'ringcentral-mock.config.json'))).toBe(true);
  });
});
