// RC-WIRE-REGISTER: the SIP credentials and outbound proxy a sip-provision answer hands out register
// (digest accepted) at that proxy over the transport requested. Against a real RingCentral target this
// contacts RingCentral's SIP servers, so it runs only when the config says `"wire": true`.
import {
  blankCase, isRecord, type Json, outcome, register, type Requirement, type Scenario, sendCase, type Session, type SipExchange,
  statusOutcome, type Step, Tally,
} from '../../src/index.ts';
import { VENDOR } from './catalogue.ts';

export interface RingcentralSession extends Session {
  target: string;
  /** Register with the credentials handed out (the embedded mock, or `wire: true` in the config). */
  wire: boolean;
}

/** TCP first: under a request budget (`ctx.runs` of 1) the one provision tried is the transport more often refused. */
const TRANSPORTS = ['TCP', 'UDP'] as const;
/** How long a REGISTER transaction may take (RFC 3261 Timer F is 32 s; the mock answers at once). */
const REGISTER_TIMEOUT_MS = 10_000;

export function wireRequirement(operation: string): Requirement {
  return {
    id: 'RC-WIRE-REGISTER',
    operation,
    title: `the SIP credentials of a sip-provision answer register at its outboundProxy over the requested transport (${TRANSPORTS.join(', ')}): the digest is accepted with 200`,
    level: 'MUST',
    source: `${VENDOR}: SIPInfoResponse username, password, authorizationId ("Identifier for SIP authorization"), domain, outboundProxy ("in the format <host:port>"), transport; RFC 3261 10.2 and 22.2`,
    trigger: { kind: 'scenario', scenario: 'wireRegister' },
    expect: { status: [200], statusLevel: 'MUST' },
    // A run is one transport: one sip-provision (the REGISTER goes to the SIP proxy, not the REST API).
    requestsPerRun: 1,
    maxRuns: TRANSPORTS.length,
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

export const wireRegister: Scenario<RingcentralSession> = async (req: Requirement, ctx) => {
  if (!ctx.session.wire) return { operation: req.operation, verdict: 'skip', cases: 0, reason: 'registering at a real target contacts RingCentral\'s SIP servers: set "wire": true in the ringcentral config section to allow it', failures: [] };
  const tally = new Tally(req, ctx, { cap: 3, counterexamples: false });
  const wire: SipExchange[] = [];
  const steps: Step[] = [];
  for (const transport of TRANSPORTS.slice(0, Math.max(1, ctx.runs))) {
    const input: Json = { device: { computerName: 'sipconformance' }, sipInfo: [{ transport }] };
    const x = await sendCase(ctx, blankCase(req.id, req.operation, `sip-provision for ${transport}, then REGISTER with its credentials`, input));
    const provisioned = statusOutcome(x.response, [200], 'MUST', `sip-provision for ${transport}`);
    const body = x.response.json && 'value' in x.response.json ? x.response.json.value : undefined;
    const info = isRecord(body) && Array.isArray(body.sipInfo) && isRecord(body.sipInfo[0]) ? body.sipInfo[0] : undefined;
    const proxy = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text(info?.outboundProxy) ?? '');
    const outcomes = [provisioned, outcome('sip_info', !provisioned.ok || (proxy !== null && !!text(info?.username) && !!text(info?.password)), 'MUST', proxy ? 'sipInfo[0] has username, password and outboundProxy host:port' : `sipInfo[0].outboundProxy ${JSON.stringify(info?.outboundProxy)} is not host:port`)];
    if (provisioned.ok && proxy && info) {
      const r = await register({
        server: { host: proxy[1]!, port: Number(proxy[2]), transport: transport.toLowerCase() as 'udp' | 'tcp' },
        user: text(info.username)!, domain: text(info.domain) ?? proxy[1]!, authUser: text(info.authorizationId) ?? text(info.username), password: text(info.password)!,
        expires: 60, timeoutMs: REGISTER_TIMEOUT_MS, userAgent: 'sip-conformance',
      });
      wire.push({ ...r.exchange, messages: r.exchange.messages.map((m) => m.split(text(info.password)!).join('<redacted>')) });
      outcomes.push(outcome('sip_registered', r.final?.status === 200, 'MUST', `${r.exchange.summary}${r.final && r.final.status !== 200 ? ' (the credentials handed out were refused)' : ''}`));
    }
    steps.push({ ...x, outcomes, expected: `200, then a REGISTER over ${transport} answered 200` });
  }
  let failing: Step | undefined;
  for (const s of steps) if (tally.judge(s) && !failing) failing = s;
  return { ...tally.result(undefined, failing), wire };
};
