import { defineConformanceSuite } from '../src/suite.ts';

await defineConformanceSuite('voximplant');
