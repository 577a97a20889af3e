// The widest reading written in the schema (`x-lenient`) must take everything the lenient mock takes:
// the oracle calls a value "rejected by every reading" only outside it, so a value the lenient mock
// takes there would be a negative case that a correct server answers with success (a false failure).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOL_ZONES, INTLIST_ZONES, intZones, LENIENT_STATUS_FORMAT, VOXIMPLANT_FORMATS } from './formats.ts';
import { parseValue, type ParamType } from './mock/params.ts';
import { READINGS } from './mock/readings.ts';

const ALPHABET = [...'0123456789 ;,:+-.eExXTtRrUuFfAaLlSsYyNnOo\t'];
const raws = fc.string({ unit: fc.constantFrom(...ALPHABET), minLength: 1, maxLength: 8 });

const matches = (pattern: string) => (raw: string) => new RegExp(pattern, 'u').test(raw);
const ZONES: Array<[ParamType, (raw: string) => boolean]> = [
  ['int', matches(intZones(false).lenient.pattern)],
  ['bool', matches(BOOL_ZONES.lenient.pattern)],
  ['intlist', matches(INTLIST_ZONES.lenient.pattern)],
  ['status', VOXIMPLANT_FORMATS[LENIENT_STATUS_FORMAT]!],
];

describe('voximplant: the lenient zones of the schema and the lenient mock agree', () => {
  it.each(ZONES)('every %s value the lenient mock takes lies in the lenient zone', (type, inZone) => {
    fc.assert(fc.property(raws, (raw) => parseValue(type, raw, READINGS.lenient, false) === undefined || inZone(raw)), { numRuns: 5000, seed: 1 });
  });

  it('an intlist with a blank item (" ;0") is in the lenient zone: the lenient reading skips it', () => {
    expect(new RegExp(INTLIST_ZONES.lenient.pattern, 'u').test(' ;0')).toBe(true);
  });
});
