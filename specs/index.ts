// The bundled vendors, found by folder: a folder of specs/ with an index.ts is the vendor of that
// name, and its index.ts exports `load()`; a folder without one (basip-common) is shared by vendors.
// Anything else given to --spec is read as an OpenAPI file.
import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../src/load/config.ts';
import { withHttpSemantics } from '../src/run/http-semantics.ts';
import type { ConformanceSpec } from '../src/model/vendor.ts';

/** What a vendor folder's index.ts exports. */
export interface VendorModule {
  load(): Promise<ConformanceSpec>;
}

const SPECS = import.meta.dirname;

/** index.ts, or index.js when this registry runs compiled (dist/). */
const vendorIndex = (dir: string, name: string) => join(dir, name, `index${extname(import.meta.filename)}`);

/** The vendor folders of `dir`, by name: those with an index.ts. */
export function vendorNames(dir = SPECS): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(vendorIndex(dir, entry.name)))
    .map((entry) => entry.name)
    .sort();
}

export const SPEC_NAMES: readonly string[] = vendorNames();

export const isBundled = (name: string) => SPEC_NAMES.includes(name);

/** The index.ts of a vendor folder, checked to export `load`. */
export async function vendorModule(name: string, dir = SPECS): Promise<VendorModule> {
  const module: Partial<VendorModule> = await import(pathToFileURL(vendorIndex(dir, name)).href);
  const { load } = module;
  if (typeof load !== 'function') throw new Error(`${name}/index.ts: a vendor folder's index.ts exports load()`);
  // What HTTP itself requires is checked for every vendor, beside its own catalogue.
  return { load: async () => withHttpSemantics(await load()) };
}

/** Loads a bundled spec by name, or an OpenAPI file with its catalogue (see README "Your own API"). */
export async function loadSpec(nameOrFile: string, catalogueFile?: string): Promise<ConformanceSpec> {
  if (isBundled(nameOrFile)) return (await vendorModule(nameOrFile)).load();
  if (!existsSync(nameOrFile)) {
    throw new ConfigError(`unknown spec "${nameOrFile}": not a bundled spec (${SPEC_NAMES.join(', ')}) nor an existing file`);
  }
  const { loadFileSpec } = await import('../src/openapi/file-spec.ts');
  return loadFileSpec(nameOrFile, catalogueFile);
}
