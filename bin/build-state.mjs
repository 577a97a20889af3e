// Whether dist/ (the JavaScript `npm run build` compiles from the TypeScript sources) is current.
// The launcher runs dist/ only when it is: a clone whose sources were edited after the last build
// runs them through tsx instead, so it never runs old code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** Written last by the build, dated when the build started: a source saved during a build is newer. */
export const STAMP = join(DIST, '.built');
/** The folders a run loads code or data from (the rest of tsconfig.json's include is tests, bench, scripts). */
export const RUNTIME_FOLDERS = ['src', 'specs', 'reports', 'mocks', 'generators', 'suites'];

/** Output, not source: runs write their reports to reports/out/ by default. */
export const isOutput = (dir) => /[\\/]reports[\\/]out$/.test(dir);

/** Every file under `dir`, recursively, output folders left out (none when it does not exist). */
export function* filesUnder(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && isOutput(path)) continue;
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/** Project tests (`*.test.ts` outside suites/) are not part of a run: editing one leaves dist/ current. */
const isRuntimeFile = (root, file) => !/\.test\.ts$/.test(file) || relative(root, file).startsWith('suites');

/**
 * True when dist/ was built after every runtime source (and tsconfig.json) last changed. An installed
 * package has no tsconfig.json: its dist/ is the one `npm pack` built from the sources beside it.
 */
export function distIsCurrent(root = ROOT) {
  const stamp = join(root, 'dist', '.built');
  if (!existsSync(stamp)) return false;
  const tsconfig = join(root, 'tsconfig.json');
  if (!existsSync(tsconfig)) return true;
  const built = statSync(stamp).mtimeMs;
  if (statSync(tsconfig).mtimeMs > built) return false;
  for (const folder of RUNTIME_FOLDERS) {
    for (const file of filesUnder(join(root, folder))) if (isRuntimeFile(root, file) && statSync(file).mtimeMs > built) return false;
  }
  return true;
}
