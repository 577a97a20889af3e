// What the two BAS-IP mocks' tests share: a small HTTP client for one mock instance, the fault checks.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Registrar } from '../../../src/index.ts';
import { HTTP_FAULTS, type MockDefinition, type MockOptions, type RunningMock, startMock } from '../../../mocks/kit.ts';
import { exchange } from '../../../test/support/exchange.ts';

export interface Reply {
  status: number;
  headers: Headers;
  body: any; // bodies are inspected freely
}

/** The name the mocks' devices are routed to the test registrar by, and their clocks' scale (a 30 s interval takes 0.6 s). */
export const TEST_REGISTRAR = 'registrar.sipc.test';
const TIME_SCALE = 0.02;

/**
 * Starts mocks on demand (closed after each test) and talks to their settings endpoint; the mocks'
 * devices reach a loopback registrar (`registrar`) when settings name TEST_REGISTRAR.
 */
export function basipMockClient(def: MockDefinition, settingsPath: string, auth: Record<string, string>) {
  let running: RunningMock[] = [];
  const registrar = new Registrar(TEST_REGISTRAR, ['MD5']);
  const listening = registrar.listen({ host: '127.0.0.1', port: 0 });
  afterAll(() => registrar.close());
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(running.map((m) => m.close()));
    running = [];
  });
  return async function start(options: Partial<MockOptions> = {}) {
    const { port } = await listening;
    const sip = { route: (_t: string, host: string) => (host === TEST_REGISTRAR ? { host: '127.0.0.1', port } : undefined), timeScale: TIME_SCALE };
    const mock = await startMock(def, { faults: [], variant: 'strict', sip, ...options });
    running.push(mock);
    const send = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> => {
      const res = await exchange(mock.url + path, method, headers, body);
      return { ...res, body: res.text === '' ? undefined : JSON.parse(res.text) };
    };
    return {
      registrar,
      timeScale: TIME_SCALE,
      send,
      get: (headers: Record<string, string> = auth) => send('GET', settingsPath, headers),
      post: (body: unknown, headers: Record<string, string> = auth) =>
        send('POST', settingsPath, { 'content-type': 'application/json', ...headers }, typeof body === 'string' ? body : JSON.stringify(body)),
    };
  };
}

export type BasipMockClient = Awaited<ReturnType<ReturnType<typeof basipMockClient>>>;

/** One check per fault: it passes with the fault on and fails without it, under `strict` and `strictest`. */
export function describeFaultChecks(
  def: MockDefinition,
  start: ReturnType<typeof basipMockClient>,
  checks: Record<string, (c: BasipMockClient) => Promise<void>>,
): void {
  describe(`${def.spec} faults`, () => {
    // The shell's HTTP faults (mocks/kit.ts) are checked where the shell is, and by the fault score.
    const own = def.faults.filter((f) => !Object.values(HTTP_FAULTS).some((h) => h.name === f.name));
    it('has a check for every fault', () => {
      expect(Object.keys(checks).sort()).toEqual(own.map((f) => f.name).sort());
    });

    it('rejects unknown fault names', async () => {
      await expect(startMock(def, { faults: ['no-such-fault'], variant: 'strict' })).rejects.toThrow(/unknown fault/);
    });

    it.each(own.flatMap((f) => (['strict', 'strictest'] as const).map((variant) => [f.name, variant] as const)))('%s (%s) changes the behaviour it claims', async (name, variant) => {
      await checks[name]!(await start({ faults: [name], variant }));
      await expect(checks[name]!(await start({ variant }))).rejects.toThrow();
    });
  });
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
