// Model-based tests of the stateful behaviour (fast-check `fc.commands` + `fc.asyncModelRun`).
// Every run works on registrations of its own, told apart by proxies unique to the run, and deletes
// them afterwards. Each requirement runs the commands that concern it and checks only its property;
// the shrunk command list is reported as replayable steps with the last failing call.
import fc from 'fast-check';
import type { Requirement, ScenarioResult } from '../../src/index.ts';
import { Api, type VoxContext } from './api.ts';
import { Bind, type Cmd, Create, Delete, Unbind, Update } from './stateful-writes.ts';
import { GetFilter, Page } from './stateful-reads.ts';
import { type Binding, type Focus, Model, ModelFailure, Real } from './stateful-state.ts';

/** Registrations a model run creates on the embedded mock (on a real target: the pool's size). */
const CREATES_PER_MODEL_RUN = 4;

const FOCUS: Record<string, Focus> = {
  'VOX-UPDATE-APPLIES': 'fields',
  'VOX-DELETE-REMOVES': 'presence',
  'VOX-BIND-APPLIES': 'bind',
  'VOX-BIND-UNBIND': 'unbind',
  'VOX-ONE-PER-USER': 'onePerUser',
  'VOX-GET-FILTER': 'filter',
  'VOX-GET-COUNT': 'count',
  'VOX-GET-OFFSET': 'offset',
  'VOX-GET-TOTAL': 'total',
  'VOX-GET-STATUS-FILTER': 'status',
};

const bindingArb: fc.Arbitrary<Binding> = fc.record({ app: fc.nat(3), byName: fc.boolean(), rule: fc.option(fc.nat(3), { nil: undefined }), user: fc.option(fc.nat(3), { nil: undefined }) }, { requiredKeys: ['app', 'byName'] });
const userBindingArb: fc.Arbitrary<Binding> = fc.record({ app: fc.constant(0), byName: fc.boolean(), user: fc.nat(3) });

function commands(focus: Focus): Array<fc.Arbitrary<Cmd>> {
  const persistent = fc.option(fc.boolean(), { nil: undefined });
  const create = (binding: fc.Arbitrary<Binding | undefined>, persist = persistent) =>
    fc.tuple(fc.nat(2), fc.nat(3), persist, binding, fc.boolean()).map(([u, k, p, b, x]) => new Create(focus, u, k, b?.user !== undefined ? undefined : p, b, x));
  const target = fc.nat(7);
  const noBinding = fc.constant(undefined);
  const plainCreate = create(noBinding);
  switch (focus) {
    case 'fields':
      return [plainCreate, fc.tuple(target, fc.record({ user: fc.option(fc.nat(2), { nil: undefined }), kind: fc.option(fc.nat(3), { nil: undefined }), auth: fc.boolean() })).map(([t, ch]) => new Update(focus, t, ch, undefined))];
    case 'presence':
      return [plainCreate, target.map((t) => new Delete(focus, t))];
    case 'bind':
      return [plainCreate, fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b))];
    case 'unbind':
      return [create(fc.option(bindingArb, { nil: undefined })), fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b)), fc.tuple(target, fc.boolean()).map(([t, w]) => new Unbind(focus, t, w))];
    case 'onePerUser':
      return [
        create(fc.option(userBindingArb, { nil: undefined })),
        fc.tuple(target, userBindingArb).map(([t, b]) => new Update(focus, t, {}, b)),
        fc.tuple(target, userBindingArb).map(([t, b]) => new Bind(focus, t, b)),
      ];
    case 'filter': {
      const keys = ['sip_registration_id', 'sip_username', 'is_persistent', 'application_id', 'application_name', 'is_bound_to_application', 'rule_id', 'rule_name', 'user_id', 'user_name', 'proxy', 'deactivated', 'successful', 'in_progress'];
      const createBound = create(fc.option(bindingArb, { nil: undefined }));
      return [
        // Creates twice as often: a filter needs registrations to tell apart.
        createBound,
        createBound,
        fc.tuple(target, bindingArb).map(([t, b]) => new Bind(focus, t, b)),
        // Several keys per listing: every key is tried often, at a request per key.
        fc.tuple(fc.nat(7), fc.uniqueArray(fc.constantFrom(...keys), { minLength: 2, maxLength: 5 }), fc.array(fc.nat(3), { maxLength: 3 })).map(([p, k, c]) => new GetFilter(focus, p, k, c)),
      ];
    }
    case 'status':
      return [create(noBinding), fc.tuple(fc.nat(9), fc.array(fc.nat(3), { maxLength: 2 })).map(([p, c]) => new GetFilter(focus, p, ['status_code'], c))];
    case 'count':
      return [plainCreate, fc.integer({ min: 1, max: 5 }).map((c) => new Page(focus, c, undefined))];
    case 'offset':
      return [plainCreate, fc.tuple(fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.integer({ min: 0, max: 5 })).map(([c, o]) => new Page(focus, c === undefined ? undefined : Math.max(c, 5), o))];
    case 'total':
      return [plainCreate, fc.tuple(fc.integer({ min: 1, max: 4 }), fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined })).map(([c, o]) => new Page(focus, c, o))];
  }
}

async function runModel(req: Requirement, ctx: VoxContext, focus: Focus): Promise<ScenarioResult> {
  const api = new Api(ctx, req);
  // On a real target the runs share the session's pool: `--runs` runs, whatever creating costs.
  const pool = api.session.pool;
  let last: { real: Real; error: unknown } | undefined;
  const details = await fc.check(
    fc.asyncProperty(fc.commands(commands(focus), { maxCommands: 10, size: 'max' }), async (cmds) => {
      const real = new Real(api, pool);
      const model = pool ? new Model(pool.size, pool.deletesLeft) : new Model(CREATES_PER_MODEL_RUN);
      try {
        await fc.asyncModelRun(() => ({ model, real }), cmds);
      } catch (error) {
        last = { real, error };
        throw error;
      } finally {
        await real.cleanup();
      }
    }),
    { seed: ctx.seed, numRuns: ctx.runs, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false },
  );
  if (details.failed) {
    const error = last?.error ?? details.errorInstance;
    // Only a ModelFailure is the server's: anything else thrown is the suite's own error.
    if (!(error instanceof ModelFailure)) return api.tally.suiteError(error);
    const steps = last?.real.steps ?? [];
    const poolNote = pool ? `; each Create takes a registration of the pool (${pool.size}) and updates it to these fields` : '';
    const text = `minimal command sequence (fast-check seed ${ctx.seed}, path ${details.counterexamplePath ?? '-'}${poolNote}):\n${steps.map((s, i) => `  ${i + 1}. ${s}`).join('\n')}`;
    api.fail(error.call ?? last?.real.last, {
      level: req.level === 'SHOULD' ? 'SHOULD' : error.level,
      check: 'stateful_model',
      expected: `${req.title}`,
      message: error.message,
      case: text,
    });
  }
  return api.result(details.interrupted ? `stopped after 60 s (${details.numRuns} runs)` : undefined);
}

export const modelScenario = (req: Requirement, ctx: VoxContext) => runModel(req, ctx, FOCUS[req.id]!);
export const statusModel = (req: Requirement, ctx: VoxContext) => runModel(req, ctx, 'status');
