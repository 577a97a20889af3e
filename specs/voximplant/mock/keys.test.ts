import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, compactVerify, importPKCS8 } from 'jose';
import { describe, expect, it } from 'vitest';
import { mockKeyPair } from './keys.ts';

const file = async () => join(await mkdtemp(join(tmpdir(), 'sipc-vox-key-')), 'nested', 'key.pem');

/** The pair works: a token signed with the private key verifies with the public one. */
async function verifies(pair: Awaited<ReturnType<typeof mockKeyPair>>): Promise<boolean> {
  const token = await new CompactSign(new TextEncoder().encode('{}')).setProtectedHeader({ alg: 'RS256' }).sign(await importPKCS8(pair.privateKey, 'RS256'));
  return compactVerify(token, pair.publicKey).then(() => true, () => false);
}

describe("the Voximplant mock's key pair, kept between processes", () => {
  it('is made once, kept private to the user, and found again by the next process', async () => {
    const at = await file();
    const first = await mockKeyPair(at);
    expect((await stat(at)).mode & 0o777).toBe(0o600);
    expect(await readFile(at, 'utf8')).toBe(first.privateKey);
    const again = await mockKeyPair(at);
    expect(again.privateKey).toBe(first.privateKey);
    expect(await verifies(again)).toBe(true);
  });

  it('is made afresh when the kept file is readable by others or is not a key', async () => {
    const at = await file();
    const first = await mockKeyPair(at);
    await chmod(at, 0o644);
    const exposed = await mockKeyPair(at);
    expect(exposed.privateKey).not.toBe(first.privateKey);
    expect((await stat(at)).mode & 0o777).toBe(0o600);
    await writeFile(at, 'not a key', { mode: 0o600 });
    const broken = await mockKeyPair(at);
    expect(broken.privateKey).toMatch(/BEGIN PRIVATE KEY/);
    expect(await verifies(broken)).toBe(true);
    expect(await readFile(at, 'utf8')).toBe(broken.privateKey);
  });
});
