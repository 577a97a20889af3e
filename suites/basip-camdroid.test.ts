import { defineConformanceSuite } from '../src/suite.ts';

await defineConformanceSuite('basip-camdroid');
