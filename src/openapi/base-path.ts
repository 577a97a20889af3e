// Where a target serves a document's operations. The document's base path (servers[0], Swagger 2
// basePath) is where they live by default; a mock such as Stoplight Prism serves them at the root. When
// every operation's valid request answers 404 under the document's base path, the root (and the target
// URL's own path) is tried, and the run tests where they answer, saying so in one line.
import { GenerationError } from '../../generators/bounded.ts';
import { CaseBuilder } from '../../generators/cases.ts';
import type { Transport } from '../http/index.ts';
import { toHttpRequest } from '../http/request.ts';
import type { Operation } from '../model/types.ts';
import type { ConformanceSpec, Session } from '../model/vendor.ts';

/** Operation paths under a base path, as a session's path overrides. */
export const pathsUnder = (spec: ConformanceSpec, base: string): Record<string, string> =>
  Object.fromEntries(Object.values(spec.model.operations).map((op) => [op.id, `${base}${op.path}`]));

/** The operations whose valid requests tell where the target serves them: the GETs (safe), else all. */
function witnesses(spec: ConformanceSpec): Operation[] {
  const all = Object.values(spec.model.operations);
  const gets = all.filter((op) => op.method === 'GET');
  return gets.length ? gets : all;
}

/** True when every witness's valid request answered 404 (nothing served there); a request that cannot be generated is left out. */
async function allNotFound(spec: ConformanceSpec, session: Session, origin: string, base: string, transport: Transport): Promise<boolean> {
  const at = { ...session, paths: pathsUnder(spec, base) };
  let sent = 0;
  for (const op of witnesses(spec)) {
    let request;
    try {
      const c = new CaseBuilder(spec, { id: `base-path:${op.id}`, title: 'base path', level: 'SHOULD', source: 'inferred', operation: op.id, trigger: { kind: 'valid' }, expect: { status: [], statusLevel: 'SHOULD' } }, 1).minimal();
      request = toHttpRequest(c, op, at, origin);
    } catch (err) {
      if (err instanceof GenerationError) continue;
      throw err;
    }
    const response = await transport.send(request, { idempotent: op.method === 'GET' });
    sent++;
    if (response.error || response.status !== 404) return false;
  }
  return sent > 0;
}

/**
 * The base path to test at: the document's, unless every witness answers 404 there and they answer
 * at one of `others` (the target URL's own path, the root). Returns the base and, when it moved, the line that says so.
 */
export async function locateBase(spec: ConformanceSpec, session: Session, origin: string, documented: string, others: string[], transport: Transport): Promise<{ base: string; notice?: string }> {
  if (!(await allNotFound(spec, session, origin, documented, transport))) return { base: documented };
  for (const base of others.filter((b) => b !== documented)) {
    if (!(await allNotFound(spec, session, origin, base, transport))) {
      return { base, notice: `every valid request answered 404 under the document's base path ${documented || '/'}; the operations answer at ${base || '/'}, tested there (--base-path sets it)` };
    }
  }
  return { base: documented };
}
