// The launcher runs dist/ only when it is current: a clone edited after its last build must run the
// sources (through tsx), never old code.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the launcher, without type declarations
import { distIsCurrent } from '../bin/build-state.mjs';

const current = distIsCurrent as (root: string) => boolean;

describe('distIsCurrent', () => {
  let root: string;
  const at = (path: string, seconds: number) => {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
    utimesSync(file, seconds, seconds);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'sipc-build-'));
    at('tsconfig.json', 100);
    at('src/run/engine.ts', 100);
    at('specs/ringcentral/openapi.yaml', 100);
    at('suites/ringcentral.test.ts', 100);
    at('dist/.built', 200);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current when built after every runtime source changed', () => {
    expect(current(root)).toBe(true);
  });

  it.each(['src/run/engine.ts', 'src/run/new-module.ts', 'specs/ringcentral/openapi.yaml', 'suites/ringcentral.test.ts', 'tsconfig.json'])('is stale once %s is newer than the build', (path) => {
    at(path, 300);
    expect(current(root)).toBe(false);
  });

  it('stays current when only a project test changed, or a run wrote its reports (reports/out/)', () => {
    at('specs/ringcentral/ringcentral.test.ts', 300);
    at('reports/out/report.json', 300);
    expect(current(root)).toBe(true);
  });

  it('is stale without a build, current in an installed package (no tsconfig.json: npm pack built it)', () => {
    rmSync(join(root, 'dist/.built'));
    expect(current(root)).toBe(false);
    at('dist/.built', 1);
    rmSync(join(root, 'tsconfig.json'));
    expect(current(root)).toBe(true);
  });
});
