import { beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { loadRingcentral } from '../../specs/ringcentral/index.ts';
import type { ConformanceSpec } from '../../src/spec.ts';
import { runAgainstMock } from '../support/run.ts';

let spec: ConformanceSpec;
beforeAll(async () => {
  spec = await loadRingcentral();
});

describe('RingCentral suite against its reference mock', () => {
  it('runs every requirement against the embedded mock: none skipped, every one with cases', async () => {
    const report = await runAgainstMock(spec, { runs: 5 });
    expect(report.requirements.filter((r) => r.verdict === 'skip')).toEqual([]);
    expect(report.requirements.every((r) => r.cases > 0)).toBe(true);
  });

  it('cites a source and a level for every requirement, and has a test per documented error code', () => {
    for (const r of spec.catalogue) {
      expect(r.source, r.id).toMatch(/seeds\/000_|openapi\.yaml|inferred/);
      expect(['MUST', 'SHOULD']).toContain(r.level);
    }
    const codes = new Set(spec.catalogue.map((r) => r.errorCode));
    for (const code of ['CMN-101', 'SPR-114', 'SPR-118', 'SPR-129', 'SPR-130', 'BIL-103', 'CMN-401', 'CMN-402', 'SPR-112', 'SPR-122']) {
      expect(codes, code).toContain(code);
    }
  });

  it('skips fixture codes whose fixture is absent from the config of a real target, naming the fixture', async () => {
    const server = await startMock(spec.mock!, { faults: [], variant: 'strict' });
    try {
      const section = { target: server.url, token: spec.mock!.fixtures.token };
      const report = await runAgainstMock(spec, { runs: 5, section, only: ['RC-VOIP-PERMISSION', 'RC-WEBRTC-DEVICE', 'RC-VALID-ACCEPTED'] });
      const byId = Object.fromEntries(report.requirements.map((r) => [r.id, r]));
      expect(byId['RC-VALID-ACCEPTED']!.verdict).toBe('pass');
      expect(byId['RC-VOIP-PERMISSION']!).toMatchObject({ verdict: 'skip', reason: expect.stringMatching(/needs fixture "noVoipPermissionToken"/) });
      expect(byId['RC-WEBRTC-DEVICE']!).toMatchObject({ verdict: 'skip', reason: expect.stringMatching(/needs fixture "nonWebRtcDeviceId"/) });
    } finally {
      await server.close();
    }
  });
});
