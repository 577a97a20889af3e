// Who may call what: JWTs of every role, the legacy account_id + api_key, and the role matrix of
// each method (registrations made for it are deleted afterwards).
import { Api, CREATE, createOwn, GET, type Params, type VoxScenario } from './api.ts';
import { ROLES } from './config.ts';
import { SITUATION } from './error-codes.ts';
import { ROLES_BY_METHOD, type Method } from './openapi.ts';
import { LEGACY } from './session.ts';

const authJwt: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  for (const role of ROLES) {
    if (!api.session.tokens[role]) continue;
    api.expectOk(await api.call(GET, { count: '1' }, { auth: { kind: 'valid', role }, note: `Bearer JWT of the ${role} key` }), `JWT of ${role}`);
  }
  return api.result();
};

const authApiKey: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  api.expectOk(await api.call(GET, { count: '1' }, { auth: { kind: 'valid', role: LEGACY }, note: 'account_id + api_key' }), 'legacy account_id + api_key');
  api.expectError(await api.call(GET, { count: '1' }, { auth: { kind: 'invalid', variant: 'wrongApiKey' }, note: 'account_id + a wrong api_key' }), 'a wrong api_key', [...SITUATION.wrongApiKey]);
  return api.result();
};
const roles: VoxScenario = async (req, ctx) => {
  const api = new Api(ctx, req);
  const op = req.operation as Method;
  const allowed = ROLES_BY_METHOD[op];
  const missing = ROLES.filter((r) => !api.session.tokens[r]);
  const own: number[] = [];
  try {
    let subject: number | undefined;
    if (op === 'UpdateSipRegistration' || op === 'BindSipRegistration') {
      subject = await createOwn(api);
      if (subject === undefined) return api.result();
      own.push(subject);
    }
    for (const role of ROLES.filter((r) => api.session.tokens[r])) {
      let params: Params;
      switch (op) {
        case 'CreateSipRegistration': params = { sip_username: `sipc-role-${role.toLowerCase()}`, proxy: 'sipc-roles.example.net' }; break;
        case 'UpdateSipRegistration': params = { sip_registration_id: String(subject), sip_username: `sipc-role-${role.toLowerCase()}` }; break;
        case 'BindSipRegistration': params = { sip_registration_id: String(subject), application_id: String(api.session.cases!.app.id), bind: 'true' }; break;
        case 'DeleteSipRegistration': {
          const id = await createOwn(api);
          if (id === undefined) return api.result();
          own.push(id);
          params = { sip_registration_id: String(id) };
          break;
        }
        default: params = { count: '1' };
      }
      const call = await api.call(op, params, { auth: { kind: 'valid', role }, note: `${op} as ${role}` });
      if (op === CREATE && call.ok && typeof call.body!.sip_registration_id === 'number') own.push(call.body!.sip_registration_id);
      if (allowed.includes(role)) api.expectOk(call, `${role} is allowed`);
      else api.expectError(call, `${role} is not allowed`, [...SITUATION.role]);
    }
  } finally {
    for (const id of own) await api.session.remove(id);
  }
  const reason = missing.length ? `not checked: ${missing.join(', ')} (no credentials; config voximplant.credentials.${missing[0]!.toLowerCase()} ...)` : undefined;
  return api.result(reason);
};

export const accessScenarios: Record<string, VoxScenario> = { authJwt, authApiKey, roles };
