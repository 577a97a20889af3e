// Secrets never appear in any artifact of a run: console output, every report format, curl lines, errors.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ringcentralMock } from '../specs/ringcentral/mock/index.ts';
import { MOCK_API_KEY } from '../specs/voximplant/mock/keys.ts';
import { SPEC_NAMES } from '../specs/index.ts';
import { cli } from './support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'sipc-secrets-'));

/** One fault per spec, so the run has failures whose curl lines carry credentials. */
const FAULTS: Record<string, string> = {
  ringcentral: 'device-id-39-accepted',
  'basip-camdroid': 'interval-29-accepted',
  'basip-android': 'timeout-121-accepted',
  voximplant: 'pair-accepted',
};

const STATIC_SECRETS = [
  ...Object.entries(ringcentralMock.fixtures).filter(([k]) => k.endsWith('oken')).map(([, v]) => v),
  'e10adc3949ba59abbe56e057f20f883e', // its MD5, sent at login
  'YWRtaW46MTIzNDU2', // admin:123456 for HTTP Basic
  MOCK_API_KEY,
];

const LEAK_PATTERNS: [string, RegExp][] = [
  ['the BAS-IP password', /(?<!\d)123456(?!\d)/],
  ['a JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]+/],
  ['a private key', /PRIVATE KEY-----|MII[A-Za-z0-9+/]{40}/],
  ['a BAS-IP session token', /Bearer [0-9a-f]{32}\b/],
  ['a RingCentral token', /Bearer rc-mock/],
];

it('a run with failures in every spec leaks no token, password, API key, private key or JWT', async () => {
  expect(Object.keys(FAULTS).sort()).toEqual([...SPEC_NAMES].sort());
  const config = join(dir, 'config.json');
  writeFileSync(config, JSON.stringify(Object.fromEntries(Object.entries(FAULTS).map(([spec, fault]) => [spec, { mock: { faults: [fault] } }]))));
  const reports = join(dir, 'out');
  const out = await cli(['run', '--config', config, '--runs', '5', '--seed', '3', '--report-dir', reports], 240_000, dir);
  expect(out.code, out.stderr).toBe(1);
  const report = readFileSync(join(reports, 'report.json'), 'utf8');
  expect(report).toContain('[REDACTED]');
  const formats = ['junit.xml', 'report.html', 'report.md'].map((f) => [f, readFileSync(join(reports, f), 'utf8')] as const);
  for (const [name, text] of [['console', out.stdout + out.stderr], ['report.json', report], ...formats] as const) {
    for (const secret of STATIC_SECRETS) expect(text.includes(secret), `${name} contains ${secret}`).toBe(false);
    for (const [what, pattern] of LEAK_PATTERNS) expect(pattern.exec(text)?.[0], `${name} contains ${what}`).toBeUndefined();
  }
});
