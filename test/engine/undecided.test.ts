// Three zones: values every reading accepts, values every reading rejects, and the undecided ones
// between, which are probed and reported but never judged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseBuilder, planCases, type CaseSource } from '../../generators/cases.ts';
import { lenientOf } from '../../src/model/validators.ts';
import { loadFileSpec } from '../../src/openapi/file-spec.ts';
import type { Case, Requirement, Schema } from '../../src/model/types.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { inputViolations, isUndecided } from '../../src/judge/oracle.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import type { ConformanceSpec, Session } from '../../src/model/vendor.ts';
import { scratch } from '../support/files.ts';

// Plain lowercase names are accepted by every reading; a "sip:" prefix or a port by some; spaces by none.
const NARROW = '^[a-z]+(\\.[a-z]+)+$';
const WIDE = '^(sip:)?[a-z]+(\\.[a-z]+)+(:[0-9]+)?$';
const DOCUMENT = `openapi: 3.0.3
info: { title: hosts, version: '1' }
paths:
  /hosts:
    post:
      operationId: setHost
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [host]
              properties:
                host: { type: string, pattern: '${NARROW}', x-lenient: { pattern: '${WIDE}' } }
      responses:
        '200': { description: ok }
        '400': { description: invalid }
`;

const { file } = scratch('undecided');
let spec: ConformanceSpec;
beforeAll(async () => {
  const loaded = await loadFileSpec(file('hosts.yaml', DOCUMENT));
  spec = {
    ...loaded,
    undecided: [
      {
        id: 'host-prefix',
        title: 'a "sip:" prefix on a host',
        readings: ['accepted', 'rejected'],
        source: 'inferred (test document)',
        probes: [
          { operation: 'setHost', path: '/body/host', value: 'sip:pbx.example.com', observe: (body) => `answered ${JSON.stringify(body)}` },
          { operation: 'setHost', path: '/body/host', value: 'pbx.example.com:5060' },
        ],
      },
    ],
  };
});

const op = () => spec.model.operations.setHost!;

describe('the oracle', () => {
  it('keeps x-lenient out of the narrow schema and drops null keywords from the wide one', () => {
    const node = { type: 'string', pattern: 'a', enum: ['a'], 'x-lenient': { pattern: 'b', enum: null } } as unknown as Schema;
    expect(lenientOf(node)).toEqual({ type: 'string', pattern: 'b' });
    expect(lenientOf({ type: 'string' } as Schema)).toEqual({ type: 'string' });
  });

  it('tells the three zones apart', () => {
    expect(inputViolations(op(), { body: { host: 'pbx.example.com' } }, spec.validators)).toEqual([]);
    expect(inputViolations(op(), { body: { host: 'sip:pbx.example.com' } }, spec.validators)).toEqual([{ location: 'undecided', path: '/body/host', keyword: 'pattern' }]);
    expect(inputViolations(op(), { body: { host: 'bad host' } }, spec.validators)).toEqual([{ location: 'request', path: '/body/host', keyword: 'pattern' }]);
  });
});

describe('generation', () => {
  const session: Session = { authorize: () => ({}), defaultHeaders: {}, fixtures: {}, secrets: [] };
  const req = (id: string): Requirement => spec.catalogue.find((r) => r.id.includes(id))!;

  it('sends neither positive nor negative cases from the undecided zone', () => {
    const requirements = spec.catalogue.filter((r) => r.trigger.kind === 'valid' || r.trigger.kind === 'constraint');
    expect(requirements.length).toBeGreaterThan(1);
    for (const r of requirements) {
      const plan = planCases(r, spec, session, 3) as CaseSource;
      for (const c of [...plan.examples, ...fc.sample(plan.arbitrary, { seed: 3, numRuns: 200 })]) expect(isUndecided(c), c.note).toBe(false);
    }
  });

  it('shrinks a negative case without leaving the rejected zone', async () => {
    const r = req('PATTERN');
    const b = new CaseBuilder(spec, r, 5);
    const plan = planCases(r, spec, session, 5) as CaseSource;
    const details = await fc.check(fc.property(plan.arbitrary, (_c: Case) => false), { seed: 5, numRuns: 20 });
    const [shrunk] = details.counterexample!;
    expect(b.breaks(shrunk), JSON.stringify(shrunk.input)).toBe(true);
  });
});

/** A server for the document: `narrow` and `wide` are both correct readings; `any` accepts garbage. */
function hostServer(mode: 'narrow' | 'wide' | 'any'): Server {
  const accept = { narrow: new RegExp(NARROW), wide: new RegExp(WIDE), any: /.?/ }[mode];
  return createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      let host: unknown;
      try {
        host = (JSON.parse(text) as { host?: unknown }).host;
      } catch {
        host = undefined;
      }
      const ok = typeof host === 'string' && accept.test(host);
      res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' }).end(ok ? '{}' : '{"error":"invalid host"}');
    });
  });
}

describe('against servers that read the documents differently', () => {
  const servers: Record<string, Server> = {};
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    for (const mode of ['narrow', 'wide', 'any'] as const) {
      servers[mode] = hostServer(mode);
      await new Promise<void>((r) => servers[mode]!.listen(0, '127.0.0.1', r));
      urls[mode] = `http://127.0.0.1:${(servers[mode]!.address() as AddressInfo).port}`;
    }
  });
  afterAll(() => Promise.all(Object.values(servers).map((s) => new Promise((r) => s.close(r)))));

  const run = (mode: string) =>
    runSpec(spec, { seed: 11, runs: 60, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 4, timeLimitMs: 30_000, section: {}, target: urls[mode] });

  it.each(['narrow', 'wide'])('a correct %s server draws no failure and no warning, and the probes show its choice', async (mode) => {
    const report = await run(mode);
    expect(report.requirements.filter((r) => r.verdict !== 'pass').map((r) => `${r.id} ${r.verdict}`)).toEqual([]);
    const chose = mode === 'narrow' ? 'rejected' : 'accepted';
    expect(report.probes?.map((p) => [p.case, p.outcome])).toEqual([
      ['/body/host = "sip:pbx.example.com"', chose],
      ['/body/host = "pbx.example.com:5060"', chose],
    ]);
    expect(report.probes?.[0]?.observed).toBe(mode === 'narrow' ? 'answered {"error":"invalid host"}' : 'answered {}');
  });

  it('a server that accepts what every reading rejects is flagged', async () => {
    const report = await run('any');
    const flagged = report.requirements.filter((r) => r.verdict === 'fail' || r.verdict === 'warn');
    expect(flagged.map((r) => r.id).join(' ')).toMatch(/HOST-PATTERN/);
  });
});

describe('a lenient reading stated with another keyword', () => {
  it('reports a certain violation under the document\'s own keyword', async () => {
    const doc = DOCUMENT.replace(`host: { type: string, pattern: '${NARROW}', x-lenient: { pattern: '${WIDE}' } }`, () => `host: { type: string, enum: [udp, tcp], x-lenient: { enum: null, pattern: '^\\s*(udp|tcp|UDP|TCP)\\s*$' } }`);
    const enumSpec = await loadFileSpec(file('enum.yaml', doc));
    const setHost = enumSpec.model.operations.setHost!;
    expect(inputViolations(setHost, { body: { host: 'UDP' } }, enumSpec.validators)).toEqual([{ location: 'undecided', path: '/body/host', keyword: 'enum' }]);
    expect(inputViolations(setHost, { body: { host: 'sctp' } }, enumSpec.validators)).toEqual([{ location: 'request', path: '/body/host', keyword: 'enum' }]);
  });
});

describe('formats in a user\'s document', () => {
  it('are left open: no requirement judges them, a probe reports whether the server checks them', async () => {
    const doc = DOCUMENT.replace(`host: { type: string, pattern: '${NARROW}', x-lenient: { pattern: '${WIDE}' } }`, () => 'host: { type: string, format: email }');
    const emails = await loadFileSpec(file('emails.yaml', doc));
    expect(emails.catalogue.map((r) => r.id).filter((id) => id.includes('FORMAT'))).toEqual([]);
    expect(emails.undecided?.flatMap((p) => p.probes)).toEqual([{ operation: 'setHost', path: '/body/host', value: 'not a valid email (' }]);
    expect(inputViolations(emails.model.operations.setHost!, { body: { host: 'not an email' } }, emails.validators)).toEqual([{ location: 'undecided', path: '/body/host', keyword: 'format' }]);
  });
});
