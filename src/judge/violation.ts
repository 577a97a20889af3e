// What a violation is called: ajv's errors as violations at normalised paths, and their identity.
import type { ErrorObject } from 'ajv';
import type { Violation } from '../model/types.ts';

const KEYWORD_ALIASES: Record<string, string> = { exclusiveMaximum: 'maximum', exclusiveMinimum: 'minimum' };

// Array indexes become `*`, so `/sipInfo/0/transport` matches the catalogue's `/sipInfo/*/transport`.
const normalisePath = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');

export function violationsOfErrors(errors: ErrorObject[], location: Violation['location']): Violation[] {
  return errors.map((e) => {
    const path = e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath;
    return { location, path: normalisePath(path), keyword: KEYWORD_ALIASES[e.keyword] ?? e.keyword };
  });
}

/** Identity of a violation, array indexes ignored. */
export const violationKey = (v: Violation) => `${v.location}|${normalisePath(v.path)}|${v.keyword}`;

/** Two JSON pointers on one branch (one is the other or inside it): a certain violation there decides the other. */
export const sameBranch = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
