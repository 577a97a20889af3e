// Which of a mock's routes can match a path, without testing every route's pattern: a document of
// thousands of operations made each request test thousands of regular expressions (quadratic in a run).
// The index only narrows; the route's own pattern still decides.

/** A route's path template (base path included) split at `/`; a segment holding a template is `undefined`. */
export type Segments = (string | undefined)[];

export function segmentsOf(template: string): Segments {
  return template.split('/').map((s) => (/\{[^}]+\}/.test(s) ? undefined : s));
}

/**
 * A template segment matches one non-empty run of characters other than `/` (`([^/]+)`), so a path a
 * route matches has as many segments as the route's template, and equals each literal one. A route is
 * filed under the non-empty literal segment (position and text) that the fewest routes share, or,
 * without one, under its length alone.
 */
export class RouteIndex<R> {
  readonly #byLiteral = new Map<string, number[]>();
  readonly #allTemplate = new Map<number, number[]>();

  constructor(private readonly routes: { route: R; segments: Segments }[]) {
    // Empty segments (the one before the leading `/`) tell no routes apart.
    const literals = routes.map(({ segments }) => segments.flatMap((s, at) => (s ? [key(segments.length, at, s)] : [])));
    const shared = new Map<string, number>();
    for (const k of literals.flat()) shared.set(k, (shared.get(k) ?? 0) + 1);
    literals.forEach((keys, i) => {
      if (keys.length === 0) push(this.#allTemplate, routes[i]!.segments.length, i);
      else push(this.#byLiteral, keys.reduce((a, b) => (shared.get(b)! < shared.get(a)! ? b : a)), i);
    });
  }

  /** The routes that can match `path` (with or without one trailing `/`, as the patterns allow), in their order. */
  candidates(path: string): R[] {
    const found = new Set<number>();
    for (const p of path.endsWith('/') ? [path, path.slice(0, -1)] : [path]) {
      const parts = p.split('/');
      for (const i of this.#allTemplate.get(parts.length) ?? []) found.add(i);
      parts.forEach((part, at) => {
        for (const i of this.#byLiteral.get(key(parts.length, at, part)) ?? []) found.add(i);
      });
    }
    return [...found].sort((a, b) => a - b).map((i) => this.routes[i]!.route);
  }
}

const key = (length: number, at: number, text: string) => `${length}/${at}/${text}`;

function push<K>(map: Map<K, number[]>, k: K, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}
