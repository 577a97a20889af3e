// What a server must answer to a case, derived from the violations it carries and the catalogue.
import type { Level, Requirement, Violation } from '../model/types.ts';
import { violationKey } from './violation.ts';

export type Expected =
  | { accept: true }
  /** The documents leave this case open: any answer but a server error or none at all. */
  | { accept: 'either' }
  | {
      accept: false;
      status: number[];
      statusLevel: Level;
      codes?: string[];
      codeLevel?: Level;
      params: string[];
      paramLevel?: Level;
      /** Catalogue entries that answer for this case's violations. */
      requirements: string[];
    };

const coverCache = new WeakMap<Requirement, Violation[]>();

/** The violations a catalogue entry answers for (computed once per entry: this runs for every case). */
export function covers(req: Requirement): Violation[] {
  let list = coverCache.get(req);
  if (!list) {
    list = req.covers ?? coversOfTrigger(req);
    coverCache.set(req, list);
  }
  return list;
}

function coversOfTrigger(req: Requirement): Violation[] {
  const t = req.trigger;
  switch (t.kind) {
    case 'constraint':
      return t.keywords.map((keyword) => ({ location: t.location, path: t.path, keyword }));
    case 'rule':
      return [{ location: 'rule', path: t.rule, keyword: 'rule' }];
    case 'fixture':
      return [{ location: 'fixture', path: t.fixture, keyword: 'fixture' }];
    case 'auth':
      return t.variants.map((keyword) => ({ location: 'auth', path: '', keyword }));
    case 'content':
      return t.variants.map((keyword) => ({ location: 'content', path: '', keyword }));
    default:
      return [];
  }
}

const weakest = (levels: Level[]): Level => (levels.every((l) => l === 'MUST') ? 'MUST' : 'SHOULD');
const strongest = (levels: Level[]): Level => (levels.some((l) => l === 'MUST') ? 'MUST' : 'SHOULD');

const ACCEPT: Expected = { accept: true };
const EITHER: Expected = { accept: 'either' };

/** Per catalogue: entries by violation key, and expectations already worked out (they repeat a lot). */
const indexes = new WeakMap<Requirement[], { byKey: Map<string, Requirement[]>; memo: Map<string, Expected> }>();

function indexOf(catalogue: Requirement[]) {
  let index = indexes.get(catalogue);
  if (!index) {
    const byKey = new Map<string, Requirement[]>();
    for (const r of catalogue) for (const key of new Set(covers(r).map(violationKey))) byKey.set(key, [...(byKey.get(key) ?? []), r]);
    index = { byKey, memo: new Map() };
    indexes.set(catalogue, index);
  }
  return index;
}

/**
 * The answer a case of `operation` with these violations calls for; the result is shared, never mutate
 * it. Where the operation has its own entries for a violation, only they answer for it: another
 * operation's entry for the same field and keyword may document other statuses or another level (a
 * document's operations often differ in what they document), which would make this one's expectation
 * stricter than its own documents say.
 */
export function expectationFor(violations: Violation[], catalogue: Requirement[], operation?: string): Expected {
  if (violations.length === 0) return ACCEPT;
  if (violations.some((v) => v.location === 'undecided')) return EITHER;
  const { byKey, memo } = indexOf(catalogue);
  const keys = violations.map(violationKey);
  const memoKey = `${operation}\n${keys.join('\n')}`;
  let expected = memo.get(memoKey);
  if (!expected) {
    const found = new Set(keys.flatMap((k) => ownFirst(byKey.get(k) ?? [], operation)));
    expected = expectationOf(violations, catalogue.filter((r) => found.has(r)));
    memo.set(memoKey, expected);
  }
  return expected;
}

/** The operation's own entries when it has any, else every operation's. */
function ownFirst(entries: Requirement[], operation: string | undefined): Requirement[] {
  const own = entries.filter((r) => r.operation === operation);
  return own.length > 0 ? own : entries;
}

function expectationOf(violations: Violation[], entries: Requirement[]): Expected {
  if (entries.length === 0) {
    // Undocumented violation: rejecting is expected only as a SHOULD.
    return { accept: false, status: [400, 401, 403, 404, 405, 409, 413, 415, 422], statusLevel: 'SHOULD', params: [], requirements: [] };
  }
  const withCodes = entries.filter((r) => r.expect.codes?.length);
  const withParams = entries.filter((r) => r.expect.param);
  return {
    accept: false,
    status: [...new Set(entries.flatMap((r) => r.expect.status))],
    statusLevel: strongest(entries.map((r) => r.expect.statusLevel)),
    ...(withCodes.length && {
      codes: [...new Set(withCodes.flatMap((r) => r.expect.codes!))],
      // A code is only required when every entry that could answer demands one as MUST.
      codeLevel: withCodes.length === entries.length ? weakest(withCodes.map((r) => r.expect.codeLevel ?? r.level)) : 'SHOULD',
    }),
    params: withParams.length === entries.length ? violations.filter((v) => v.location === 'body' || v.location === 'query').map((v) => paramName(v.path)) : [],
    ...(withParams.length === entries.length && withParams.length > 0 && { paramLevel: weakest(withParams.map((r) => r.expect.param!)) }),
    requirements: entries.map((r) => r.id),
  };
}

/** `/sipInfo/*\/transport` -> `sipInfo.transport` */
export const paramName = (path: string) => path.split('/').filter((s) => s && s !== '*').join('.');
