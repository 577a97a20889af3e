import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CaseSource, planCases } from '../../generators/cases.ts';
import { validValue } from '../../generators/values.ts';
import { violationsFor } from '../../generators/violations.ts';
import { Validators } from '../../src/model/validators.ts';
import { expectationFor } from '../../src/judge/expectation.ts';
import { violationsOf } from '../../src/judge/oracle.ts';
import type { Case, JsonObject, Requirement, Schema } from '../../src/model/types.ts';
import type { ConformanceSpec, Session } from '../../src/model/vendor.ts';
import { loadSpec } from '../../specs/index.ts';

let spec: ConformanceSpec;
const validators = new Validators();
let session: Session;
beforeAll(async () => {
  spec = await loadSpec('ringcentral');
  session = await spec.open(spec.settings({}, true), undefined as never);
});

const requirement = (id: string) => spec.catalogue.find((r) => r.id === id)!;
const plan = (id: string, seed = 7) => planCases(requirement(id), spec, session, seed) as CaseSource;
const deviceId = (c: Case) => ((c.input as JsonObject)?.device as JsonObject | undefined)?.id;
const transports = (c: Case) => (((c.input as JsonObject)?.sipInfo as JsonObject[] | undefined) ?? []).map((i) => i?.transport);

/** Hand-written predicates, independent of the oracle, for what each requirement's cases must break. */
const BREAKS: Record<string, (c: Case) => boolean> = {
  'RC-DEVICE-ID-LENGTH': (c) => typeof deviceId(c) === 'string' && [...(deviceId(c) as string)].length > 38,
  'RC-DEVICE-ID-NUMERIC': (c) => typeof deviceId(c) === 'string' && !/^[0-9]+$/.test(deviceId(c) as string),
  'RC-TRANSPORT-VALUE': (c) => transports(c).some((t) => t !== undefined && !['UDP', 'TCP', 'TLS', 'WSS'].includes(t as string)),
  'RC-MIXED-TRANSPORTS': (c) => transports(c).includes('WSS') && transports(c).some((t) => ['UDP', 'TCP', 'TLS'].includes(t as string)),
  'RC-USER-AGENT-VERSION': (c) => {
    const ua = c.headers['User-Agent'];
    return ua !== undefined ? !/[A-Za-z][\w.+-]*\/\d/.test(ua) : c.omitHeaders.includes('User-Agent') && !c.headers['X-User-Agent'];
  },
  'RC-MALFORMED-JSON': (c) => {
    try {
      JSON.parse(c.rawBody!);
      return false;
    } catch {
      return true;
    }
  },
  'RC-TYPE-DEVICE-ID': (c) => deviceId(c) !== undefined && typeof deviceId(c) !== 'string',
};

describe('valid generators', () => {
  const schemas: Record<string, Schema> = {
    ranges: { type: 'object', required: ['h264', 'interval'], properties: { h264: { type: 'integer', minimum: 99, maximum: 127 }, interval: { type: 'number', minimum: 30, maximum: 900 } } },
    strings: { type: 'object', required: ['user'], properties: { user: { type: 'string', minLength: 1, maxLength: 31, pattern: '^[0-9a-zA-Z\\s~`!@#$%^&;*()_\\-+={[}\\]|"<,>.?/]+$' }, host: { type: 'string', format: 'ipv4' } } },
    enums: { type: 'object', properties: { timeout: { type: 'integer', enum: [120, 300, 600, 1200, 1800] }, t: { type: 'array', items: { type: 'string', enum: ['udp', 'tcp', 'tls'] } } } },
  };

  it.each(Object.keys(schemas))('every generated value is valid: %s', (name) => {
    const schema = schemas[name]!;
    fc.assert(fc.property(validValue(schema), (v) => validators.validator(schema)(v)), { numRuns: 300, seed: 1 });
  });

  it('a pattern with open repetitions under a length cap gives short and long values, every one matching and within the cap', () => {
    const schema: Schema = { type: 'string', maxLength: 24, pattern: '^[^;\\s]+(;[^;\\s]+)*$' };
    const values = fc.sample(validValue(schema), { numRuns: 500, seed: 4 }) as string[];
    for (const v of values) expect(validators.validator(schema)(v), v).toBe(true);
    expect(values.some((v) => v.length <= 3)).toBe(true);
    expect(values.some((v) => v.length >= 16)).toBe(true);
  });

  it('every generated RingCentral request body is valid against the seed-tightened schema', () => {
    const schema = spec.model.operations.createSIPRegistration!.input!.schema;
    fc.assert(fc.property(validValue(schema), (v) => validators.validator(schema)(v)), { numRuns: 300, seed: 2 });
  });

  it('a valid request is never expected to be rejected', () => {
    fc.assert(fc.property(plan('RC-VALID-ACCEPTED').arbitrary, (c) => expectationFor(c.violations, spec.catalogue).accept === true), { numRuns: 200 });
    const documented: Case = { ...plan('RC-VALID-ACCEPTED').examples[0]!, input: { device: { id: '1'.repeat(38) }, sipInfo: [{ transport: 'WSS' }], softPhoneLineReassignment: 'Reassign' } };
    expect(spec.rules.mixedTransports!.violatedBy(documented)).toBe(false);
  });
});

describe('violation generators', () => {
  it.each(Object.keys(BREAKS))('every case of %s breaks its rule (checked independently of the oracle)', (id) => {
    const { arbitrary, examples } = plan(id);
    fc.assert(fc.property(arbitrary, (c) => BREAKS[id]!(c)), { numRuns: 200, seed: 3 });
    for (const e of examples) expect(BREAKS[id]!(e) || e.violations.length === 0, e.note).toBe(true);
  });

  it('tries the boundary first: 39 digits rejected; 38 digits is no valid control (a 64-bit reader refuses it: device-id-magnitude)', () => {
    const { examples } = plan('RC-DEVICE-ID-LENGTH');
    const lengths = examples.map((c) => [String(deviceId(c)).length, c.violations.length === 0]);
    expect(lengths[0]).toEqual([39, false]);
    expect(lengths.filter(([, valid]) => valid)).toEqual([]);
  });

  it('covers letters, punctuation, spaces and exponents for non-numeric ids; signs, non-ASCII digits and empty are left to probes', () => {
    const ids = plan('RC-DEVICE-ID-NUMERIC').examples.map(deviceId);
    expect(ids).toEqual(expect.arrayContaining(['@1qwbc)yppa!', ' 123', '1e5', '0x1F']));
    for (const undecided of ['', '-1', '+1', '\u0661\u0662\u0663']) expect(ids).not.toContain(undecided);
  });

  it('covers empty, misspelt and non-string transports; case variants, WS and whitespace are left to probes', () => {
    const values = plan('RC-TRANSPORT-VALUE').examples.map((c) => transports(c)[0]);
    expect(values).toEqual(expect.arrayContaining(['', 'UDPx', 0, true]));
    for (const undecided of ['udp', 'Wss', 'WS', ' UDP', 'TCP ']) expect(values).not.toContain(undecided);
  });

  it('leaves the X-User-Agent alternative to a probe: neither judged accepted nor rejected', () => {
    expect(plan('RC-USER-AGENT-VERSION').examples.some((c) => c.headers['X-User-Agent'])).toBe(false);
    const alone = { ...plan('RC-USER-AGENT-VERSION').examples[0]!, omitHeaders: ['User-Agent'], headers: { 'X-User-Agent': 'MyApp/1.2.3' } };
    expect(spec.rules.userAgentVersion!.violatedBy(alone)).toBe(false);
    expect(spec.rules.userAgentVersion!.undecidedBy!(alone)).toBe(true);
  });

  it('expects either SPR-114 or SPR-118 for an id both too long and non-numeric', () => {
    const c = { ...plan('RC-DEVICE-ID-LENGTH').examples[0]!, input: { device: { id: 'x'.repeat(40) }, sipInfo: [{ transport: 'UDP' }] } };
    const finalized = { ...c, violations: [] };
    const expected = expectationFor(violationsOf(finalized, spec.model.operations.createSIPRegistration!, spec.rules, spec.validators), spec.catalogue);
    expect(expected).toMatchObject({ accept: false, status: [400], codes: expect.arrayContaining(['SPR-114', 'SPR-118']) });
  });

  it('derives the invalid side of numeric and length boundaries from the constraint', () => {
    const interval: Schema = { type: 'integer', minimum: 30, maximum: 900 };
    expect(violationsFor(interval, 'maximum', 300)).toMatchObject({ boundaries: [{ value: 901 }, { value: 900 + 2 ** 31 }], controls: [900] });
    expect(violationsFor(interval, 'minimum', 300)).toMatchObject({ boundaries: [{ value: 29 }, { value: 30 - 2 ** 31 }], controls: [30] });
    const password: Schema = { type: 'string', minLength: 6, maxLength: 31 };
    expect(violationsFor(password, 'minLength', 'abcdefgh')!.boundaries).toEqual([{ value: 'abcde' }]);
    expect(violationsFor(password, 'maxLength', 'abcdefgh')!.controls[0]).toHaveLength(31);
  });
});

describe('shrinking keeps the violation', () => {
  it.each(Object.keys(BREAKS))('%s: a shrunk counterexample still breaks the same rule', async (id) => {
    const { arbitrary } = plan(id);
    // A property that fails for every case big enough forces real shrinking work.
    const details = fc.check(fc.property(arbitrary, (c: Case) => JSON.stringify(c).length < 300), { seed: 11, numRuns: 200 });
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample!;
    expect(BREAKS[id]!(shrunk), JSON.stringify(shrunk)).toBe(true);
    expect(expectationFor(shrunk.violations, spec.catalogue).accept).toBe(false);
  });

  it('reports the shrunk case against the requirement that generated it', () => {
    const req: Requirement = requirement('RC-DEVICE-ID-LENGTH');
    const details = fc.check(fc.property(plan(req.id).arbitrary, (_c: Case) => false), { seed: 5 });
    const [shrunk] = details.counterexample!;
    expect(shrunk.requirement).toBe(req.id);
    expect(String(deviceId(shrunk)).length).toBeGreaterThan(38);
  });
});
