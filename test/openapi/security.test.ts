// Security schemes from the document: OAuth2 client credentials fetched from the token URL with
// config credentials (a secret from the environment), and what happens without any credential.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../mocks/kit.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import { MOCK_CREDENTIALS } from '../../src/openapi/mock.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scratch } from '../support/files.ts';

const files = scratch('security');
const DOC = files.file(
  'oauth.yaml',
  `openapi: 3.0.3
info: { title: OAuth2 API, version: '1' }
security: [{ cc: [] }]
paths:
  /items:
    get:
      operationId: listItems
      responses: { '200': { description: ok }, '401': { description: no token } }
components:
  securitySchemes:
    cc: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://idp.example.test/token', scopes: {} } } }
`,
);

let idp: Server;
let tokenUrl: string;
const seen: string[] = [];
beforeAll(async () => {
  // The identity provider issues the mock's token to client "app" with secret "s3cret".
  idp = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      seen.push(body);
      const ok = req.headers.authorization === `Basic ${Buffer.from('app:s3cret').toString('base64')}` && body === 'grant_type=client_credentials';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { access_token: MOCK_CREDENTIALS.token, token_type: 'Bearer' } : { error: 'invalid_client' }));
    });
  });
  await new Promise<void>((done) => idp.listen(0, '127.0.0.1', done));
  tokenUrl = `http://127.0.0.1:${(idp.address() as { port: number }).port}/token`;
});
afterAll(() => idp.close());

const options = { seed: 3, runs: 5, timeoutMs: 5000, concurrency: 4, timeLimitMs: 20_000 };

describe('OAuth2 client credentials', () => {
  it('fetches a token from the token URL with the configured client, the secret read from the environment', async () => {
    const spec = await loadFileSpec(DOC);
    const mock = await startMock(spec.mock!, { faults: [], variant: 'strict' });
    process.env.SIPC_TEST_CLIENT_SECRET = 's3cret';
    try {
      const section = { target: mock.url, tokenUrl, clientId: 'app', clientSecret: { env: 'SIPC_TEST_CLIENT_SECRET' } };
      const report = await runSpec(spec, { ...options, section });
      expect(report.requirements.map((r) => [r.id, r.verdict])).toEqual([
        ['LISTITEMS-VALID-ACCEPTED', 'pass'],
        ['LISTITEMS-AUTH-MISSING', 'pass'],
        ['LISTITEMS-AUTH-INVALID', 'pass'],
        ['HTTP-METHOD-NOT-ALLOWED', 'pass'],
        ['HTTP-OPTIONS', 'pass'],
        ['HTTP-HEAD', 'skip'],
      ]);
      expect(seen).toContain('grant_type=client_credentials');
      await expect(runSpec(spec, { ...options, section: { ...section, clientSecret: 'wrong' } })).rejects.toThrow(/OAuth2 client credentials: no access_token from .* \(status 401\)/);
    } finally {
      delete process.env.SIPC_TEST_CLIENT_SECRET;
      await mock.close();
    }
  });

  it('an unset environment variable is a config error naming it', async () => {
    const spec = await loadFileSpec(DOC);
    expect(() => spec.settings({ target: 'http://127.0.0.1:1', clientSecret: { env: 'SIPC_NOT_SET_ANYWHERE' } }, false)).toThrow(
      'config oauth.clientSecret: environment variable SIPC_NOT_SET_ANYWHERE is not set',
    );
  });

  it('without credentials, requirements that need them are skips naming the config keys; the missing-credential one still runs', async () => {
    const spec = await loadFileSpec(DOC);
    const mock = await startMock(spec.mock!, { faults: [], variant: 'strict' });
    try {
      const report = await runSpec(spec, { ...options, section: { target: mock.url } });
      expect(report.requirements.map((r) => [r.id, r.verdict, r.reason])).toEqual([
        ['LISTITEMS-VALID-ACCEPTED', 'skip', 'needs credentials for cc (config token, or clientId + clientSecret)'],
        ['LISTITEMS-AUTH-MISSING', 'pass', undefined],
        ['LISTITEMS-AUTH-INVALID', 'pass', undefined],
        ...['HTTP-METHOD-NOT-ALLOWED', 'HTTP-OPTIONS', 'HTTP-HEAD'].map((id) => [id, 'skip', 'needs credentials for cc (config token, or clientId + clientSecret)']),
      ]);
    } finally {
      await mock.close();
    }
  });
});
