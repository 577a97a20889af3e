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

interface Index {
  /** Entries by violation key, over the whole catalogue and per operation. */
  byKey: Map<string, Requirement[]>;
  byOperation: Map<string, Map<string, Requirement[]>>;
  /** Catalogue order, in which an expectation lists its entries. */
  order: Map<Requirement, number>;
  /** Expectations already worked out (they repeat a lot). */
  memo: Map<string, Expected>;
}

const indexes = new WeakMap<Requirement[], Index>();
/** Expectations kept per catalogue: a bundled spec's all fit (a few hundred). */
const MEMO_LIMIT = 4096;

const add = (map: Map<string, Requirement[]>, key: string, r: Requirement) => {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
};

function indexOf(catalogue: Requirement[]): Index {
  let index = indexes.get(catalogue);
  if (!index) {
    index = { byKey: new Map(), byOperation: new Map(), order: new Map(), memo: new Map() };
    for (const [i, r] of catalogue.entries()) {
      index.order.set(r, i);
      let own = index.byOperation.get(r.operation);
      if (!own) index.byOperation.set(r.operation, (own = new Map()));
      for (const key of new Set(covers(r).map(violationKey))) {
        add(index.byKey, key, r);
        add(own, key, r);
      }
    }
    indexes.set(catalogue, index);
  }
  return index;
}

/**
 * The answer a case of `operation` with these violations calls for; the result is shared, never mutate
 * it. Where the operation has its own entries for a violation, only they answer for it: another
 * operation's entry for the same field and keyword may document other statuses or another level (a
 * document's operations often differ in what they document), which would make this one's expectation
 * stricter than its own documents say. Where it has none, every operation's entries answer.
 */
export function expectationFor(violations: Violation[], catalogue: Requirement[], operation?: string): Expected {
  if (violations.length === 0) return ACCEPT;
  if (violations.some((v) => v.location === 'undecided')) return EITHER;
  const { byKey, byOperation, order, memo } = indexOf(catalogue);
  const own = operation === undefined ? undefined : byOperation.get(operation);
  const keys = violations.map(violationKey);
  // Only a violation the operation answers for itself makes the expectation this operation's own.
  const memoKey = keys.map((k) => (own?.has(k) ? `${operation}\u0000${k}` : k)).join('\n');
  let expected = memo.get(memoKey);
  if (!expected) {
    const found = new Set(keys.flatMap((k) => own?.get(k) ?? byKey.get(k) ?? []));
    expected = expectationOf(violations, [...found].sort((a, b) => order.get(a)! - order.get(b)!));
    // A large document's operations each have their own expectations, each seen a few times: bounded.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(memoKey, expected);
  }
  return expected;
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
