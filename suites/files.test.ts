// Specs given to the CLI as OpenAPI files (`--spec FILE`).
import { inject, test } from 'vitest';
import { isBundled } from '../specs/index.ts';
import { defineConformanceSuite } from '../src/run/suite.ts';

const files = Object.keys(inject('sipConformance')?.specs ?? {}).filter((name) => !isBundled(name));
for (const file of files) await defineConformanceSuite(file);
if (files.length === 0) test.skip('no spec files given (sip-conformance run --spec FILE)', () => {});
