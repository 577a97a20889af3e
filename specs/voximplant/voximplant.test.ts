// The Voximplant spec: its catalogue, and the billable guard against a target that is not the embedded
// mock. Clean runs and fault detection live in test/mutation.test.ts with every other spec's.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { voximplantMock } from './mock/index.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY, ROLES, writeMockCredentials } from './mock/keys.ts';
import { ConfigError, type ConformanceSpec, Validators } from '../../src/index.ts';
import { IN_PROCESS_TIMEOUT_MS, runSpec } from '../../test/support/engine.ts';
import { CODE, DOCUMENTED_ERROR_CODES } from './error-codes.ts';
import { STATUS_FORMAT } from './formats.ts';
import { load } from './index.ts';
import { registrationIds } from './standalone.test-helpers.ts';
import { explain, failed, ids, runAgainstMock, warned } from '../../test/support/run.ts';

const RUNS = 15;
let spec: ConformanceSpec;
let dir: string;
let files: Record<string, string>;

beforeAll(async () => {
  spec = await load();
  dir = await mkdtemp(join(tmpdir(), 'sipc-vox-'));
  files = await writeMockCredentials(dir);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('voximplant spec: catalogue', () => {
  it('keeps its formats to its own Ajv: loading it changes no other spec', async () => {
    const other = await load();
    expect(spec.validators.checksFormat(STATUS_FORMAT)).toBe(true);
    expect(spec.validators.validator({ type: 'string', format: STATUS_FORMAT })('200:299;486')).toBe(true);
    expect(spec.validators.validator({ type: 'string', format: STATUS_FORMAT })('299:200')).toBe(false);
    expect(other.validators).not.toBe(spec.validators);
    expect(new Validators().checksFormat(STATUS_FORMAT)).toBe(false);
  });

  it('documents the is_persistent ambiguity', () => {
    expect(spec.ambiguities?.join('\n')).toMatch(/is_persistent/);
  });

  it('cites only codes of the vendor error list it ships', () => {
    for (const [name, code] of Object.entries(CODE)) expect(DOCUMENTED_ERROR_CODES, name).toContain(code);
    for (const r of spec.catalogue) for (const c of r.expect.codes ?? []) expect(DOCUMENTED_ERROR_CODES, `${r.id} ${c}`).toContain(Number(c));
    const auth = Object.fromEntries(spec.catalogue.map((r) => [r.id, r.expect.codes ?? []]));
    expect(auth['VOX-AUTH-JWT-EXPIRED']).toEqual(expect.arrayContaining(['100', '456']));
    expect(auth['VOX-AUTH-JWT-NOT-YET-VALID']).toEqual(expect.arrayContaining(['100', '455']));
    expect(auth['VOX-AUTH-JWT-LIFETIME']).toEqual(expect.arrayContaining(['100', '454']));
  });

  it('states every undecided point in docs/undecided/voximplant.md, with a source', () => {
    const doc = readFileSync(new URL('../../docs/undecided/voximplant.md', import.meta.url), 'utf8');
    for (const p of spec.undecided ?? []) {
      expect(doc, p.id).toContain(`| ${p.id} |`);
      expect(p.source, p.id).not.toBe('');
      expect(p.readings.length, p.id).toBeGreaterThan(0);
    }
    expect(spec.undecided?.map((p) => p.id)).toEqual(expect.arrayContaining(['get-count-meaning', 'status-code-forms', 'list-forms', 'proxy-forms']));
  });

  it('types last_updated as the vendor client does (a number)', () => {
    const item = spec.model.schemas.SIPRegistration as { properties: Record<string, { type: string }> };
    expect(item.properties.last_updated!.type).toBe('number');
  });
});

describe('voximplant spec: embedded mock', () => {
  // One random case each: what runs, and the probes (each sent once), do not depend on how many.
  it('runs every requirement: none skipped (faults and clean runs are in test/mutation.test.ts)', async () => {
    const report = await runAgainstMock(spec, { runs: 1 });
    expect(report.requirements.filter((r) => r.verdict === 'skip'), explain(report.requirements)).toEqual([]);
    // Tolerance probes: one result per probe, what the strict mock chose, never a verdict.
    const probes = report.probes ?? [];
    expect(probes.length).toBe((spec.undecided ?? []).reduce((n, p) => n + p.probes.length, 0));
    expect(probes.find((p) => p.case === '/status_code = "99"')).toMatchObject({ point: 'status-code-forms', outcome: 'rejected', codes: ['496'] });
    expect(probes.find((p) => p.case === '/proxy = "sip:sip.example.com"')).toMatchObject({ point: 'proxy-forms', outcome: 'accepted' });
  });
});

describe('voximplant spec: config and the billable guard', () => {
  const section = () => ({ credentials: { owner: files.Owner!, developer: files.Developer!, support: files.Support! }, accountId: MOCK_ACCOUNT_ID, apiKey: MOCK_API_KEY });

  it('names the key and the file of an unreadable credentials file', () => {
    expect(() => spec.settings({ credentials: { owner: join(dir, 'missing.json') } }, false)).toThrow(ConfigError);
    expect(() => spec.settings({ credentials: { owner: join(dir, 'missing.json') } }, false)).toThrow(/voximplant\.credentials\.owner: cannot read .*missing\.json/);
    expect(() => spec.settings({ credentials: { janitor: files.Owner! } }, false)).toThrow(/credentials\.janitor: unknown key/);
    expect(() => spec.settings({}, false)).toThrow(/voximplant\.credentials/);
  });

  it('skips every creating requirement against a real target without allowBillable, naming why', async () => {
    const mock = await startMock(voximplantMock, { faults: [], variant: 'strict' });
    try {
      const report = await runSpec(spec, { seed: 3, runs: 5, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 8, timeLimitMs: 20_000, section: section(), target: mock.url, rate: 'none' });
      const skipped = report.requirements.filter((r) => r.verdict === 'skip');
      expect(ids(skipped)).toEqual(expect.arrayContaining(['VOX-CREATE-RESULT', 'VOX-DELETE-REMOVES', 'VOX-ROLES-CREATE', 'VOX-ONE-PER-USER']));
      expect(skipped.find((r) => r.id === 'VOX-CREATE-RESULT')?.reason).toMatch(/allow-billable/);
      expect(ids(skipped)).not.toContain('VOX-ROLES-GET');
      expect(skipped.find((r) => r.id === 'VOX-ROLES-GET')).toBeUndefined();
      const roles = report.requirements.find((r) => r.id === 'VOX-ROLES-GET')!;
      expect(roles.verdict).toBe('pass');
      expect(roles.reason).toMatch(/Admin.*no credentials/);
      expect(failed(report), explain(failed(report))).toEqual([]);
      expect(await registrationIds(mock.url)).toHaveLength(1);
    } finally {
      await mock.close();
    }
  });

  /** A real account as the issue describes it: service-account JWTs for all six roles, no legacy key. */
  const jwtOnly = () => ({ credentials: Object.fromEntries(ROLES.map((r) => [r.toLowerCase(), files[r]!])), allowBillable: true });

  it('with allowBillable and JWTs only, creates registrations and deletes every one at the end', async () => {
    const mock = await startMock(voximplantMock, { faults: [], variant: 'strict' });
    try {
      const report = await runSpec(spec, {
        seed: 4, runs: 5, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 8, timeLimitMs: 20_000, target: mock.url, rate: 'none',
        section: { ...jwtOnly(), accountData: accountData() },
      });
      const skipped = report.requirements.filter((r) => r.verdict === 'skip');
      const wire = skipped.filter((r) => r.id.includes('-WIRE-'));
      expect(ids(skipped).sort()).toEqual(['VOX-AUTH-API-KEY', 'VOX-CREATE-CAP', ...ids(wire)].sort());
      expect(skipped.filter((r) => !wire.includes(r)).map((r) => r.reason).join('\n')).toMatch(/apiKey[^]*registrationLimit/);
      // No sip config: the platform has no registrar to register at, so the wire requirements skip, never pass.
      expect(wire).toHaveLength(spec.catalogue.filter((r) => r.id.includes('-WIRE-')).length);
      for (const r of wire) expect(r.reason, r.id).toMatch(/sip\.listen and sip\.advertise are not configured/);
      expect(report.requirements.find((r) => r.id === 'VOX-CREATE-RESULT')?.verdict).toBe('pass');
      expect(report.requirements.find((r) => r.id === 'VOX-DELETE-REMOVES')?.verdict).toBe('pass');
      expect(report.requirements.find((r) => r.id === 'VOX-ROLES-DELETE')?.reason).toBeUndefined();
      expect(failed(report), explain(failed(report))).toEqual([]);
      expect(await registrationIds(mock.url)).toEqual([500]);
    } finally {
      await mock.close();
    }
  });
});

describe('voximplant spec: a real account without accountData', () => {
  it('runs what binds nothing (Create, Update, Delete, Get) and skips what binds, naming accountData', async () => {
    const mock = await startMock(voximplantMock, { faults: [], variant: 'strict' });
    try {
      const credentials = Object.fromEntries(ROLES.map((r) => [r.toLowerCase(), files[r]!]));
      const report = await runSpec(spec, { seed: 5, runs: 5, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 8, timeLimitMs: 20_000, target: mock.url, rate: 'none', section: { credentials, allowBillable: true } });
      const skipped = report.requirements.filter((r) => r.verdict === 'skip');
      for (const r of skipped.filter((x) => !['VOX-AUTH-API-KEY', 'VOX-CREATE-CAP'].includes(x.id) && !x.id.includes('-WIRE-'))) expect(r.reason, r.id).toMatch(/voximplant\.accountData/);
      expect(ids(skipped)).toEqual(expect.arrayContaining(['VOX-ROLES-BIND', 'VOX-BIND-APPLIES', 'VOX-ITEM-FIELDS']));
      const ran = ids(report.requirements.filter((r) => r.verdict === 'pass'));
      expect(ran).toEqual(expect.arrayContaining(['VOX-CREATE-RESULT', 'VOX-CREATE-REQUIRED', 'VOX-CREATE-PROXY', 'VOX-ROLES-CREATE', 'VOX-ROLES-UPDATE', 'VOX-ROLES-DELETE', 'VOX-UPDATE-REQUIRED', 'VOX-DELETE-REMOVES', 'VOX-UPDATE-APPLIES', 'VOX-GET-COUNT']));
      expect(failed(report), explain(failed(report))).toEqual([]);
      expect(warned(report), explain(warned(report))).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});

function accountData() {
  return {
    applications: [
      { id: 101, name: 'sipc-app', rules: [{ id: 201, name: 'sipc-rule' }, { id: 202, name: 'sipc-rule-2' }], users: [{ id: 301, name: 'alice' }, { id: 302, name: 'bob' }] },
      { id: 102, name: 'sipc-other-app', rules: [{ id: 203, name: 'other-rule' }], users: [{ id: 303, name: 'carol' }] },
    ],
  };
}
