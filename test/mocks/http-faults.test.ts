// The shell's HTTP faults (mocks/kit.ts), on a one-route mock: each changes what it claims, and only that.
import { describe, expect, it } from 'vitest';
import { HTTP_FAULTS, json, type MockDefinition, startMock } from '../../mocks/kit.ts';

const def: MockDefinition = {
  spec: 'one-route',
  fixtures: {},
  faults: Object.values(HTTP_FAULTS).map((f) => ({ ...f, breaks: [...f.breaks] })),
  create: () => (req) => (req.method === 'GET' ? json(200, { ok: true }) : json(405, { error: 'no' }, { allow: 'GET' })),
};

async function answers(faults: string[]) {
  const mock = await startMock(def, { faults, variant: 'strict' });
  try {
    const at = (method: string) => fetch(`${mock.url}/x`, { method }).then(async (r) => ({ status: r.status, allow: r.headers.get('allow'), type: r.headers.get('content-type') }));
    return { get: await at('GET'), patch: await at('PATCH'), options: await at('OPTIONS'), head: await at('HEAD') };
  } finally {
    await mock.close();
  }
}

describe('the shell\'s HTTP faults', () => {
  it('clean: 405 with Allow, GET typed JSON', async () => {
    const a = await answers([]);
    expect(a).toMatchObject({ get: { status: 200, type: 'application/json' }, patch: { status: 405, allow: 'GET' }, options: { status: 405, allow: 'GET' }, head: { status: 405 } });
  });
  it.each([
    [HTTP_FAULTS.methodNotAllowed.name, { patch: { status: 405, allow: null }, get: { status: 200, type: 'application/json' } }],
    [HTTP_FAULTS.options.name, { options: { status: 204, allow: 'OPTIONS' }, patch: { status: 405, allow: 'GET' } }],
    [HTTP_FAULTS.head.name, { options: { status: 204, allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' }, head: { status: 404 } }],
    [HTTP_FAULTS.contentType.name, { get: { status: 200, type: 'text/plain' }, patch: { status: 405, allow: 'GET' } }],
  ])('%s', async (fault, changed) => {
    expect(await answers([fault])).toMatchObject(changed);
  });
});
