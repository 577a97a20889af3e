// Digest authentication for SIP (RFC 3261 22.4, the RFC 2617 computation it cites, RFC 7616 as
// RFC 8760 brings it to SIP): MD5 and SHA-256, with qop=auth or without qop (RFC 2069 style).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthParams } from './headers.ts';

export type DigestAlgorithm = 'MD5' | 'SHA-256';
export const ALGORITHMS: readonly DigestAlgorithm[] = ['SHA-256', 'MD5'];

const hash = (algorithm: DigestAlgorithm, text: string) => createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(text, 'utf8').digest('hex');

export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** With qop=auth: the client nonce and the nonce count (8 hex digits). */
  qop?: { cnonce: string; nc: string };
}

/** request-digest (RFC 2617 3.2.2.1, RFC 7616 3.4.1). */
export function digestResponse(d: DigestInput): string {
  const ha1 = hash(d.algorithm, `${d.username}:${d.realm}:${d.password}`);
  const ha2 = hash(d.algorithm, `${d.method}:${d.uri}`);
  return d.qop ? hash(d.algorithm, `${ha1}:${d.nonce}:${d.qop.nc}:${d.qop.cnonce}:auth:${ha2}`) : hash(d.algorithm, `${ha1}:${d.nonce}:${ha2}`);
}

/** The algorithm a challenge or credentials name (absent: MD5, RFC 2617 3.2.1); undefined when unsupported. */
export function algorithmOf(p: AuthParams): DigestAlgorithm | undefined {
  const a = (p.params.get('algorithm') ?? 'MD5').toUpperCase();
  return a === 'MD5' ? 'MD5' : a === 'SHA-256' ? 'SHA-256' : undefined;
}

export const newNonce = () => randomBytes(16).toString('hex');

/** The WWW-Authenticate value of a challenge. */
export function challengeValue(realm: string, nonce: string, algorithm: DigestAlgorithm, opaque: string): string {
  return `Digest realm="${realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth", opaque="${opaque}"`;
}

/** Authorization credentials answering a challenge; qop=auth when the challenge offers it. */
export function credentials(challenge: AuthParams, o: { username: string; password: string; method: string; uri: string; nc?: number }): string {
  const algorithm = algorithmOf(challenge);
  if (!algorithm) throw new Error(`unsupported digest algorithm ${challenge.params.get('algorithm')}`);
  const realm = challenge.params.get('realm') ?? '';
  const nonce = challenge.params.get('nonce') ?? '';
  const offersAuth = (challenge.params.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase()).includes('auth');
  const qop = offersAuth ? { cnonce: randomBytes(8).toString('hex'), nc: (o.nc ?? 1).toString(16).padStart(8, '0') } : undefined;
  const response = digestResponse({ algorithm, username: o.username, realm, password: o.password, method: o.method, uri: o.uri, nonce, qop });
  const opaque = challenge.params.get('opaque');
  const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  return [
    `Digest username=${quote(o.username)}`, `realm=${quote(realm)}`, `nonce=${quote(nonce)}`, `uri=${quote(o.uri)}`, `response="${response}"`, `algorithm=${algorithm}`,
    ...(qop ? [`qop=auth`, `nc=${qop.nc}`, `cnonce="${qop.cnonce}"`] : []),
    ...(opaque === undefined ? [] : [`opaque=${quote(opaque)}`]),
  ].join(', ');
}

/** Whether credentials carry the right response for this password and method. */
export function verifyCredentials(c: AuthParams, o: { password: string; method: string }): boolean {
  const algorithm = algorithmOf(c);
  const got = c.params.get('response') ?? '';
  if (!algorithm || !/^[0-9a-f]+$/i.test(got)) return false;
  const qop = c.params.get('qop');
  if (qop !== undefined && qop.toLowerCase() !== 'auth') return false;
  const cnonce = c.params.get('cnonce');
  const nc = c.params.get('nc');
  if (qop !== undefined && (cnonce === undefined || nc === undefined || !/^[0-9a-f]{8}$/i.test(nc))) return false;
  const want = digestResponse({
    algorithm, username: c.params.get('username') ?? '', realm: c.params.get('realm') ?? '', password: o.password, method: o.method,
    uri: c.params.get('uri') ?? '', nonce: c.params.get('nonce') ?? '', qop: qop === undefined ? undefined : { cnonce: cnonce!, nc: nc! },
  });
  return want.length === got.length && timingSafeEqual(Buffer.from(want), Buffer.from(got.toLowerCase()));
}
