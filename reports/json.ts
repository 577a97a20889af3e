// report.json: the whole run with its totals and schema version (reports/report.schema.json).
// Indented, except that each requirement and each probe is one line: the file stays readable and
// diffs line by line, and a run of thousands of requirements no longer spends most of its bytes on
// indentation (3,200 requirements: 1.8 MB indented, 1.2 MB so).
import { join } from 'node:path';
import { type Report, withTotals } from '../src/results/report.ts';
import { writeAtomic } from './write.ts';

export function renderJson(report: Report): string {
  const lines: string[] = [];
  const placeholder = (value: unknown) => `\u0000${lines.push(JSON.stringify(value)) - 1}\u0000`;
  const full = withTotals(report);
  const specs = full.specs.map((s) => ({ ...s, requirements: s.requirements.map(placeholder), ...(s.probes && { probes: s.probes.map(placeholder) }) }));
  const text = JSON.stringify({ ...full, specs }, null, 2);
  return `${text.replace(/"\\u0000(\d+)\\u0000"/g, (_, i: string) => lines[Number(i)]!)}\n`;
}

export const writeJsonReport = (dir: string, report: Report): string => writeAtomic(join(dir, 'report.json'), renderJson(report));
