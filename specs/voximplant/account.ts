// The account objects the suite binds registrations to: applications with their rules and users.
// The embedded mock's are known; for a real account they come from config `voximplant.accountData`.
import { ConfigError, isRecord } from '../../src/index.ts';
import { APPLICATIONS, RULES, USERS } from './mock/state.ts';

export interface Named { id: number; name: string }
export interface AppData extends Named { rules: Named[]; users: Named[] }
export interface AccountData { applications: AppData[] }

/** What generated cases bind to (the last application, its last rule and user), kept apart from what scenarios use. */
export interface CaseTargets { app: Named; rule: Named; user: Named }
/** What stateful scenarios bind to: every application, and users the generated cases never touch. */
export interface ScenarioTargets { apps: AppData[]; users: Array<Named & { app: number }> }

export function mockAccountData(): AccountData {
  return {
    applications: APPLICATIONS.map((a) => ({
      id: a.id,
      name: a.name,
      rules: RULES.filter((r) => r.application_id === a.id).map(({ id, name }) => ({ id, name })),
      users: USERS.filter((u) => u.application_id === a.id).map(({ id, name }) => ({ id, name })),
    })),
  };
}

export function caseTargets(d: AccountData): CaseTargets {
  const app = d.applications[d.applications.length - 1]!;
  return { app: { id: app.id, name: app.name }, rule: app.rules[app.rules.length - 1]!, user: app.users[app.users.length - 1]! };
}

export function scenarioTargets(d: AccountData): ScenarioTargets {
  const reserved = caseTargets(d).user.id;
  const users = d.applications.flatMap((a) => a.users.filter((u) => u.id !== reserved).map((u) => ({ ...u, app: a.id })));
  return { apps: d.applications, users };
}

const named = (v: unknown, where: string): Named => {
  if (!isRecord(v) || typeof v.id !== 'number' || !Number.isInteger(v.id) || typeof v.name !== 'string' || v.name === '') {
    throw new ConfigError(`config ${where}: expected {"id": <integer>, "name": "<non-empty string>"}`);
  }
  return { id: v.id, name: v.name };
};

/**
 * `accountData`: {"applications": [{"id", "name", "rules": [{"id","name"}], "users": [{"id","name"}]}]}.
 * Needs at least one rule and one user per application and, over all applications, two users
 * besides the last application's last user (scenarios rebind those users: use test-only users).
 */
export function parseAccountData(v: unknown): AccountData {
  const where = 'voximplant.accountData';
  if (!isRecord(v) || !Array.isArray(v.applications) || v.applications.length === 0) {
    throw new ConfigError(`config ${where}: expected {"applications": [{"id", "name", "rules": [...], "users": [...]}]}`);
  }
  const applications = v.applications.map((a, i): AppData => {
    const at = `${where}.applications[${i}]`;
    const base = named(a, at);
    const rec = a as Record<string, unknown>;
    const list = (key: 'rules' | 'users') => {
      const xs = rec[key];
      if (!Array.isArray(xs) || xs.length === 0) throw new ConfigError(`config ${at}.${key}: expected a non-empty list of {"id","name"}`);
      return xs.map((x, j) => named(x, `${at}.${key}[${j}]`));
    };
    return { ...base, rules: list('rules'), users: list('users') };
  });
  const data = { applications };
  if (scenarioTargets(data).users.length < 2) {
    throw new ConfigError(`config ${where}: needs two users besides the last application's last user (the one-per-user scenarios rebind them)`);
  }
  return data;
}
