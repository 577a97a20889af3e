// `--shard i/n`: a deterministic split of each spec's requirements, so n machines together run
// every requirement exactly once (`sip-conformance merge` puts the reports back together).
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw new Error(`--shard: expected i/n with 1 <= i <= n <= 1000, got "${value}"`);
  return { index, count };
}

/** Round-robin over the ids in sorted order: balanced, and independent of catalogue order. */
export function inShard<T extends { id: string }>(items: T[], shard: Shard | undefined): T[] {
  if (!shard) return items;
  const position = new Map(items.map((r) => r.id).sort().map((id, i) => [id, i]));
  return items.filter((r) => position.get(r.id)! % shard.count === shard.index - 1);
}

export const shardLabel = (s: Shard) => `${s.index}/${s.count}`;
