// The Voximplant mock's account: fixed applications, rules and users, and the SIP registrations.
import { MOCK_ACCOUNT_ID } from './keys.ts';

export interface Application { id: number; name: string }
export interface Child { id: number; name: string; application_id: number }

export const APPLICATIONS: Application[] = [
  { id: 101, name: 'sipc-app' },
  { id: 102, name: 'sipc-other-app' },
];
export const RULES: Child[] = [
  { id: 201, name: 'sipc-rule', application_id: 101 },
  { id: 202, name: 'sipc-rule-2', application_id: 101 },
  { id: 203, name: 'other-rule', application_id: 102 },
];
export const USERS: Child[] = [
  { id: 301, name: 'alice', application_id: 101 },
  { id: 302, name: 'bob', application_id: 101 },
  { id: 303, name: 'carol', application_id: 102 },
];

export const REGISTRATION_LIMIT = 100;
export const FIRST_REGISTRATION_ID = 1001;
/** A frozen registration present from the start, so `deactivated` filters have something to find. */
export const FROZEN_REGISTRATION_ID = 500;

export const ACCOUNT_INFO = { account_id: MOCK_ACCOUNT_ID, balance: 100, currency: 'USD' };

export interface Registration {
  id: number;
  sip_username: string;
  proxy: string;
  auth_user?: string;
  outbound_proxy?: string;
  password?: string;
  is_persistent: boolean;
  deactivated: boolean;
  successful: boolean;
  in_progress: boolean;
  status_code?: number;
  error_message?: string;
  /** Unix time in seconds, as the vendor's Node.js client types SIPRegistration.lastUpdated (number). */
  last_updated: number;
  application_id?: number;
  rule_id?: number;
  user_id?: number;
}

export interface Binding { application_id?: number; rule_id?: number; user_id?: number }

function timestamp(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The outcome of registering, decided by the proxy so status filters are testable:
 * "fail" in the proxy → 403, "timeout" → 408, "pending" → still in progress, otherwise 200.
 * A non-persistent registration waits for its user to log in: no outcome yet.
 */
export function registrationOutcome(proxy: string, persistent: boolean): Pick<Registration, 'successful' | 'in_progress' | 'status_code' | 'error_message'> {
  const p = proxy.toLowerCase();
  if (!persistent) return { successful: false, in_progress: false };
  if (p.includes('fail')) return { successful: false, in_progress: false, status_code: 403, error_message: 'Forbidden' };
  if (p.includes('timeout')) return { successful: false, in_progress: false, status_code: 408, error_message: 'Request Timeout' };
  if (p.includes('pending')) return { successful: false, in_progress: true };
  return { successful: true, in_progress: false, status_code: 200 };
}

export class VoxStore {
  readonly registrations = new Map<number, Registration>();
  private nextId = FIRST_REGISTRATION_ID;

  constructor() {
    this.registrations.set(FROZEN_REGISTRATION_ID, {
      id: FROZEN_REGISTRATION_ID,
      sip_username: 'frozen-line',
      proxy: 'sip.frozen.example.net',
      is_persistent: true,
      deactivated: true,
      successful: false,
      in_progress: false,
      error_message: 'Registration is frozen',
      last_updated: timestamp(),
    });
  }

  add(fields: Omit<Registration, 'id' | 'deactivated' | 'last_updated' | 'successful' | 'in_progress'>): Registration {
    const reg: Registration = {
      ...fields,
      id: this.nextId++,
      deactivated: false,
      last_updated: timestamp(),
      ...registrationOutcome(fields.proxy, fields.is_persistent),
    };
    this.registrations.set(reg.id, reg);
    return reg;
  }

  touch(reg: Registration): void {
    reg.last_updated = timestamp();
    if (reg.deactivated) return;
    delete reg.status_code;
    delete reg.error_message;
    Object.assign(reg, registrationOutcome(reg.proxy, reg.is_persistent));
  }

  /**
   * Binds to `b`. Same application as before: unspecified rule/user are kept; another
   * application replaces the whole binding.
   */
  bind(reg: Registration, b: Binding, keepPreviousUserBinding: boolean): void {
    if (b.application_id !== reg.application_id) {
      delete reg.rule_id;
      delete reg.user_id;
    }
    reg.application_id = b.application_id;
    if (b.rule_id !== undefined) reg.rule_id = b.rule_id;
    if (b.user_id !== undefined) {
      reg.user_id = b.user_id;
      if (!keepPreviousUserBinding) {
        for (const other of this.registrations.values()) {
          if (other !== reg && other.user_id === b.user_id) this.unbind(other, { user_id: b.user_id });
        }
      }
    }
    reg.last_updated = timestamp();
  }

  /** Undoes the part of the binding `b` names; an empty `b` unbinds everything. */
  unbind(reg: Registration, b: Binding): void {
    if (b.application_id !== undefined && reg.application_id !== b.application_id) return;
    if (b.rule_id === undefined && b.user_id === undefined) {
      delete reg.application_id;
      delete reg.rule_id;
      delete reg.user_id;
    }
    if (b.rule_id !== undefined && reg.rule_id === b.rule_id) delete reg.rule_id;
    if (b.user_id !== undefined && reg.user_id === b.user_id) delete reg.user_id;
    reg.last_updated = timestamp();
  }
}

/** The Get item, documented fields only, unset ones omitted (never assigned: `delete` would slow every later read of the item). */
export function registrationItem(reg: Registration): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) item[k] = v;
  };
  put('sip_registration_id', reg.id);
  put('sip_username', reg.sip_username);
  put('proxy', reg.proxy);
  put('auth_user', reg.auth_user);
  put('outbound_proxy', reg.outbound_proxy);
  put('successful', reg.successful);
  put('status_code', reg.status_code);
  put('error_message', reg.error_message);
  put('deactivated', reg.deactivated);
  put('last_updated', reg.last_updated);
  put('application_id', reg.application_id);
  put('application_name', reg.application_id === undefined ? undefined : APPLICATIONS.find((a) => a.id === reg.application_id)?.name);
  put('rule_id', reg.rule_id);
  put('rule_name', reg.rule_id === undefined ? undefined : RULES.find((r) => r.id === reg.rule_id)?.name);
  put('user_id', reg.user_id);
  put('user_name', reg.user_id === undefined ? undefined : USERS.find((u) => u.id === reg.user_id)?.name);
  put('is_persistent', reg.is_persistent);
  put('in_progress', reg.in_progress);
  return item;
}
