// A small HTTP client for one BAS-IP mock instance, for the mocks' own tests.
import { afterEach, vi } from 'vitest';
import { type MockDefinition, type MockOptions, type RunningMock, startMock } from '../../../mocks/kit.ts';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // bodies are inspected freely
}

/** Starts mocks on demand (closed after each test) and talks to their settings endpoint. */
export function basipMockClient(def: MockDefinition, settingsPath: string, auth: Record<string, string>) {
  let running: RunningMock[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(running.map((m) => m.close()));
    running = [];
  });
  return async function start(options: Partial<MockOptions> = {}) {
    const mock = await startMock(def, { faults: [], variant: 'strict', ...options });
    running.push(mock);
    const send = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> => {
      const res = await fetch(mock.url + path, { method, headers, body });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
    };
    return {
      send,
      get: (headers: Record<string, string> = auth) => send('GET', settingsPath, headers),
      post: (body: unknown, headers: Record<string, string> = auth) =>
        send('POST', settingsPath, { 'content-type': 'application/json', ...headers }, typeof body === 'string' ? body : JSON.stringify(body)),
    };
  };
}

/** `valid` with a top-level (or `stun.x`) field replaced; `undefined` removes the field. */
export function withField(valid: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const body: any = structuredClone(valid);
  const [head, tail] = path.split('.');
  const target = tail === undefined ? body : body[head!];
  const key = tail ?? head!;
  if (value === undefined) delete target[key];
  else target[key] = value;
  return body;
}
