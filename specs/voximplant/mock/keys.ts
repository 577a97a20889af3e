// Service-account keys of the Voximplant mock: an RS256 key id per role, made once per process.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompactSign, exportPKCS8, generateKeyPair, importPKCS8, type CryptoKey } from 'jose';

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

/** Key ids are fixed (the key material is fresh per process). */
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
 * roles apart by the kid alone, and a 2048-bit key costs 0.15-0.3 s of CPU to generate (six of them
 * were a tenth of a default run's CPU).
 */
async function makeKeys(): Promise<Map<string, MockKey>> {
  const pair = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const privateKey = await exportPKCS8(pair.privateKey);
  return new Map(
    ROLES.map((role): [string, MockKey] => {
      const credentials: VoxCredentials = { account_id: MOCK_ACCOUNT_ID, account_email: MOCK_ACCOUNT_EMAIL, key_id: mockKeyId(role), private_key: privateKey };
      return [credentials.key_id, { role, publicKey: pair.publicKey, credentials }];
    }),
  );
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
