// Writes report.json atomically, so a reader never sees half a report, even of an interrupted run.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Report } from '../src/results.ts';

export function writeJsonReport(dir: string, report: Report): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'report.json');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(temp, file);
  return file;
}
