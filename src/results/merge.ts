// Puts shard reports back into one: every requirement once, checked; totals recomputed by the writers.
import type { Report, SpecReport, TransportSummary } from './report.ts';
import { parseShard, shardLabel } from '../run/shard.ts';

export class MergeError extends Error {}

export function mergeReports(inputs: { file: string; report: Report }[]): Report {
  if (inputs.length === 0) throw new MergeError('merge: give at least one report');
  const first = inputs[0]!.report;
  const seeds = [...new Set(inputs.map((i) => i.report.seed))];
  if (seeds.length > 1) throw new MergeError(`merge: the reports ran with different seeds (${seeds.join(', ')}); run every shard with the same --seed`);
  checkShards(inputs);
  const specs = new Map<string, SpecReport>();
  const origin = new Map<string, string>();
  for (const { file, report } of inputs) {
    for (const s of report.specs) {
      const seen = specs.get(s.spec);
      const merged = seen ?? { ...s, requirements: [], probes: undefined, ambiguities: undefined, error: undefined, totals: undefined };
      if (seen) {
        if (s.planned !== undefined) merged.planned = (merged.planned ?? 0) + s.planned;
        merged.transport = sumTransport(merged.transport, s.transport);
      }
      specs.set(s.spec, merged);
      for (const r of s.requirements) {
        const seen = origin.get(`${s.spec}\u0000${r.id}`);
        if (seen) throw new MergeError(`merge: ${s.spec} ${r.id} is in both ${seen} and ${file} (shards overlap; it would be counted twice)`);
        origin.set(`${s.spec}\u0000${r.id}`, file);
        merged.requirements.push(r);
      }
      const probes = [...(merged.probes ?? []), ...(s.probes ?? [])];
      const unique = probes.filter((p, i) => probes.findIndex((q) => q.point === p.point && q.case === p.case) === i);
      if (unique.length) merged.probes = unique;
      const ambiguities = [...new Set([...(merged.ambiguities ?? []), ...(s.ambiguities ?? [])])];
      if (ambiguities.length) merged.ambiguities = ambiguities;
      if (s.error) merged.error = merged.error ? `${merged.error}; ${s.error}` : s.error;
      if (merged.target !== s.target && !merged.target.startsWith('embedded mock')) merged.target = `${merged.target}, ${s.target}`;
    }
  }
  const { shard: _shard, ...settings } = first.settings ?? { timeoutMs: 5000, concurrency: 8 };
  return {
    tool: first.tool,
    seed: first.seed,
    runs: first.runs,
    startedAt: inputs.map((i) => i.report.startedAt).sort()[0]!,
    finishedAt: inputs.map((i) => i.report.finishedAt ?? '').sort().at(-1) || undefined,
    complete: inputs.every((i) => i.report.complete),
    settings,
    ...(first.baseline && { baseline: first.baseline }),
    specs: [...specs.values()],
  };
}

/** What the shards' transports did together (rate and budget shares stay the first's). */
export function sumTransport(a: TransportSummary | undefined, b: TransportSummary | undefined): TransportSummary | undefined {
  if (!a || !b) return a ?? b;
  return { ...a, requests: a.requests + b.requests, staleRetries: a.staleRetries + b.staleRetries, rateLimitWaits: a.rateLimitWaits + b.rateLimitWaits, waitedMs: a.waitedMs + b.waitedMs, reauthentications: a.reauthentications + b.reauthentications, overBudget: a.overBudget + b.overBudget };
}

/** Shard reports must be i/n for one n, each i once, none missing; unsharded reports merge freely. */
function checkShards(inputs: { file: string; report: Report }[]): void {
  const shards = inputs.filter((i) => i.report.settings?.shard).map((i) => ({ file: i.file, ...parseShard(i.report.settings!.shard!) }));
  if (shards.length === 0) return;
  if (shards.length !== inputs.length) throw new MergeError('merge: some reports are shards and some are not');
  const count = shards[0]!.count;
  if (shards.some((s) => s.count !== count)) throw new MergeError(`merge: shards of different splits (${shards.map(shardLabel).join(', ')})`);
  for (let i = 1; i <= count; i++) {
    const found = shards.filter((s) => s.index === i);
    if (found.length === 0) throw new MergeError(`merge: shard ${i}/${count} is missing (its requirements would be lost)`);
    if (found.length > 1) throw new MergeError(`merge: shard ${i}/${count} given twice (${found.map((s) => s.file).join(', ')})`);
  }
}
