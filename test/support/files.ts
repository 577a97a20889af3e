// Scratch files for tests, and the seed the user gave as input (kept in the repo).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SEED_000 = new URL('../fixtures/seed-000-ringcentral-sip-provision.yaml', import.meta.url).pathname;

/** A fresh temporary folder and a writer of files into it (returns each file's path). */
export function scratch(prefix: string): { dir: string; file(name: string, text: string): string } {
  const dir = mkdtempSync(join(tmpdir(), `sipc-${prefix}-`));
  return {
    dir,
    file: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
