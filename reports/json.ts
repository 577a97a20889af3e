// report.json: the whole run with its totals and schema version (reports/report.schema.json).
import { join } from 'node:path';
import { type Report, withTotals } from '../src/results/report.ts';
import { writeAtomic } from './write.ts';

export const renderJson = (report: Report) => `${JSON.stringify(withTotals(report), null, 2)}\n`;

export const writeJsonReport = (dir: string, report: Report): string => writeAtomic(join(dir, 'report.json'), renderJson(report));
