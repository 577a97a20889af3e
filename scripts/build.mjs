// npm run build (also run by `npm ci`/`npm pack` through `prepare`, and first by `npm test`):
// compiles the TypeScript sources to dist/ with tsc (type-checking them all, tests included),
// copies the files a run reads beside its code (documents, schemas), removes what no source
// produces any more, and stamps the build. New modules need nothing: tsconfig.json's include finds them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, filesUnder, ROOT, RUNTIME_FOLDERS, STAMP } from '../bin/build-state.mjs';

const started = new Date();
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without devDependencies: the launcher runs the sources through tsx instead.
  console.error('build: typescript is not installed; dist/ not built (sip-conformance runs the TypeScript sources)');
  process.exit(0);
}
const compiled = spawnSync(process.execPath, [tsc, '-p', ROOT], { stdio: 'inherit' });
if (compiled.status !== 0) {
  rmSync(STAMP, { force: true }); // a failed build is not current
  process.exit(compiled.status ?? 1);
}

const sameBytes = (a, b) => existsSync(b) && readFileSync(a).equals(readFileSync(b));
for (const folder of RUNTIME_FOLDERS) {
  for (const file of filesUnder(join(ROOT, folder))) {
    if (file.endsWith('.ts')) continue;
    const copy = join(DIST, relative(ROOT, file));
    if (sameBytes(file, copy)) continue;
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(file, copy);
  }
}

// A bundled spec's YAML document is also written parsed, as `<file>.json` beside its copy (read by the
// compiled loader just built, so it is the value a run would read): parsing RingCentral's 33 kB extract
// cost about 0.3 s of CPU (the parser's loading included) in the CLI and again in its worker, every run.
const { readDocumentFile } = await import(pathToFileURL(join(DIST, 'src', 'load', 'spec-loader.js')).href);
for (const file of filesUnder(join(ROOT, 'specs'))) {
  if (!/\.ya?ml$/.test(file)) continue;
  const parsed = join(DIST, `${relative(ROOT, file)}.json`);
  const text = JSON.stringify(await readDocumentFile(file));
  if (!existsSync(parsed) || readFileSync(parsed, 'utf8') !== text) writeFileSync(parsed, text);
}

rmSync(join(DIST, 'reports', 'out'), { recursive: true, force: true }); // copied by builds before output was left out

/** The source a file of dist/ came from: `x.js` from `x.ts`, `x.yaml.json` from `x.yaml`, a copied file from itself. */
const sourceOf = (file) => join(ROOT, relative(DIST, file).replace(/(\.ya?ml)\.json$/, '$1').replace(/\.js$/, '.ts'));
for (const file of filesUnder(DIST)) {
  if (dirname(file) !== DIST && !existsSync(sourceOf(file))) rmSync(file);
}

writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
