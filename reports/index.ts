// The reporters by format (one module each), and writing the chosen ones into a report folder (the
// large formats, JSON, HTML and JUnit, in pieces).
import { join } from 'node:path';
import type { Report } from '../src/results/report.ts';
import { htmlChunks } from './html.ts';
import { jsonChunks } from './json.ts';
import { junitChunks } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { writeAtomic } from './write.ts';

export const REPORTERS = {
  json: { file: 'report.json', render: jsonChunks },
  junit: { file: 'junit.xml', render: junitChunks },
  html: { file: 'report.html', render: htmlChunks },
  md: { file: 'report.md', render: renderMarkdown },
} satisfies Record<string, { file: string; render(report: Report): string | Iterable<string> }>;

export type Format = keyof typeof REPORTERS;
export const FORMATS = Object.keys(REPORTERS) as Format[];

/** `json,junit` -> the formats; an unknown name is an error naming the known ones. */
export function parseFormats(value: string | undefined): Format[] {
  if (value === undefined) return FORMATS;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.find((n) => !(n in REPORTERS));
  if (unknown !== undefined || names.length === 0) throw new Error(`--format: unknown format "${unknown ?? value}" (known: ${FORMATS.join(', ')})`);
  return [...new Set(names)] as Format[];
}

/** Writes each format atomically; returns the files written. */
export function writeReports(dir: string, report: Report, formats: Format[] = FORMATS): string[] {
  return formats.map((f) => writeAtomic(join(dir, REPORTERS[f].file), REPORTERS[f].render(report)));
}
