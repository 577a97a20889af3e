// Specs given to the CLI as OpenAPI files (`--spec FILE`); a split one runs in the part files instead.
import { inject, test } from 'vitest';
import { isBundled } from '../specs/index.ts';
import { splitSpecs } from '../src/run/parts.ts';
import { defineConformanceSuite } from '../src/run/suite.ts';

const split = splitSpecs(inject('sipConformance')?.parts);
const files = Object.keys(inject('sipConformance')?.specs ?? {}).filter((name) => !isBundled(name) && !split.has(name));
for (const file of files) await defineConformanceSuite(file);
if (files.length === 0) test.skip('no spec files given (sip-conformance run --spec FILE)', () => {});
