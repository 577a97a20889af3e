// The bundled specs by name; anything else given to --spec is read as an OpenAPI file.
import { existsSync } from 'node:fs';
import { ConfigError } from '../src/config.ts';
import type { ConformanceSpec } from '../src/spec.ts';

const BUNDLED: Record<string, () => Promise<ConformanceSpec>> = {
  ringcentral: () => import('./ringcentral/index.ts').then((m) => m.loadRingcentral()),
  'basip-camdroid': () => import('./basip-camdroid/index.ts').then((m) => m.loadBasipCamdroid()),
  'basip-android': () => import('./basip-android/index.ts').then((m) => m.loadBasipAndroid()),
  voximplant: () => import('./voximplant/index.ts').then((m) => m.loadVoximplant()),
};

export const SPEC_NAMES = Object.keys(BUNDLED);

export const isBundled = (name: string) => name in BUNDLED;

/** Loads a bundled spec by name, or an OpenAPI file with its catalogue (see README "Your own API"). */
export async function loadSpec(nameOrFile: string, catalogueFile?: string): Promise<ConformanceSpec> {
  const bundled = BUNDLED[nameOrFile];
  if (bundled) return bundled();
  if (!existsSync(nameOrFile)) {
    throw new ConfigError(`unknown spec "${nameOrFile}": not a bundled spec (${SPEC_NAMES.join(', ')}) nor an existing file`);
  }
  const { loadFileSpec } = await import('../src/file-spec.ts');
  return loadFileSpec(nameOrFile, catalogueFile);
}
