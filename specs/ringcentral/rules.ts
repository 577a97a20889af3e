// RingCentral cross-field rules and fixtures (seed 000's error table).
import fc from 'fast-check';
import type { Case, Fixture, Json, JsonObject, Rule } from '../../src/model.ts';

const WEB = 'WSS';
const NON_WEB = ['UDP', 'TCP', 'TLS'] as const;

const transportsOf = (c: Case): string[] => {
  const sipInfo = (c.input as JsonObject | undefined)?.sipInfo;
  return Array.isArray(sipInfo) ? sipInfo.map((i) => (i as JsonObject | null)?.transport).filter((t): t is string => typeof t === 'string') : [];
};

const withSipInfo = (c: Case, transports: string[]): Case => ({
  ...c,
  input: { ...(c.input as JsonObject), sipInfo: transports.map((transport) => ({ transport })) },
});

/** SPR-129: a web transport (WSS) registered together with a non-web one. */
export const mixedTransports: Rule = {
  violatedBy: (c) => {
    const t = transportsOf(c);
    return t.includes(WEB) && t.some((x) => (NON_WEB as readonly string[]).includes(x));
  },
  break: (valid) =>
    fc
      .tuple(valid, fc.subarray([...NON_WEB], { minLength: 1 }), fc.nat())
      .map(([c, nonWeb, at]) => {
        const list: string[] = [...nonWeb];
        list.splice(at % (list.length + 1), 0, WEB);
        return { ...withSipInfo(c, list), note: `sipInfo transports ${list.join(', ')}` };
      }),
  examples: (valid) =>
    [[WEB, 'TCP'], ['UDP', WEB], [WEB, 'TLS', 'UDP']].map((list) => ({ ...withSipInfo(valid, list), note: `sipInfo transports ${list.join(', ')}` })),
};

/** A product token with a numeric version, e.g. `MyApp/1.0.0` (RingCentral's app version convention). */
export const PARSEABLE_USER_AGENT = /[A-Za-z][\w.+-]*\/\d+(\.\d+)*/;
const UA_HEADERS = ['user-agent', 'x-user-agent'];

const headerValue = (c: Case, name: string): string | undefined =>
  Object.entries(c.headers).find(([k]) => k.toLowerCase() === name)?.[1];

/**
 * SPR-122: neither User-Agent nor X-User-Agent carries a parseable version. The session's default
 * User-Agent is validated at config time, so a case only breaks the rule by overriding or omitting it.
 */
export const userAgentVersion: Rule = {
  violatedBy: (c) => {
    const omitted = c.omitHeaders.map((h) => h.toLowerCase());
    return !UA_HEADERS.some((name) => {
      const value = headerValue(c, name);
      if (value !== undefined) return PARSEABLE_USER_AGENT.test(value);
      return name === 'user-agent' && !omitted.includes(name);
    });
  },
  break: (valid) =>
    fc.oneof(
      valid.map((c) => ({ ...c, note: 'no User-Agent header', omitHeaders: [...c.omitHeaders, 'User-Agent', 'X-User-Agent'] })),
      fc.tuple(valid, fc.oneof(fc.constantFrom('', 'MyApp', 'MyApp/', 'MyApp/abc', '/1.0.0', 'MyApp 1.0'), fc.string({ maxLength: 30 }))).map(([c, ua]) => ({
        ...c,
        note: `User-Agent "${ua}"`,
        headers: { ...c.headers, 'User-Agent': ua },
      })),
    ),
  examples: (valid) => [
    { ...valid, note: 'no User-Agent header', omitHeaders: ['User-Agent', 'X-User-Agent'] },
    { ...valid, note: 'User-Agent without version', headers: { 'User-Agent': 'MyApp' } },
    { ...valid, note: 'User-Agent with a non-numeric version', headers: { 'User-Agent': 'MyApp/beta' } },
    // The documented alternative: the version in X-User-Agent is enough.
    { ...valid, note: 'version only in X-User-Agent (allowed)', omitHeaders: ['User-Agent'], headers: { 'X-User-Agent': 'MyApp/1.2.3' } },
  ],
};

const asFixtureToken = (description: string, wss = false): Fixture => ({
  description,
  apply: (c: Case, _value: string): Case => ({ ...(wss ? withSipInfo(c, [WEB]) : c), auth: { kind: 'fixture', fixture: '' } }),
});

function tokenFixture(name: string, description: string, wss = false): [string, Fixture] {
  const base = asFixtureToken(description, wss);
  return [name, { description, apply: (c, v) => ({ ...base.apply(c, v), auth: { kind: 'fixture', fixture: name } }) }];
}

export const fixtures: Record<string, Fixture> = Object.fromEntries([
  tokenFixture('noVoipPermissionToken', 'a token whose application lacks the VoipCalling permission (CMN-401)'),
  tokenFixture('nonAdminToken', 'a token of a user without administrator permission (CMN-402)'),
  tokenFixture('incompatibleEditionToken', 'a token of a client edition incompatible with the brand (SPR-112)'),
  tokenFixture('noWebPhoneFeatureToken', 'a token of an account without the WebPhone feature, used with WSS (BIL-103)', true),
  [
    'nonWebRtcDeviceId',
    {
      description: 'the id of a device that is not allowed for WebRTC, registered with WSS (SPR-130)',
      apply: (c: Case, value: string): Case => {
        const input = withSipInfo(c, [WEB]).input as JsonObject;
        return { ...c, input: { ...input, device: { ...((input.device as JsonObject | undefined) ?? {}), id: value } as Json } };
      },
    },
  ],
]);
