// The Voximplant mock started by hand, as a user meets it: the private keys it writes.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { startStandalone } from './standalone.test-helpers.ts';

describe('the standalone Voximplant mock', () => {
  it('removes its folder of private keys when it stops', async () => {
    const mock = await startStandalone();
    expect(existsSync(mock.dir)).toBe(true);
    expect(await mock.stop('SIGTERM')).toBe(0);
    expect(existsSync(mock.dir)).toBe(false);
  });

  it('keeps it with --keep-keys, and says where', async () => {
    const mock = await startStandalone(['--keep-keys']);
    try {
      expect(await mock.stop('SIGINT')).toBe(0);
      expect(existsSync(mock.config)).toBe(true);
    } finally {
      await rm(mock.dir, { recursive: true, force: true });
    }
  });
});
