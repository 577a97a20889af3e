// Who is calling: a service-account JWT (Authorization: Bearer) or the legacy account_id + api_key.
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { MockRequest } from '../../../mocks/kit.ts';
import { type MockKey, mockKeys, MOCK_ACCOUNT_ID, MOCK_API_KEY, type Role } from './keys.ts';
import { ApiError } from './params.ts';

export const MAX_TOKEN_LIFETIME = 3600;
/** Clock skew tolerated for iat/nbf in the future. */
export const CLOCK_SKEW = 60;

export interface AuthFaults {
  acceptExpired: boolean;
  acceptLongLived: boolean;
  skipSignature: boolean;
  rejectApiKey: boolean;
}

/** The error list's own code for each token fault (454-456, 433, 447), or 100 for all of them. */
type TokenCode = (specific: number) => number;

/** The caller's role, or ApiError 100. A Bearer header, when present, decides alone. */
export async function authenticate(req: MockRequest, params: Map<string, string>, faults: AuthFaults, tokenCodes: boolean): Promise<Role> {
  const header = req.headers.authorization;
  if (header !== undefined) return bearerRole(header, faults, (specific) => (tokenCodes ? specific : 100));
  const apiKey = params.get('api_key');
  if (apiKey !== undefined && !faults.rejectApiKey && apiKey === MOCK_API_KEY && params.get('account_id') === String(MOCK_ACCOUNT_ID)) {
    return 'Owner';
  }
  throw new ApiError(100);
}

async function bearerRole(header: string, faults: AuthFaults, code: TokenCode): Promise<Role> {
  const m = /^bearer +(\S+) *$/i.exec(header);
  if (!m) throw new ApiError(code(447));
  const token = m[1]!;
  const { key, payload } = verified.get(token) ?? (await checked(token, faults, code));
  const refused = claimsFault(payload, key.credentials.account_id, faults, code);
  if (refused !== undefined) throw new ApiError(refused);
  return key.role;
}

/**
 * Tokens whose signature checked out, with their key and claims: a client sends one token many times,
 * and RSA verification (then decoding the header and claims again) was the mock's top cost.
 */
const verified = new Map<string, { key: MockKey; payload: unknown }>();
const VERIFIED_KEPT = 256;

/** The token's key and claims, its signature verified unless the fault skips that; or ApiError. */
async function checked(token: string, faults: AuthFaults, code: TokenCode): Promise<{ key: MockKey; payload: unknown }> {
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    throw new ApiError(code(447));
  }
  const key = typeof kid === 'string' ? (await mockKeys()).get(kid) : undefined;
  if (!key) throw new ApiError(code(433));
  let payload: unknown;
  try {
    const bytes = faults.skipSignature ? Buffer.from(token.split('.')[1] ?? '', 'base64url') : (await compactVerify(token, key.publicKey, { algorithms: ['RS256'] })).payload;
    payload = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new ApiError(100);
  }
  if (!faults.skipSignature) {
    if (verified.size >= VERIFIED_KEPT) verified.delete(verified.keys().next().value!);
    verified.set(token, { key, payload });
  }
  return { key, payload };
}

/** The error code for the claims, or undefined when they are valid. */
function claimsFault(payload: unknown, accountId: number, faults: AuthFaults, code: TokenCode): number | undefined {
  if (typeof payload !== 'object' || payload === null) return code(447);
  const { iss, iat, exp, nbf } = payload as Record<string, unknown>;
  const now = Date.now() / 1000;
  if ((typeof iss !== 'number' && typeof iss !== 'string') || String(iss) !== String(accountId)) return 100;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) return code(447);
  if (iat > now + CLOCK_SKEW) return code(455);
  if (nbf !== undefined && (typeof nbf !== 'number' || !(nbf <= now + CLOCK_SKEW))) return code(455);
  if (exp <= now && !faults.acceptExpired) return code(456);
  if (exp - iat > MAX_TOKEN_LIFETIME && !faults.acceptLongLived) return code(454);
  return undefined;
}
