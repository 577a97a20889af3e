// A user's own OpenAPI file, with or without a catalogue file, runs on the same engine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../../mocks/kit.ts';
import { ringcentralMock } from '../../specs/ringcentral/mock/index.ts';
import { ConfigError } from '../../src/load/config.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { failed, ids } from '../support/run.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipc-file-spec-'));
// A user's own, smaller description of the RingCentral endpoint (non-web transports only).
const EXTRACT = join(dir, 'provision.yaml');
writeFileSync(
  EXTRACT,
  `openapi: 3.0.3
info: { title: my provisioning API, version: '1' }
paths:
  /restapi/v1.0/client-info/sip-provision:
    post:
      operationId: createSIPRegistration
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                sipInfo:
                  type: array
                  items: { type: object, properties: { transport: { type: string, enum: [UDP, TCP, TLS] } } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, required: [sipInfo], properties: { sipInfo: { type: array } } } } }
`,
);
const catalogueFile = join(dir, 'catalogue.json');
writeFileSync(
  catalogueFile,
  JSON.stringify({
    envelope: { schema: { type: 'object', required: ['errors'] }, codes: ['errorCode', 'errors[].errorCode'], params: ['errors[].parameterName'], level: 'MUST', source: 'vendor doc' },
    requirements: [
      { id: 'MY-VALID', title: 'valid input accepted', level: 'MUST', source: 'vendor doc', operation: 'createSIPRegistration', trigger: { kind: 'valid' }, expect: { status: [200] } },
      {
        id: 'MY-TRANSPORT',
        errorCode: 'CMN-101',
        title: 'bad transport rejected',
        level: 'MUST',
        source: 'vendor doc',
        operation: 'createSIPRegistration',
        trigger: { kind: 'constraint', location: 'body', path: '/sipInfo/*/transport', keywords: ['enum'] },
        expect: { status: [400], codes: ['CMN-101'], codeLevel: 'MUST' },
      },
      { id: 'MY-AUTH', title: 'no token, 401', level: 'MUST', source: 'vendor doc', operation: 'createSIPRegistration', trigger: { kind: 'auth', variants: ['missing'] }, expect: { status: [401] } },
    ],
  }),
);

let clean: RunningMock;
let faulty: RunningMock;
beforeAll(async () => {
  clean = await startMock(ringcentralMock, { faults: [], variant: 'strict' });
  faulty = await startMock(ringcentralMock, { faults: ['transport-prefix-match'], variant: 'strict' });
});
afterAll(async () => {
  await clean.close();
  await faulty.close();
});

const section = (target: string) => ({ target, token: ringcentralMock.fixtures.token, headers: { 'User-Agent': 'MyApp/1.0.0' } });
const options = { seed: 4, runs: 20, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 4, timeLimitMs: 20_000 };

describe('user OpenAPI file with a catalogue file', () => {
  it('passes a conforming server and names the requirement a faulty one breaks', async () => {
    const spec = await loadFileSpec(EXTRACT, catalogueFile);
    expect(spec.name).toBe('provision');
    const good = await runSpec(spec, { ...options, section: section(clean.url) });
    expect(failed(good)).toEqual([]);
    const own = good.requirements.filter((r) => r.id.startsWith('MY-'));
    expect(own.map((r) => [r.id, r.verdict])).toEqual([['MY-VALID', 'pass'], ['MY-TRANSPORT', 'pass'], ['MY-AUTH', 'pass']]);
    const bad = await runSpec(spec, { ...options, section: section(faulty.url) });
    // The derived requirement for the same constraint fails too: the catalogue makes its violation a MUST.
    expect(ids(failed(bad))).toEqual(['CREATESIPREGISTRATION-BODY-SIPINFO-ITEM-TRANSPORT-ENUM', 'MY-TRANSPORT']);
  });

  it('rejects a catalogue entry it cannot run, naming the entry', async () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ requirements: [{ id: 'X', title: 't', level: 'MUST', source: 's', operation: 'nope', trigger: { kind: 'valid' }, expect: { status: [200] } }] }));
    await expect(loadFileSpec(EXTRACT, broken)).rejects.toThrow(new ConfigError(`catalogue ${broken}: requirements[0].operation: "nope" is not an operationId of the spec`));
  });
});

describe('a catalogue beside the derived requirements', () => {
  it('adds its entries and overrides a derived one with the same id', async () => {
    const derived = await loadFileSpec(EXTRACT);
    const overriding = join(dir, 'override.json');
    writeFileSync(
      overriding,
      JSON.stringify({
        requirements: [
          { id: 'CREATESIPREGISTRATION-VALID-ACCEPTED', title: 'mine', level: 'MUST', source: 'vendor doc', operation: 'createSIPRegistration', trigger: { kind: 'valid' }, expect: { status: [200] } },
          { id: 'MY-EXTRA', title: 'extra', level: 'SHOULD', source: 'vendor doc', operation: 'createSIPRegistration', trigger: { kind: 'valid' }, expect: { status: [200] } },
        ],
      }),
    );
    const spec = await loadFileSpec(EXTRACT, overriding);
    const ids = derived.catalogue.map((r) => r.id);
    // The HTTP requirements (src/run/http-semantics.ts) come after the catalogue's own.
    expect(spec.catalogue.map((r) => r.id)).toEqual([...ids.filter((id) => !id.startsWith('HTTP-')), 'MY-EXTRA', ...ids.filter((id) => id.startsWith('HTTP-'))]);
    expect(spec.catalogue.find((r) => r.id === 'CREATESIPREGISTRATION-VALID-ACCEPTED')!.title).toBe('mine');
  });
});

describe('user OpenAPI file without a catalogue', () => {
  it('derives valid-input (MUST) and per-constraint rejection (SHOULD, inferred) requirements', async () => {
    const spec = await loadFileSpec(EXTRACT);
    const valid = spec.catalogue.find((r) => r.id.endsWith('VALID-ACCEPTED'))!;
    expect(valid.level).toBe('MUST');
    const enumReq = spec.catalogue.find((r) => r.trigger.kind === 'constraint' && r.trigger.path === '/body/sipInfo/*/transport' && r.trigger.keywords[0] === 'enum')!;
    expect(enumReq).toMatchObject({ level: 'SHOULD', source: expect.stringMatching(/^inferred from /) });
    const report = await runSpec(spec, { ...options, section: section(clean.url) });
    expect(failed(report)).toEqual([]);
    const withFault = await runSpec(spec, { ...options, section: section(faulty.url) });
    expect(withFault.requirements.find((r) => r.id === enumReq.id)!.verdict).toBe('warn');
    expect(failed(withFault)).toEqual([]);
  });
});
