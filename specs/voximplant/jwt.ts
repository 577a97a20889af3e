// Voximplant's JWTs: the service accounts' keys as signers, a token per role, and the faulty tokens
// the authentication requirements send (expired, not yet valid, too long-lived, badly signed...).
import { randomUUID } from 'node:crypto';
import { CompactSign, type CryptoKey, importPKCS8 } from 'jose';
import { ConfigError } from '../../src/index.ts';
import { ROLES, type Role, type VoxConfig } from './config.ts';
import { mockCredentials, type VoxCredentials } from './mock/keys.ts';

const TOKEN_LIFETIME = 3600;
export type JwtVariant = 'expired' | 'notYetValid' | 'longLived' | 'badSignature' | 'unknownKid' | 'garbage' | 'wrongIssuer';

export interface Signer { role: Role; creds: VoxCredentials; key: CryptoKey }

interface SignOptions { iat: number; exp: number; nbf?: number; iss?: number; kid?: string }

async function sign(key: CryptoKey, creds: VoxCredentials, o: SignOptions): Promise<string> {
  const payload: Record<string, number> = { iss: o.iss ?? creds.account_id, iat: o.iat, exp: o.exp };
  if (o.nbf !== undefined) payload.nbf = o.nbf;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? creds.key_id })
    .sign(key);
}

/** A valid token of the signer's role, issued at `now` (epoch s). */
export const signToken = (s: Signer, now: number) => sign(s.key, s.creds, { iat: now, exp: now + TOKEN_LIFETIME });

/**
 * A valid token whose signature has one byte changed: it verifies with no key. (Signing with a fresh
 * key instead cost a 2048-bit key generation, 0.15-0.3 s of CPU, at every re-signing.)
 */
function tamperedSignature(token: string): string {
  const [header, payload, signature] = token.split('.');
  const bytes = Buffer.from(signature!, 'base64url');
  bytes[bytes.length >> 1]! ^= 0x01;
  return `${header}.${payload}.${bytes.toString('base64url')}`;
}

/** The faulty tokens, each wrong in one way, made from the main signer at `now`. */
export async function signVariants(main: Signer, now: number): Promise<Record<JwtVariant, string>> {
  return {
    expired: await sign(main.key, main.creds, { iat: now - 2 * TOKEN_LIFETIME, exp: now - TOKEN_LIFETIME }),
    notYetValid: await sign(main.key, main.creds, { iat: now + TOKEN_LIFETIME, nbf: now + TOKEN_LIFETIME, exp: now + TOKEN_LIFETIME + 1800 }),
    longLived: await sign(main.key, main.creds, { iat: now, exp: now + 2 * TOKEN_LIFETIME }),
    badSignature: tamperedSignature(await sign(main.key, main.creds, { iat: now, exp: now + TOKEN_LIFETIME })),
    unknownKid: await sign(main.key, main.creds, { iat: now, exp: now + TOKEN_LIFETIME, kid: randomUUID() }),
    wrongIssuer: await sign(main.key, main.creds, { iat: now, exp: now + TOKEN_LIFETIME, iss: main.creds.account_id + 1 }),
    garbage: 'sipc.garbage.token',
  };
}

/** A signer per role with credentials (the mock's own, or the configured service accounts'). */
export async function loadSigners(config: VoxConfig): Promise<Signer[]> {
  const signers: Signer[] = [];
  if (config.useMockCredentials) {
    const mock = await mockCredentials();
    for (const role of ROLES) signers.push({ role, creds: mock[role], key: await importPKCS8(mock[role].private_key, 'RS256') });
    return signers;
  }
  for (const role of ROLES) {
    const creds = config.credentials[role];
    if (!creds) continue;
    try {
      signers.push({ role, creds, key: await importPKCS8(creds.private_key, 'RS256') });
    } catch (err) {
      throw new ConfigError(`config voximplant.credentials.${role.toLowerCase()}: ${creds.file}: private_key is not an RSA PKCS#8 key (${(err as Error).message})`);
    }
  }
  return signers;
}
