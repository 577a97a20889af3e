// The import rules of docs/architecture.md, read from the source: no cycles, the engine never
// reaches into a vendor's folder, and a vendor reaches the engine only through its public surface.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const LAYERS = ['src', 'generators', 'reports', 'specs', 'mocks'];
const ENGINE = ['src/', 'generators/', 'reports/'];

/** The entry points that pick a bundled vendor by name, and the one module they may import for it. */
const REGISTRY = 'specs/index.ts';
const REGISTRY_USERS = ['src/cli/main.ts', 'src/run/replay.ts', 'src/run/suite.ts', 'src/run/vitest-run.ts'];

/** All a vendor imports from the engine, and from the shell its reference mock runs in. */
const PUBLIC = 'src/index.ts';
/** src/ by stage: the model, loading, judging, HTTP, running, results, the CLI, any OpenAPI document, and SIP on the wire. */
const STAGES = ['model', 'load', 'judge', 'http', 'run', 'results', 'cli', 'openapi', 'sip'];
const MOCK_SHELL = ['mocks/kit.ts', 'mocks/exchange.ts', 'mocks/throttle.ts'];
const MOCK_KIT = 'mocks/kit.ts';

/** A vendor's tests and their helpers, beside its code (`specs/<vendor>/**`), and the one door they have into test/. */
const TEST_MODULE = /\.test(-helpers)?\.ts$/;
const TEST_SUPPORT = 'test/support/';

// Static imports and re-exports (`from '…'`), side-effect imports and `import('…')`, types included.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

type Graph = Map<string, string[]>;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function importGraph(): Graph {
  const graph: Graph = new Map();
  for (const file of LAYERS.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    graph.set(file, [...text.matchAll(IMPORT)].map((m) => relative(ROOT, resolve(ROOT, dirname(file), m[1]!))));
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), plus modules importing themselves. */
export function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do component.push((w = stack.pop()!));
    while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const isVendorModule = (file: string) => file.startsWith('specs/') && file !== REGISTRY;
const isTestModule = (file: string) => TEST_MODULE.test(file);
/** `specs/<folder>/...` -> folder. */
const folderOf = (file: string) => file.split('/')[1]!;
/** A folder of specs/ without an index.ts is shared by vendors (basip-common), not a vendor. */
const sharedOnDisk = (folder: string) => !existsSync(join(ROOT, 'specs', folder, 'index.ts'));

/** Imports of a vendor folder by the engine (src/, generators/, reports/), the registry's named users excepted. */
export function vendorReaches(graph: Graph): string[] {
  const reaches: string[] = [];
  for (const [file, deps] of graph) {
    if (!ENGINE.some((layer) => file.startsWith(layer))) continue;
    for (const dep of deps) {
      if (isVendorModule(dep) || (dep === REGISTRY && !REGISTRY_USERS.includes(file))) reaches.push(`${file} -> ${dep}`);
    }
  }
  return reaches;
}

/** Imports by a vendor folder (its mock included) of the engine other than src/index.ts, or of the mock shell other than mocks/kit.ts. */
export function engineReaches(graph: Graph): string[] {
  const reaches: string[] = [];
  for (const [file, deps] of graph) {
    if (!isVendorModule(file)) continue;
    for (const dep of deps) {
      const engine = ENGINE.some((layer) => dep.startsWith(layer)) && dep !== PUBLIC;
      const shell = MOCK_SHELL.includes(dep) && dep !== MOCK_KIT;
      if (engine || shell) reaches.push(`${file} -> ${dep}`);
    }
  }
  return reaches;
}

/**
 * Imports by a vendor's tests beyond their own folder, shared folders, src/index.ts, mocks/kit.ts and
 * test/support/; and imports of tests (or test/) by a vendor's code.
 */
export function testReaches(graph: Graph, isShared = sharedOnDisk): string[] {
  const reaches: string[] = [];
  for (const [file, deps] of graph) {
    if (!isVendorModule(file)) continue;
    for (const dep of deps) {
      if (!isTestModule(file)) {
        if (isTestModule(dep) || dep.startsWith('test/')) reaches.push(`${file} -> ${dep}`);
        continue;
      }
      const ownOrShared = isVendorModule(dep) && (folderOf(dep) === folderOf(file) || isShared(folderOf(dep)));
      if (!(ownOrShared || dep === PUBLIC || dep === MOCK_KIT || dep.startsWith(TEST_SUPPORT))) reaches.push(`${file} -> ${dep}`);
    }
  }
  return reaches;
}

describe('import directions', () => {
  const graph = importGraph();

  it('reads the imports it judges', () => {
    expect(graph.get('src/run/engine.ts')).toContain('generators/cases.ts');
    expect(graph.get('src/cli/main.ts')).toContain(REGISTRY);
    expect(graph.get('specs/voximplant/index.ts')?.length).toBeGreaterThan(0);
    expect(graph.get('specs/voximplant/index.ts')).toContain(PUBLIC);
    expect(graph.get('specs/voximplant/mock/index.ts')).toContain(MOCK_KIT);
  });

  it('keeps in mocks/ only the shell every reference mock runs in; a vendor\'s mock lives in its folder', () => {
    expect(sources('mocks').sort()).toEqual([...MOCK_SHELL].sort());
  });

  it('keeps src/ split by stage: every engine module in the folder of its role, the public surface alone at the top', () => {
    const stray = sources('src').filter((f) => f !== PUBLIC && !STAGES.some((stage) => f.startsWith(`src/${stage}/`)));
    expect(stray).toEqual([]);
  });

  it('has no import cycles among src/, generators/, reports/, specs/ and mocks/', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('keeps the engine out of vendor folders; only the named entry points use the registry', () => {
    expect(vendorReaches(graph)).toEqual([]);
  });

  it('lets vendors and their mocks reach the engine only through src/index.ts and mocks/kit.ts', () => {
    expect(engineReaches(graph)).toEqual([]);
  });

  it("keeps a vendor's tests to its folder, shared folders, src/index.ts, mocks/kit.ts and test/support/; its code off tests", () => {
    expect([...graph.keys()].filter(isTestModule).length).toBeGreaterThan(0);
    expect(testReaches(graph)).toEqual([]);
  });

  it('would see a cycle, a reach into a vendor folder and a vendor reaching past the public surface', () => {
    const bad: Graph = new Map([
      ['src/run/engine.ts', ['src/model/vendor.ts']],
      ['src/model/vendor.ts', ['src/run/engine.ts', 'specs/voximplant/session.ts']],
      ['src/judge/oracle.ts', [REGISTRY]],
      ['src/cli/main.ts', [REGISTRY]],
      ['specs/acme/index.ts', [PUBLIC, MOCK_KIT, 'specs/acme/rules.ts', 'src/model/types.ts', 'generators/cases.ts']],
      ['specs/acme/mock/index.ts', [MOCK_KIT, 'mocks/exchange.ts', PUBLIC]],
      ['mocks/kit.ts', ['mocks/exchange.ts', 'src/http/rate-limiter.ts']],
      ['specs/acme/acme.test.ts', ['specs/acme/index.ts', 'specs/shared/rules.ts', PUBLIC, MOCK_KIT, 'test/support/run.ts', 'specs/zeta/index.ts', 'src/run/engine.ts']],
      ['specs/acme/mock/mock.test.ts', ['specs/acme/mock/index.ts', 'specs/shared/mock/mock.test-helpers.ts', 'mocks/throttle.ts']],
      ['specs/acme/rules.ts', ['specs/acme/mock/mock.test.ts', 'test/support/run.ts', PUBLIC]],
    ]);
    expect(cycles(bad)).toEqual([['src/model/vendor.ts', 'src/run/engine.ts']]);
    expect(vendorReaches(bad)).toEqual(['src/model/vendor.ts -> specs/voximplant/session.ts', `src/judge/oracle.ts -> ${REGISTRY}`]);
    expect(engineReaches(bad)).toEqual([
      'specs/acme/index.ts -> src/model/types.ts',
      'specs/acme/index.ts -> generators/cases.ts',
      'specs/acme/mock/index.ts -> mocks/exchange.ts',
      'specs/acme/acme.test.ts -> src/run/engine.ts',
      'specs/acme/mock/mock.test.ts -> mocks/throttle.ts',
    ]);
    expect(testReaches(bad, (folder) => folder === 'shared')).toEqual([
      'specs/acme/acme.test.ts -> specs/zeta/index.ts',
      'specs/acme/acme.test.ts -> src/run/engine.ts',
      'specs/acme/mock/mock.test.ts -> mocks/throttle.ts',
      'specs/acme/rules.ts -> specs/acme/mock/mock.test.ts',
      'specs/acme/rules.ts -> test/support/run.ts',
    ]);
  });
});
