// npm run build (also run by `npm ci`/`npm pack` through `prepare`, and first by `npm test`):
// compiles the TypeScript sources to dist/ with tsc (type-checking them all, tests included),
// copies the files a run reads beside its code (documents, schemas), removes what no source
// produces any more, and stamps the build. New modules need nothing: tsconfig.json's include finds them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
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
// Build mode (`-b`): when no input of tsconfig.json (sources, tests, the config) is newer than its
// build info (dist/.tsbuildinfo, never in git or the package), nothing is read again: `.ci/run`'s
// second build, after `npm ci`'s `prepare`, costs about 0.5 s of CPU instead of 6. An input changed
// since, and tsc compiles incrementally (only what the change reaches is checked and written again).
const BUILD_INFO = join(DIST, '.tsbuildinfo');
const mtimeOf = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const infoBefore = mtimeOf(BUILD_INFO);
const compiled = spawnSync(process.execPath, [tsc, '-b', ROOT], { stdio: 'inherit' });
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
// Parsed again when the compiled loader may have changed (tsc wrote something) or the document is newer
// than its parsed copy; a copy found equal is dated now, so the next build knows it current.
const compiledNow = mtimeOf(BUILD_INFO) !== infoBefore;
const documents = [...filesUnder(join(ROOT, 'specs'))].filter((file) => /\.ya?ml$/.test(file)).map((file) => [file, join(DIST, `${relative(ROOT, file)}.json`)]);
const stale = documents.filter(([file, parsed]) => compiledNow || mtimeOf(parsed) < Math.max(mtimeOf(file), mtimeOf(BUILD_INFO)));
if (stale.length > 0) {
  const { readDocumentFile } = await import(pathToFileURL(join(DIST, 'src', 'load', 'spec-loader.js')).href);
  for (const [file, parsed] of stale) {
    const text = JSON.stringify(await readDocumentFile(file));
    if (!existsSync(parsed) || readFileSync(parsed, 'utf8') !== text) writeFileSync(parsed, text);
    else utimesSync(parsed, new Date(), new Date());
  }
}

rmSync(join(DIST, 'reports', 'out'), { recursive: true, force: true }); // copied by builds before output was left out

/** The source a file of dist/ came from: `x.js` from `x.ts`, `x.yaml.json` from `x.yaml`, a copied file from itself. */
const sourceOf = (file) => join(ROOT, relative(DIST, file).replace(/(\.ya?ml)\.json$/, '$1').replace(/\.js$/, '.ts'));
for (const file of filesUnder(DIST)) {
  if (dirname(file) !== DIST && !existsSync(sourceOf(file))) rmSync(file);
}

writeFileSync(STAMP, `${started.toISOString()}\n`);
utimesSync(STAMP, started, started);
