// What a user must read before a Voximplant run against a real account sends anything: how many
// registrations it may create (billed), and which requirements will skip for want of a credential,
// a key or account data. The CLI's main process prints these lines (`ConformanceSpec.notices`).
import { catalogue, creationBudget, type Need } from './catalogue.ts';
import { ROLES, type VoxSettings } from './config.ts';
import { RegistrationPool } from './stateful-pool.ts';
import { unreachableAdvertise } from './wire.ts';

/** Why a need cannot be met by this config, before the session opens (the session's own registration aside). */
function unmet(s: VoxSettings['raw']['voximplant'], need: string): string | undefined {
  switch (need as Need) {
    case 'create':
    case 'scratch':
      return s.embedded || s.allowBillable ? undefined : '--allow-billable (they create registrations, which is billed)';
    case 'accountData':
      return s.accountData ? undefined : 'config voximplant.accountData';
    case 'jwt':
      return Object.keys(s.credentials).length > 0 || s.useMockCredentials ? undefined : 'config voximplant.credentials';
    case 'apiKey':
      return s.apiKey ? undefined : 'config voximplant.accountId and apiKey';
    case 'limit':
      return s.registrationLimit === undefined ? 'config voximplant.registrationLimit' : undefined;
  }
}

export function notices(settings: VoxSettings, embedded: boolean): string[] {
  const config = settings.raw.voximplant;
  if (embedded) return [];
  const lines: string[] = [];
  if (config.allowBillable) {
    const pool = config.registrationPool;
    const n = creationBudget(settings.runs ?? 50, RegistrationPool.billable(pool), config.registrationLimit ?? 0);
    lines.push(
      `voximplant: --allow-billable: this run creates at most ${n} SIP registrations on ${settings.target ?? 'the target'}, each reserving the monthly fee: ` +
        `a pool of ${pool} (voximplant.registrationPool) the model-based tests share, plus up to ${pool} to replace those they delete; the session's own; and those the other scenarios and generated Create cases create, each deleted at once. ` +
        'Every one is deleted when the run ends or is interrupted.',
    );
  }
  const skipped = new Map<string, string[]>();
  for (const req of catalogue) {
    const why = (req.needs ?? []).map((need) => unmet(config, need)).find((x) => x !== undefined);
    if (why) skipped.set(why, [...(skipped.get(why) ?? []), req.id]);
  }
  for (const [why, ids] of skipped) lines.push(`voximplant: ${ids.length} requirement(s) will skip, needing ${why}: ${ids.join(', ')}`);
  const wire = wireNotice(settings);
  if (wire && config.allowBillable) lines.push(wire);
  const missing = ROLES.filter((r) => !config.credentials[r]);
  if (missing.length && missing.length < ROLES.length) lines.push(`voximplant: no credentials for ${missing.join(', ')}: the role matrix skips those roles`);
  return lines;
}

/** What the -WIRE- requirements will do against this target: skip (and why), or create registrations the platform must reach. */
function wireNotice(settings: VoxSettings): string | undefined {
  const ids = catalogue.filter((r) => r.id.includes('-WIRE-')).map((r) => r.id);
  const sip = settings.sip;
  if (!sip) return `voximplant: ${ids.length} -WIRE- requirement(s) will skip, needing config voximplant.sip (listen, and advertise: an address of this machine the platform can reach; README "Wire requirements")`;
  const { host, port } = sip.advertise;
  const unreachable = unreachableAdvertise(settings.target, false, host);
  if (unreachable) return `voximplant: ${ids.length} -WIRE- requirement(s) will skip: ${unreachable}`;
  return (
    `voximplant: ${ids.length} -WIRE- requirement(s) create one SIP registration each (billed as above, deleted when each ends or the run is interrupted) whose proxy is this machine, ${host}${port ? `:${port}` : ' (the port bound)'}: ` +
    `the platform must reach it over UDP (open the firewall and any NAT for that port; README "Wire requirements"), else they skip`
  );
}
