// A 401 to a request sent with valid credentials means they expired mid-run (a token's lifetime,
// a device that restarted): re-authenticate once and send again. Requests sent without valid
// credentials on purpose (the auth requirements) carry no `reauthenticate` and keep their 401.
import type { Policy, TransportStats } from './transport.ts';

export function reauthentication(stats: TransportStats): Policy {
  return (next) => async (req, o) => {
    const response = await next(req, o);
    if (response.status !== 401 || !o.reauthenticate) return response;
    const renewed = await o.reauthenticate().catch(() => undefined);
    if (!renewed) return response;
    stats.reauthentications++;
    return next(renewed, { ...o, reauthenticate: undefined });
  };
}
