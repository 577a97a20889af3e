// BAS-IP's authentication scenarios: the MD5 login, a login token as Bearer, HTTP Basic, and the 401
// answer without valid credentials.
import fc from 'fast-check';
import {
  type Case, type CheckOutcome, fixedScenario, isRecord, outcome, type Requirement, type ScenarioResult, sendCase,
  statusOutcome, type Step,
} from '../../src/index.ts';
import { OPS } from './openapi.ts';
import { type BasipContext, type BasipScenario, bodyOf, caseFor, excerpt, settingsRead, validSettings } from './scenarios.ts';
import { md5Hex } from './session.ts';

const loginCase = (req: Requirement, note: string, username: string, password: string): Case => ({ ...caseFor(req, OPS.login, note, { username, password }), auth: { kind: 'none' } });

/** GET login with the MD5 of the password returns a token; wrong or plain-text passwords give 401. */
export const loginScenario: BasipScenario = (req, ctx) =>
  fixedScenario(req, ctx, async () => {
    const { account } = ctx.session;
    const attempt = (note: string, password: string) => sendCase(ctx, loginCase(req, note, account.username, password));
    const good = await attempt('login with the MD5 of the password', md5Hex(account.password));
    const body = bodyOf(good.response);
    const token = isRecord(body) ? body.token : undefined;
    if (typeof token === 'string' && token.length >= 4) ctx.session.secrets.push(token);
    const wrong = await attempt('login with a wrong password', md5Hex(`${account.password}-sipc-wrong`));
    const plain = await attempt('login with the plain-text password', account.password);
    return [
      {
        ...good,
        outcomes: [
          statusOutcome(good.response, [200], 'MUST', 'login'),
          ...(good.response.status === 200
            ? [
                outcome('login_token', typeof token === 'string' && token !== '', 'MUST', `token ${typeof token === 'string' ? 'present' : `missing: ${excerpt(good.response.text)}`}`),
                outcome('login_account_type', isRecord(body) && 'account_type' in body, 'MUST', isRecord(body) && 'account_type' in body ? 'account_type present' : 'no account_type in the answer'),
              ]
            : []),
        ],
        expected: '200 {"account_type":..,"token":..}',
      },
      { ...wrong, outcomes: [statusOutcome(wrong.response, [401], 'MUST', 'login with a wrong password')], expected: '401' },
      { ...plain, outcomes: [statusOutcome(plain.response, [401], 'MUST', 'login with the password not MD5-hashed')], expected: '401' },
    ];
  });

const isStep = (v: Record<string, string> | Step): v is Step => 'outcomes' in v;

/** Requests with the given Authorization header (GET settings and POST of valid settings) are accepted. */
function acceptedWith(req: Requirement, ctx: BasipContext, what: string, headers: () => Promise<Record<string, string> | Step>): Promise<ScenarioResult> {
  return fixedScenario(req, ctx, async () => {
    const auth = await headers();
    if (isStep(auth)) return [auth];
    const valid = fc.sample(validSettings(req, ctx), { seed: ctx.seed, numRuns: 1 })[0]!;
    const g = await sendCase(ctx, { ...settingsRead(req), note: `GET settings with ${what}`, auth: { kind: 'none' }, headers: auth });
    const p = await sendCase(ctx, { ...valid, note: `POST valid settings with ${what}`, auth: { kind: 'none' }, headers: auth });
    return [
      { ...g, outcomes: [statusOutcome(g.response, [200], 'MUST', `GET with ${what}`)], expected: '200' },
      { ...p, outcomes: [statusOutcome(p.response, '2xx', 'MUST', `POST with ${what}`)], expected: '2xx' },
    ];
  });
}

/** A fresh login token works as Authorization: Bearer. */
export const authBearer: BasipScenario = (req, ctx) =>
  acceptedWith(req, ctx, 'a fresh login token as Bearer', async () => {
    const { account } = ctx.session;
    const sent = await sendCase(ctx, loginCase(req, 'login', account.username, md5Hex(account.password)));
    const body = bodyOf(sent.response);
    const token = isRecord(body) && typeof body.token === 'string' ? body.token : undefined;
    if (!token) return { ...sent, outcomes: [outcome('login_token', false, 'MUST', `login answered ${sent.response.status} without a token`)], expected: '200 with a token' };
    if (token.length >= 4) ctx.session.secrets.push(token);
    return { Authorization: `Bearer ${token}` };
  });

/** HTTP Basic with the web account is accepted. */
export const authBasic: BasipScenario = (req, ctx) =>
  acceptedWith(req, ctx, 'HTTP Basic', async () => {
    const { account, basic } = ctx.session;
    return basic(account.username, account.password);
  });

/** Without valid credentials: 401 and the documented body, for GET and POST. */
export function unauthorizedBody(judge: (body: unknown) => CheckOutcome[], expected: string): BasipScenario {
  return (req, ctx) =>
    fixedScenario(req, ctx, async () => {
      const { headers } = ctx.session;
      const valid = fc.sample(validSettings(req, ctx), { seed: ctx.seed, numRuns: 1 })[0]!;
      const variants: [string, Record<string, string>][] = [
        ['no credentials', {}],
        ['an invalid Bearer token', headers.invalidBearer],
        ['a wrong Basic password', headers.invalidBasic],
      ];
      const steps: Step[] = [];
      for (const [what, auth] of variants) {
        for (const base of [settingsRead(req), valid]) {
          const c: Case = { ...base, note: `${base.operation === OPS.get ? 'GET' : 'POST'} with ${what}`, auth: { kind: 'none' }, headers: auth };
          const sent = await sendCase(ctx, c);
          const outcomes = [statusOutcome(sent.response, [401], 'MUST', c.note), ...(sent.response.status === 401 ? judge(bodyOf(sent.response)) : [])];
          steps.push({ ...sent, outcomes, expected: `401 ${expected}` });
        }
      }
      return steps;
    });
}
