// A case drawn again is not sent again: its outcome is known, passing or failing, shrinking included.
import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../src/http/client.ts';
import { blankCase } from '../../src/model/types.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { caseKey } from '../../src/run/repeats.ts';
import { thingsSpec } from '../support/things.ts';

const options = { seed: 1, runs: 40, timeoutMs: 5000, concurrency: 2, timeLimitMs: 30_000, section: {} };

/** A server that accepts everything (so a missing body, which must be refused, fails), counting what it is sent. */
function acceptingServer() {
  const sent: string[] = [];
  const client = {
    send: async (r: HttpRequest): Promise<HttpResponse> => {
      sent.push(`${r.method} ${r.url} ${JSON.stringify(r.headers)} ${r.body === undefined ? '' : Buffer.from(r.body as string).toString('base64')}`);
      return { status: 200, headers: { 'content-type': 'application/json' }, text: '{}', json: { value: {} }, ms: 1 };
    },
    close: async () => {},
  };
  return { client, sent };
}

describe('repeated cases', () => {
  it('are answered from the first one against the embedded mock: fewer requests, the same verdicts', async () => {
    const report = await runSpec(await thingsSpec('repeats-pass'), options);
    const required = report.requirements.find((r) => r.id === 'ADDTHING-BODY-REQUIRED')!;
    // A missing body has a handful of forms (no body, null, no content type...), drawn 40 times.
    expect(required).toMatchObject({ verdict: 'pass' });
    expect(required.cases).toBeGreaterThan(0);
    expect(required.cases).toBeLessThan(10);
    expect(required.requests).toBe(required.cases);
    expect(report.requirements.every((r) => r.verdict === 'pass')).toBe(true);
  });

  it('are not sent again while a failure is found: every request of the requirement differs', async () => {
    const { client, sent } = acceptingServer();
    const report = await runSpec(await thingsSpec('repeats-fail'), { ...options, only: ['ADDTHING-BODY-REQUIRED'], target: 'http://127.0.0.1:9', client, probes: false });
    const required = report.requirements.find((r) => r.id === 'ADDTHING-BODY-REQUIRED')!;
    expect(required.verdict).toBe('fail');
    expect(required.failures[0]!.level).toBe('MUST');
    const own = sent.filter((s) => s.startsWith('POST'));
    expect(own.length).toBeGreaterThan(0);
    expect(new Set(own).size).toBe(own.length);
  });

  it("a case's identity keeps apart what JSON would blur", () => {
    const c = (input: unknown) => caseKey({ ...blankCase('R', 'op', 'n'), input: input as never });
    expect(c({ a: -0 })).not.toBe(c({ a: 0 }));
    expect(c({ a: Number.NaN })).not.toBe(c({ a: null }));
    expect(c({ a: Number.POSITIVE_INFINITY })).not.toBe(c({ a: null }));
    expect(c({ a: undefined })).not.toBe(c({}));
    expect(c({ a: 1, b: 'x' })).toBe(c({ a: 1, b: 'x' }));
    expect(caseKey(blankCase('R', 'op', 'boundary: x', {}))).toBe(caseKey(blankCase('R', 'op', 'x', {})));
  });
});
