// Part 2 of a spec split over several files (src/run/parts.ts); not a test file of its own (npm test leaves it out).
import { definePart } from '../src/run/suite.ts';

await definePart(2);
