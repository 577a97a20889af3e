// RingCentral cross-field rules and fixtures (seed 000's error table).
import fc from 'fast-check';
import type { Case, Fixture, Json, JsonObject, Rule } from '../../src/index.ts';

const WEB = 'WSS';
const NON_WEB = ['UDP', 'TCP', 'TLS'] as const;

const isObject = (i: Json): i is JsonObject => i !== null && typeof i === 'object' && !Array.isArray(i);

const NO_ITEMS: Json[] = [];
const sipInfoOf = (c: Case): Json[] => {
  const sipInfo = (c.input as JsonObject | undefined)?.sipInfo;
  return Array.isArray(sipInfo) ? sipInfo : NO_ITEMS;
};

/** The transports the items name, spelled exactly as the vendor enum spells them. */
const transportsOf = (c: Case): string[] => {
  const named: string[] = [];
  for (const i of sipInfoOf(c)) if (isObject(i) && typeof i.transport === 'string') named.push(i.transport);
  return named;
};

const withSipInfo = (c: Case, transports: string[]): Case => ({
  ...c,
  input: { ...(c.input as JsonObject), sipInfo: transports.map((transport) => ({ transport })) },
});

const isMixed = (c: Case) => {
  const t = transportsOf(c);
  return t.includes(WEB) && t.some((x) => (NON_WEB as readonly string[]).includes(x));
};

/**
 * SPR-129: a web transport (WSS) registered together with a non-web one. Open (docs/undecided/
 * ringcentral.md): an item without transport (a server may read it as UDP), the same transport twice,
 * and several non-web transports ("incompatible protocol list" names no compatible list).
 */
export const mixedTransports: Rule = {
  violatedBy: isMixed,
  undecidedBy: (c) => {
    const named = transportsOf(c);
    const withoutTransport = sipInfoOf(c).some((i) => isObject(i) && (i.transport === undefined || i.transport === null));
    return withoutTransport || (named.length > 1 && (new Set(named).size < named.length || !isMixed(c)));
  },
  break: (valid) =>
    fc
      .tuple(valid, fc.subarray([...NON_WEB], { minLength: 1 }), fc.nat())
      .map(([c, nonWeb, at]) => {
        const list: string[] = [...nonWeb];
        list.splice(at % (list.length + 1), 0, WEB);
        return { ...withSipInfo(c, list), note: `sipInfo transports ${list.join(', ')}` };
      }),
  // One item naming a transport is the only list that is decided and within the rule: the others are dropped.
  conform: (c) => {
    const items = sipInfoOf(c);
    if (items.length < 2) return c;
    const kept = items.find((i) => isObject(i) && typeof i.transport === 'string') ?? items[0]!;
    return { ...c, input: { ...(c.input as JsonObject), sipInfo: [kept] } };
  },
  examples: (valid) =>
    [[WEB, 'TCP'], ['UDP', WEB], [WEB, 'TLS', 'UDP']].map((list) => ({ ...withSipInfo(valid, list), note: `sipInfo transports ${list.join(', ')}` })),
};

const computerNameOf = (c: Case): unknown => {
  const device = (c.input as JsonObject | undefined)?.device;
  return device !== null && typeof device === 'object' && !Array.isArray(device) ? device.computerName : undefined;
};

/**
 * Undecided (docs/undecided/ringcentral.md computer-name-webphone): computerName is "for devices of
 * SoftPhone type only" and a WSS registration is a WebPhone's; the vendor demo sends it with TCP. Next
 * to WSS a server may ignore it or refuse it; never judged, and valid cases drop it there.
 */
export const softphoneComputerName: Rule = {
  violatedBy: () => false,
  undecidedBy: (c) => computerNameOf(c) !== undefined && transportsOf(c).includes(WEB),
  break: (valid) => valid,
  conform: (c, forced) => {
    if (!softphoneComputerName.undecidedBy!(c) || forced.some((p) => p[0] === 'device' && p[1] === 'computerName')) return c;
    const { computerName: _, ...device } = (c.input as JsonObject).device as JsonObject;
    return { ...c, input: { ...(c.input as JsonObject), device } };
  },
};

/**
 * Accepted by every reading: one or more product tokens `Name/1.2.3`, the form the vendor SDK sends
 * (ringcentral-js Platform.ts: `AppName/AppVersion RCJSSDK/x.y.z`).
 */
export const PLAIN_USER_AGENT = /^[A-Za-z][\w.+-]*\/\d+\.\d+\.\d+(?: [A-Za-z][\w.+-]*\/\d+\.\d+\.\d+)*$/;
/** The widest reading of "a parseable version": a version-like number at the start or after "/" or a space. */
const ANY_VERSION = /(?:^|[\s/])v?\d/;
const UA_HEADERS = ['User-Agent', 'X-User-Agent'];

/** Asked several times a case by the rules: a loop, no array of entries. */
const headerValue = (c: Case, name: string): string | undefined => {
  for (const k in c.headers) if (k.toLowerCase() === name) return c.headers[k];
  return undefined;
};

/** The User-Agent the case sends: its own, the session's default (validated at config time: plain), or none. */
const userAgentOf = (c: Case): string | undefined | 'default' => {
  const own = headerValue(c, 'user-agent');
  if (own !== undefined) return own;
  return c.omitHeaders.some((h) => h.toLowerCase() === 'user-agent') ? undefined : 'default';
};

/**
 * SPR-122: neither User-Agent nor X-User-Agent carries anything a reading could take for a version.
 * Open: other User-Agent forms (`RCMobile/1.0`, `App/1.0.0 (os)`) and X-User-Agent (the SDK's header;
 * the seed names only User-Agent).
 */
export const userAgentVersion: Rule = {
  violatedBy: (c) => {
    const ua = userAgentOf(c);
    const x = headerValue(c, 'x-user-agent');
    return ua !== 'default' && !(ua !== undefined && ANY_VERSION.test(ua)) && !(x !== undefined && ANY_VERSION.test(x));
  },
  undecidedBy: (c) => {
    const ua = userAgentOf(c);
    return headerValue(c, 'x-user-agent') !== undefined || (ua !== 'default' && !(ua !== undefined && PLAIN_USER_AGENT.test(ua)));
  },
  break: (valid) =>
    fc.oneof(
      valid.map((c) => ({ ...c, note: 'no User-Agent header', omitHeaders: [...c.omitHeaders, ...UA_HEADERS] })),
      fc
        .tuple(valid, fc.oneof(fc.constantFrom('', 'MyApp', 'MyApp/', 'MyApp/abc', 'MyApp/beta', 'RingCentral App'), fc.string({ maxLength: 30 }).filter((v) => !ANY_VERSION.test(v))))
        .map(([c, ua]) => ({ ...c, note: `User-Agent "${ua}"`, headers: { ...c.headers, 'User-Agent': ua } })),
    ),
  examples: (valid) => [
    { ...valid, note: 'no User-Agent header', omitHeaders: [...UA_HEADERS] },
    { ...valid, note: 'User-Agent without version', headers: { 'User-Agent': 'MyApp' } },
    { ...valid, note: 'User-Agent with a non-numeric version', headers: { 'User-Agent': 'MyApp/beta' } },
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
