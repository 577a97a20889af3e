// Registrations as the account holds them: the documented limit, the is_persistent ambiguity, and
// every field of an item read back as it was given.
import type { Schema } from '../../src/index.ts';
import { Api, CREATE, createOwn, GET, type VoxScenario } from './api.ts';
import { SITUATION } from './error-codes.ts';

/** A page size every reading takes (docs/undecided/voximplant.md, point page-size: no maximum is documented). */
const PAGE = 20;

/**
 * How many registrations exist, counted page by page (the reply's `count` may be the total or the page
 * size: point get-count-meaning); at most `pages` pages. Undefined when a page is refused.
 */
async function countAll(api: Api, pages: number): Promise<number | undefined> {
  let seen = 0;
  for (let page = 0; page < pages; page++) {
    const call = await api.call(GET, { count: String(PAGE), offset: String(page * PAGE) }, { note: `how many registrations exist (page ${page + 1})` });
    if (!api.expectOk(call, 'GetSipRegistrations')) return undefined;
    const items = (call.body!.result as unknown[]).length;
    seen += items;
    if (items < PAGE) break;
  }
  return seen;
}

const cap: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const limit = api.session.config.registrationLimit!;
  const existing = await countAll(api, Math.ceil(limit / PAGE) + 2);
  if (existing === undefined) return api.result();
  const own: number[] = [];
  try {
    for (let i = 0; i < limit - existing + 3; i++) {
      const call = await api.call(CREATE, { sip_username: `sipc-cap-${i}`, proxy: 'sipc-cap.example.net' }, { note: `registration ${existing + i + 1} of a limit of ${limit}` });
      if (call.ok) {
        own.push(call.body!.sip_registration_id as number);
        if (existing + own.length > limit) {
          api.fail(call, { check: 'scenario', expected: `an error once ${limit} registrations exist (272 SHOULD)`, message: `registration ${existing + own.length} was created` });
          break;
        }
        continue;
      }
      if (existing + own.length >= limit) api.expectError(call, `registration ${existing + own.length + 1} of a limit of ${limit}`, [...SITUATION.cap]);
      else api.expectError(call, 'creating');
      break;
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  return api.result(`${existing} registration(s) existed; created ${own.length}`);
};

const persistent: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const own: number[] = [];
  const notes: string[] = [];
  try {
    const id = await createOwn(api, { sip_username: 'sipc-default' }, 'is_persistent omitted');
    if (id !== undefined) {
      own.push(id);
      const get = await api.call(GET, { sip_registration_id: String(id) });
      const item = api.expectOk(get, 'GetSipRegistrations') ? (get.body!.result as Array<Record<string, unknown>>)[0] : undefined;
      if (get.ok && item?.is_persistent !== true) {
        api.fail(get, { level: item && 'is_persistent' in item ? 'MUST' : 'SHOULD', check: 'scenario', expected: 'is_persistent true (the default)', message: `is_persistent ${JSON.stringify(item?.is_persistent)}` });
      }
    }
    const t = api.session.scenario!;
    const user = t.users[0]!;
    for (const value of ['true', 'false']) {
      const call = await api.call(CREATE, { sip_username: `sipc-persistent-${value}`, proxy: 'sipc-persistent.example.net', is_persistent: value, application_id: String(user.app), user_id: String(user.id) }, { note: `is_persistent=${value} with user_id` });
      if (call.ok) own.push(call.body!.sip_registration_id as number);
      else if (!call.error || call.response.status >= 500) api.fail(call, { check: 'not_a_server_error', expected: 'a result or an error object', message: `HTTP ${call.response.status} ${call.response.text.slice(0, 120)}` });
      notes.push(`is_persistent=${value} with a user: ${call.ok ? 'accepted' : `refused (code ${String(call.error?.code)})`}`);
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  return api.result(`${notes.join('; ')} (seeds 001/002 disagree: neither reading is enforced)`);
};

const itemFields: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const t = api.session.scenario!;
  const user = t.users[0]!;
  const app = t.apps.find((a) => a.id === user.app)!;
  const rule = app.rules[0]!;
  const given = { sip_username: 'sipc-fields', proxy: 'sipc-fields.example.net', auth_user: 'sipc-auth', outbound_proxy: 'sipc-outbound.example.net', application_id: String(app.id), rule_id: String(rule.id), user_id: String(user.id) };
  const id = await createOwn(api, given, 'registration with every field');
  if (id === undefined) return api.result();
  try {
    const get = await api.call(GET, { sip_registration_id: String(id) });
    if (!api.expectOk(get, 'GetSipRegistrations')) return api.result();
    const item = (get.body!.result as Array<Record<string, unknown>>)[0];
    if (!item) {
      api.fail(get, { check: 'scenario', expected: `the item of registration ${id}`, message: 'no item' });
      return api.result();
    }
    const validate = ctx.spec.validators.validator(ctx.spec.model.schemas.SIPRegistration as Schema);
    if (!validate(item)) api.fail(get, { check: 'response_schema_conformance', expected: 'an item valid against SIPRegistration', message: `${validate.errors?.[0]?.instancePath || '(root)'} ${validate.errors?.[0]?.message}` });
    const want: Record<string, unknown> = { sip_registration_id: id, sip_username: given.sip_username, proxy: given.proxy, auth_user: given.auth_user, outbound_proxy: given.outbound_proxy, application_id: app.id, rule_id: rule.id, user_id: user.id };
    const names: Record<string, unknown> = { application_name: app.name, rule_name: rule.name, user_name: user.name };
    for (const [k, v] of Object.entries(want)) if (item[k] !== v) api.fail(get, { check: 'scenario', expected: `${k} = ${JSON.stringify(v)}`, message: `${k} = ${JSON.stringify(item[k])}` });
    // The names are optional in the vendor's type (SIPRegistration.applicationName?, ...): when given, they must be right.
    for (const [k, v] of Object.entries(names)) if (k in item && item[k] !== v) api.fail(get, { check: 'scenario', expected: `${k} = ${JSON.stringify(v)}`, message: `${k} = ${JSON.stringify(item[k])}` });
  } finally {
    await api.session.remove(id);
  }
  return api.result();
};

export const registrationScenarios: Record<string, VoxScenario> = { cap, persistent, itemFields };
