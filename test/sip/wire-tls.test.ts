// `sip.tls` end to end: the embedded BAS-IP mock's device registers over TLS to the suite's registrar
// listening with a certificate (the test fixture), so -WIRE-TRANSPORT sets udp, tcp and tls and sees each.
import { expect, test } from 'vitest';
import { readSipConfig } from '../../src/sip/endpoint.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { load } from '../../specs/basip-camdroid/index.ts';
import { TLS_CERT, TLS_KEY } from './kamailio.ts';

test.each([[[], 'pass'], [['sip-transport-ignored'], 'fail']] as const)('with faults %j, BASIP-CAMDROID-WIRE-TRANSPORT over udp, tcp and tls: %s', async (faults, verdict) => {
  const sip = readSipConfig({ listen: '127.0.0.1:0', tls: { cert: TLS_CERT, key: TLS_KEY, port: 0 } }, 'basip-camdroid', true);
  const report = await runSpec(await load(), { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs: 20_000, section: {}, mock: { faults: [...faults], variant: 'strict' }, only: ['BASIP-CAMDROID-WIRE-TRANSPORT'], sip });
  const [r] = report.requirements;
  expect(r?.verdict, `${r?.reason ?? ''} ${JSON.stringify(r?.failures.map((f) => f.checks))}`).toBe(verdict);
  const summaries = r!.wire!.map((x) => x.summary).join('\n');
  if (verdict === 'pass') expect(summaries).toMatch(/^REGISTER \d+ over TLS, Expires 300 -> 401$/m);
  else expect(r!.failures[0]!.checks.map((c) => c.message)).toEqual(['transport tcp set, REGISTER came over UDP']);
});
