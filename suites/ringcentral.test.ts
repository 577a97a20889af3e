import { defineConformanceSuite } from '../src/run/suite.ts';

await defineConformanceSuite('ringcentral');
