// A 401 to a request sent with valid credentials means they expired mid-run (a token's lifetime,
// a device that restarted): re-authenticate once and send again. Requests sent without valid
// credentials on purpose (the auth requirements) carry no `reauthenticate` and keep their 401.
import type { HttpRequest, HttpResponse } from './client.ts';
import type { Policy, Send, SendOptions, TransportStats } from './transport.ts';

export function reauthentication(stats: TransportStats): Policy {
  return (next) => (req, o) => next(req, o).then((response) => (response.status === 401 && o.reauthenticate ? renew(next, o, o.reauthenticate, response) : response));

  async function renew(next: Send, o: SendOptions, reauthenticate: () => Promise<HttpRequest>, response: HttpResponse): Promise<HttpResponse> {
    const renewed = await reauthenticate().catch(() => undefined);
    if (!renewed) return response;
    stats.reauthentications++;
    return next(renewed, { ...o, reauthenticate: undefined });
  }
}
