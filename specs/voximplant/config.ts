// The `voximplant` config section: credentials.json per role, the legacy account_id + api_key,
// the billable guard and the account objects the suite may bind to.
import { readFileSync } from 'node:fs';
import { ConfigError, isRecord, SectionReader, type SpecSettings } from '../../src/index.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY, ROLES, type Role, type VoxCredentials } from './mock/keys.ts';
import { REGISTRATION_LIMIT } from './mock/state.ts';
import { type AccountData, mockAccountData, parseAccountData } from './account.ts';

export { ROLES, type Role };
export const ROLE_KEYS = ROLES.map((r) => r.toLowerCase());
const KEYS = ['target', 'headers', 'credentials', 'accountId', 'apiKey', 'allowBillable', 'accountData', 'registrationLimit', 'registrationPool'];
/** Registrations the model-based tests create once on a real target and share (`registrationPool`). */
export const DEFAULT_POOL = 3;
const MAX_POOL = 20;

export interface VoxConfig {
  embedded: boolean;
  /** Credentials per role; for the embedded mock, the mock's own (loaded in `open`). */
  credentials: Partial<Record<Role, VoxCredentials & { file: string }>>;
  useMockCredentials: boolean;
  accountId?: number;
  apiKey?: string;
  allowBillable: boolean;
  accountData?: AccountData;
  registrationLimit?: number;
  /** Registrations the model-based tests share on a real target (each run takes up to this many). */
  registrationPool: number;
}

/** The `voximplant` section as validated, beside the keys every spec has. */
export type VoxSettings = SpecSettings<{ voximplant: VoxConfig }>;

export function settings(raw: Record<string, unknown>, embeddedMock: boolean): VoxSettings {
  const r = new SectionReader('voximplant', raw, KEYS);
  const common = r.common([], undefined);
  const files = r.strings('credentials', ROLE_KEYS);
  const credentials: VoxConfig['credentials'] = {};
  for (const [key, file] of Object.entries(files)) credentials[ROLES[ROLE_KEYS.indexOf(key)]!] = readCredentials(key, file);
  const accounts = new Set(Object.values(credentials).map((c) => String(c!.account_id)));
  if (accounts.size > 1) throw new ConfigError(`config voximplant.credentials: the files belong to different accounts (${[...accounts].join(', ')})`);
  let accountId = r.number('accountId');
  let apiKey = r.string('apiKey');
  if (accountId !== undefined && !Number.isInteger(accountId)) throw new ConfigError('config voximplant.accountId: expected an integer');
  if ((accountId === undefined) !== (apiKey === undefined)) {
    throw new ConfigError(`config voximplant.${apiKey === undefined ? 'apiKey' : 'accountId'}: the legacy accountId and apiKey go together`);
  }
  const useMockCredentials = embeddedMock && Object.keys(credentials).length === 0;
  if (embeddedMock && accountId === undefined) [accountId, apiKey] = [MOCK_ACCOUNT_ID, MOCK_API_KEY];
  if (!embeddedMock && Object.keys(credentials).length === 0 && apiKey === undefined) {
    throw new ConfigError('config voximplant.credentials: a credentials.json per role (or accountId + apiKey) is required to test a server other than the embedded mock');
  }
  const registrationLimit = r.number('registrationLimit');
  if (registrationLimit !== undefined && (!Number.isInteger(registrationLimit) || registrationLimit < 1)) {
    throw new ConfigError('config voximplant.registrationLimit: expected a positive integer');
  }
  const registrationPool = r.number('registrationPool') ?? DEFAULT_POOL;
  if (!Number.isInteger(registrationPool) || registrationPool < 1 || registrationPool > MAX_POOL) {
    throw new ConfigError(`config voximplant.registrationPool: expected an integer from 1 to ${MAX_POOL}`);
  }
  const config: VoxConfig = {
    embedded: embeddedMock,
    credentials,
    useMockCredentials,
    accountId,
    apiKey,
    allowBillable: r.boolean('allowBillable') ?? false,
    accountData: raw.accountData !== undefined ? parseAccountData(raw.accountData) : embeddedMock ? mockAccountData() : undefined,
    registrationLimit: registrationLimit ?? (embeddedMock ? REGISTRATION_LIMIT : undefined),
    registrationPool,
  };
  return { ...common, raw: { ...raw, voximplant: config } };
}

/** Reads Voximplant's credentials.json (account_id, key_id, private_key); errors name the key and the file. */
function readCredentials(key: string, file: string): VoxCredentials & { file: string } {
  const where = `config voximplant.credentials.${key}`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`${where}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${where}: ${file} is not valid JSON (${(err as Error).message})`);
  }
  if (!isRecord(data)) throw new ConfigError(`${where}: ${file} is not a credentials.json object`);
  const accountId = typeof data.account_id === 'string' && /^\d+$/.test(data.account_id) ? Number(data.account_id) : data.account_id;
  if (typeof accountId !== 'number' || !Number.isInteger(accountId)) throw new ConfigError(`${where}: ${file} has no integer account_id`);
  if (typeof data.key_id !== 'string' || data.key_id === '') throw new ConfigError(`${where}: ${file} has no key_id`);
  if (typeof data.private_key !== 'string' || !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(data.private_key)) {
    throw new ConfigError(`${where}: ${file} has no PEM private_key`);
  }
  return { account_id: accountId, account_email: String(data.account_email ?? ''), key_id: data.key_id, private_key: data.private_key, file };
}
