// `--only`: which requirements a run selects. Vitest matches the pattern against a test's full name
// (the spec's describe block, then the test), so the run, --dry-run and the check before a run agree.
import type { Requirement } from '../model/types.ts';

export const testName = (r: Requirement) => `[${r.level}] ${r.errorCode ?? '-'} ${r.id}: ${r.title}`;

export const selected = (spec: string, r: Requirement, only: string | undefined) => only === undefined || `${spec} ${testName(r)}`.includes(only);
