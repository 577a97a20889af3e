// report.json: the whole run with its totals and schema version (reports/report.schema.json), in its
// written form (src/results/report-form.ts: titles, sources and covered violations once per spec).
// Indented, except that each requirement and each probe is one line: the file stays readable and
// diffs line by line, and a run of thousands of requirements no longer spends most of its bytes on
// indentation (3,200 requirements: 1.8 MB indented, 1.2 MB so). Written in pieces, a line at a time,
// so a report of tens of thousands of requirements is never one string in memory.
import { join } from 'node:path';
import { packSpec } from '../src/results/report-form.ts';
import { type Report, withTotals } from '../src/results/report.ts';
import { writeAtomic } from './write.ts';

const MARK = /"\\u0000(\d+)\\u0000"/g;

export function* jsonChunks(report: Report): Generator<string> {
  const full = withTotals(report);
  const lists: unknown[][] = [];
  // Each list of one-line items stands in the skeleton as one marker, replaced by its lines at the marker's indentation.
  const marked = (items: unknown[]) => (items.length ? [`\u0000${lists.push(items) - 1}\u0000`] : items);
  const specs = full.specs.map((s) => {
    const packed = packSpec(s);
    return { ...packed, shared: { ...packed.shared, covers: marked(packed.shared.covers) }, requirements: marked(packed.requirements), ...(s.probes && { probes: marked(s.probes) }) };
  });
  const text = JSON.stringify({ ...full, specs }, null, 2);
  let last = 0;
  for (const m of text.matchAll(MARK)) {
    const indent = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    yield text.slice(last, m.index);
    const items = lists[Number(m[1])]!;
    for (let i = 0; i < items.length; i++) yield `${i ? `,\n${indent}` : ''}${JSON.stringify(items[i])}`;
    last = m.index + m[0].length;
  }
  yield `${text.slice(last)}\n`;
}

export const renderJson = (report: Report): string => [...jsonChunks(report)].join('');

export const writeJsonReport = (dir: string, report: Report): string => writeAtomic(join(dir, 'report.json'), jsonChunks(report));
