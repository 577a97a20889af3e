// Reads a report.json back (diff, merge, replay, --resume), checked against reports/report.schema.json,
// in the full form (schemaVersion 2's shared tables resolved; schemaVersion 1 read as it is).
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { ConfigError } from '../load/config.ts';
import { unpackReport } from './report-form.ts';
import { type Report, SCHEMA_VERSION } from './report.ts';

export const REPORT_SCHEMA = JSON.parse(readFileSync(new URL('../../reports/report.schema.json', import.meta.url), 'utf8')) as object;

const validate = new Ajv({ allErrors: false, strict: false }).compile(REPORT_SCHEMA);

/** The schema errors of a report, one line; undefined when it is valid. */
export function reportErrors(data: unknown): string | undefined {
  if (validate(data)) return undefined;
  const e = validate.errors![0]!;
  return `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValue' in e.params ? ` (${String(e.params.allowedValue)})` : ''}`;
}

export function readReport(file: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(`report ${file}: ${e.code ? `cannot read (${e.code})` : `invalid JSON (${e.message})`}`);
  }
  const error = reportErrors(data);
  if (error) throw new ConfigError(`report ${file}: not a sip-conformance report of schemaVersion 1 or ${SCHEMA_VERSION} (${error})`);
  try {
    return unpackReport(data as Report);
  } catch (err) {
    throw new ConfigError(`report ${file}: ${(err as Error).message}`);
  }
}
