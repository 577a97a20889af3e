// `--only`: which requirements a run selects, by a substring of a requirement's full name (the spec's
// name, then the test name a requirement has in vitest): the suites, --dry-run and the check before a
// run all select with it, so they agree.
import type { Requirement } from '../model/types.ts';

export const testName = (r: Requirement) => `[${r.level}] ${r.errorCode ?? '-'} ${r.id}: ${r.title}`;

export const selected = (spec: string, r: Requirement, only: string | undefined) => only === undefined || `${spec} ${testName(r)}`.includes(only);

/** A spec's tolerance probes: their describe block (after the requirements) and their test. */
export const probesSuiteName = (spec: string) => `${spec} (undecided points)`;
export const probeTestName = (spec: string) => `[probe] ${spec}: tolerance probes`;

/** Whether `--only` selects the spec's tolerance probes, by the same rule: their full name. */
export const probesSelected = (spec: string, only: string | undefined) => only === undefined || `${probesSuiteName(spec)} ${probeTestName(spec)}`.includes(only);
