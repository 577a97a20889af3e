// Service-account keys of the Voximplant mock: an RS256 key id per role, one key pair for all of them.
import { createPublicKey } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CompactSign, exportPKCS8, generateKeyPair, importPKCS8, importSPKI, type CryptoKey } from 'jose';

export const ROLES = ['Owner', 'Admin', 'Developer', 'Supervisor', 'Accountant', 'Support'] as const;
export type Role = (typeof ROLES)[number];

export const MOCK_ACCOUNT_ID = 1234567;
export const MOCK_ACCOUNT_EMAIL = 'sipc@example.com';
/** Legacy `api_key` of the mock account; it authenticates as Owner. */
export const MOCK_API_KEY = 'sipc-api-key-5f0c2a7e9b1d4c3a';

/** Voximplant's `credentials.json` for a service account. */
export interface VoxCredentials {
  account_id: number;
  account_email: string;
  key_id: string;
  private_key: string;
}

export interface MockKey {
  role: Role;
  publicKey: CryptoKey;
  credentials: VoxCredentials;
}

/** Key ids are fixed (the key material is the user's cached mock key pair, see `mockKeyPair`). */
export function mockKeyId(role: Role): string {
  return `00000000-5c1b-4000-8000-${String(ROLES.indexOf(role) + 1).padStart(12, '0')}`;
}

let keys: Promise<Map<string, MockKey>> | undefined;

/** The mock's keys by key id; the mock and an in-process suite share them. */
export function mockKeys(): Promise<Map<string, MockKey>> {
  keys ??= makeKeys();
  return keys;
}

/**
 * One RSA key pair for every role's service account, each under its own key id: the mock tells the
 * roles apart by the kid alone (six generated keys were a tenth of a default run's CPU).
 */
async function makeKeys(): Promise<Map<string, MockKey>> {
  const { privateKey, publicKey } = await mockKeyPair();
  return new Map(
    ROLES.map((role): [string, MockKey] => {
      const credentials: VoxCredentials = { account_id: MOCK_ACCOUNT_ID, account_email: MOCK_ACCOUNT_EMAIL, key_id: mockKeyId(role), private_key: privateKey };
      return [credentials.key_id, { role, publicKey, credentials }];
    }),
  );
}

/** Where the mock's key pair is kept between processes: the user's own folder in the temporary directory. */
export const MOCK_KEY_FILE = join(tmpdir(), `sip-conformance-${process.getuid?.() ?? 'user'}`, 'voximplant-mock-key.pem');

/**
 * The mock's key pair (a PKCS#8 PEM and its public key), kept in `file` between processes: finding
 * a 2048-bit RSA key's primes costs 0.1-0.3 s of CPU, paid by every worker of every run, every
 * standalone mock and every test process that started a mock. A file that is not the user's own and
 * private (no access for others), or not an RSA key, is not used: a fresh pair replaces it.
 */
export async function mockKeyPair(file = MOCK_KEY_FILE): Promise<{ privateKey: string; publicKey: CryptoKey }> {
  const kept = await keptKey(file);
  if (kept) return kept;
  const pair = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const privateKey = await exportPKCS8(pair.privateKey);
  await keep(file, privateKey).catch(() => undefined);
  return { privateKey, publicKey: pair.publicKey };
}

async function keptKey(file: string): Promise<{ privateKey: string; publicKey: CryptoKey } | undefined> {
  try {
    const info = await stat(file);
    if (info.uid !== process.getuid?.() || (info.mode & 0o077) !== 0) return undefined;
    const privateKey = await readFile(file, 'utf8');
    const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    return { privateKey, publicKey: await importSPKI(spki, 'RS256', { extractable: true }) };
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (several processes may start at once). */
async function keep(file: string, privateKey: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, privateKey, { mode: 0o600 });
  await rename(temp, file);
}

export async function mockCredentials(): Promise<Record<Role, VoxCredentials>> {
  const out = {} as Record<Role, VoxCredentials>;
  for (const key of (await mockKeys()).values()) out[key.role] = key.credentials;
  return out;
}

/** Writes `<dir>/<role>.credentials.json` for every role; returns the file paths. */
export async function writeMockCredentials(dir: string): Promise<Record<Role, string>> {
  await mkdir(dir, { recursive: true });
  const creds = await mockCredentials();
  const paths = {} as Record<Role, string>;
  for (const role of ROLES) {
    paths[role] = join(dir, `${role.toLowerCase()}.credentials.json`);
    await writeFile(paths[role], JSON.stringify(creds[role], null, 2) + '\n', { mode: 0o600 });
  }
  return paths;
}

export interface TokenOptions {
  /** Seconds since the epoch; defaults to now. */
  iat?: number;
  /** Defaults to iat + 3600. */
  exp?: number;
  nbf?: number;
  /** Defaults to credentials.account_id (a number, as credentials.json has it). */
  iss?: string | number;
  /** Defaults to credentials.key_id. */
  kid?: string;
}

/** Signs a Management API JWT from any credentials.json, as the Voximplant SDKs do. */
export async function signVoxToken(credentials: VoxCredentials, options: TokenOptions = {}): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { iss: options.iss ?? credentials.account_id, iat, exp: options.exp ?? iat + 3600 };
  if (options.nbf !== undefined) payload.nbf = options.nbf;
  const key = await importPKCS8(credentials.private_key, 'RS256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? credentials.key_id })
    .sign(key);
}
