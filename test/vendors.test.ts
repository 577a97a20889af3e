// Every vendor the registry discovers (a folder of specs/ with an index.ts) is a valid vendor: it
// loads under its folder's name, its catalogue ids are unique, its mock's faults name requirements
// of its catalogue, its undecided points are stated in docs/undecided/<vendor>.md, and it has a suite.
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEC_NAMES, vendorModule, vendorNames } from '../specs/index.ts';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Whether docs/undecided/<vendor>.md states a point: a row of its table (`| id |` or `` | `id` | ``),
 * or a family it shares with a sister document by name (`` `host-*` ``).
 */
function documents(vendor: string): (id: string) => boolean {
  const doc = readFileSync(join(ROOT, 'docs/undecided', `${vendor}.md`), 'utf8');
  const rows = new Set([...doc.matchAll(/^\| `?([a-z0-9]+(?:-[a-z0-9]+)+)`? \|/gm)].map((m) => m[1]!));
  const families = [...doc.matchAll(/`([a-z0-9-]+-)\*`/g)].map((m) => m[1]!);
  const named = new Set([...doc.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]!));
  return (id) => rows.has(id) || named.has(id) || families.some((f) => id.startsWith(f));
}

describe('the vendor registry', () => {
  it('discovers the folders with an index.ts, and only those: a shared folder is no vendor', () => {
    expect(SPEC_NAMES.length).toBeGreaterThan(0);
    expect(SPEC_NAMES).not.toContain('basip-common');
    for (const name of SPEC_NAMES) expect(existsSync(join(ROOT, 'specs', name, 'index.ts')), name).toBe(true);
  });

  it('has a suite for a bundled vendor only (files.test.ts runs --spec FILE)', () => {
    const suites = readdirSync(join(ROOT, 'suites')).filter((f) => f.endsWith('.test.ts') && f !== 'files.test.ts');
    expect(suites.map((f) => f.replace(/\.test\.ts$/, '')).sort()).toEqual([...SPEC_NAMES]);
  });

  it('would refuse a vendor folder whose index.ts exports no load()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-vendors-'));
    try {
      mkdirSync(join(dir, 'acme'));
      writeFileSync(join(dir, 'acme', 'index.ts'), 'export const name = "acme";\n');
      mkdirSync(join(dir, 'shared'));
      writeFileSync(join(dir, 'shared', 'rules.ts'), 'export {};\n');
      expect(vendorNames(dir)).toEqual(['acme']);
      await expect(vendorModule('acme', dir)).rejects.toThrow(/exports load\(\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(SPEC_NAMES)('vendor %s', (name) => {
  const loaded = vendorModule(name).then((m) => m.load());

  it('loads under its folder name, with a suite', async () => {
    expect((await loaded).name).toBe(name);
    expect(existsSync(join(ROOT, 'suites', `${name}.test.ts`))).toBe(true);
  });

  it('has unique catalogue ids, each with a level and a source', async () => {
    const ids = (await loaded).catalogue.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const r of (await loaded).catalogue) {
      expect(['MUST', 'SHOULD'], r.id).toContain(r.level);
      expect(r.source, r.id).not.toBe('');
    }
  });

  it('has a reference mock whose faults are unique and each name requirements of the catalogue', async () => {
    const spec = await loaded;
    expect(spec.mock?.spec).toBe(name);
    const faults = spec.mock!.faults;
    expect(faults.length).toBeGreaterThan(0);
    expect(new Set(faults.map((f) => f.name)).size).toBe(faults.length);
    const ids = new Set(spec.catalogue.map((r) => r.id));
    const unknown = faults.flatMap((f) => f.breaks.filter((id) => !ids.has(id)).map((id) => `${f.name} breaks ${id}`));
    expect(faults.every((f) => f.breaks.length > 0)).toBe(true);
    expect(unknown).toEqual([]);
  });

  // The document may list more: points a probe cannot reach (an unknown path or method) are documented, not probed.
  it('states each point of its undecided table in docs/undecided/<vendor>.md, sourced, with readings', async () => {
    const spec = await loaded;
    const documented = documents(name);
    expect(documented('sipc-no-such-point')).toBe(false);
    expect((spec.undecided ?? []).map((p) => p.id).filter((id) => !documented(id))).toEqual([]);
    for (const p of spec.undecided ?? []) {
      expect(p.source, p.id).not.toBe('');
      expect(p.readings.length, p.id).toBeGreaterThan(0);
    }
  });
});
