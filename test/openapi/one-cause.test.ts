// One cause, one failure: a GET that answers an item of the wrong shape fails the operation's
// valid requirement, with every schema error listed (capped, the rest counted), and not the
// negative requirements whose rejections were right.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCHEMA_ERRORS_SHOWN } from '../../src/judge/checks.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scratch } from '../support/files.ts';

const DOC = scratch('one-cause').file(
  'accounts.yaml',
  `openapi: 3.0.3
info: { title: accounts, version: '1' }
paths:
  /accounts/{accountId}:
    get:
      operationId: getAccount
      parameters:
        - { name: accountId, in: path, required: true, schema: { type: integer, minimum: 1, maximum: 1000 } }
        - { name: verbose, in: query, schema: { type: boolean } }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                required: [id, name, a, b, c, d, e, f]
                properties: { id: { type: integer }, name: { type: string }, a: { type: string }, b: { type: string }, c: { type: string }, d: { type: string }, e: { type: string }, f: { type: string } }
        '400': { description: invalid }
`,
);

/** Rejects exactly what the document forbids; answers every valid request with the wrong shape. */
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const id = /^\/accounts\/([^/]+)$/.exec(u.pathname)?.[1];
    const verbose = u.searchParams.get('verbose');
    const ok = id !== undefined && /^-?\d+$/.test(id) && Number(id) >= 1 && Number(id) <= 1000 && (verbose === null || verbose === 'true' || verbose === 'false');
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { id: 'not a number' } : { error: 'invalid' }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

it('a wrong response body fails the valid requirement only, listing every schema error', async () => {
  const report = await runSpec(await loadFileSpec(DOC), { seed: 3, runs: 10, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000, section: { target: url } });
  const failed = report.requirements.filter((r) => r.verdict === 'fail');
  expect(failed.map((r) => r.id)).toEqual(['GETACCOUNT-VALID-ACCEPTED']);
  expect(report.requirements.find((r) => r.id === 'GETACCOUNT-PATH-ACCOUNTID-MAXIMUM')?.verdict).toBe('pass');
  const check = failed[0]!.failures[0]!.checks.find((c) => c.check === 'response_schema_conformance')!.message;
  expect(check).toContain("(root) must have required property 'name'");
  // Seven missing properties and one wrong type: the first few shown, the others counted.
  expect(check).toContain(`and ${8 - SCHEMA_ERRORS_SHOWN} more`);
});
