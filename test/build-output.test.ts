// What `npm run build` writes beside the compiled code: a YAML document a run reads is also written
// parsed (`<file>.json`), so no run loads a YAML parser for a bundled spec. It must be the same value.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDocumentFile } from '../src/index.ts';

const ROOT = new URL('..', import.meta.url);

describe('build output', () => {
  it('holds the RingCentral extract parsed, equal to what the loader reads from the YAML', async () => {
    const parsed = new URL('dist/specs/ringcentral/openapi.yaml.json', ROOT);
    expect(existsSync(parsed), 'npm test builds dist/ first').toBe(true);
    expect(JSON.parse(readFileSync(parsed, 'utf8'))).toEqual(await readDocumentFile(new URL('specs/ringcentral/openapi.yaml', ROOT).pathname));
  });
});
