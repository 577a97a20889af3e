// How each RingCentral mock variant reads the points the documents leave open
// (docs/undecided/ringcentral.md). Written from the seed's error table, the vendor OpenAPI extract
// and the vendor's own clients, not from specs/: an independent second reading.
import type { Variant } from '../../../mocks/kit.ts';

export interface Reading {
  /** Transports match ignoring case and surrounding white space (transport-case, transport-space). */
  caseless: boolean;
  /** `WS`, in the seed's SPR-129 message, is still a (web) transport (transport-ws). */
  legacyWs: boolean;
  /** An item without transport, or with null (transport-missing, transport-null). */
  itemWithoutTransport: 'udp' | 'ignore' | 'reject';
  /** `sipInfo` absent, null or empty (sipinfo-absent, sipinfo-null, sipinfo-empty). */
  noTransports: 'udp' | 'reject';
  /** The same transport twice (transport-duplicate). */
  duplicates: 'accept' | 'reject';
  /** Several distinct non-web transports (transport-several). */
  severalNonWeb: 'accept' | 'reject';
  /** What "is a number" means for device.id (device-id-leading-zero, -sign, -unicode-digits). */
  deviceIdDigits: RegExp;
  /** device.id is read as a signed 64-bit number: digits above 9223372036854775807 are "not a number" (device-id-magnitude). */
  deviceId64: boolean;
  /** device.id as a JSON number (device-id-number). */
  deviceIdJsonNumber: boolean;
  /** `""` and null read as absent (device-id-empty, device-id-null, *-null). */
  emptyIsAbsent: boolean;
  /** Unknown properties are ignored (device-extra-fields). */
  unknownFields: boolean;
  /** computerName/serial/appExternalId must be host names of 1..64 characters, no spaces (device-name-forms). */
  plainNames: boolean;
  /** computerName ("for devices of SoftPhone type only") is refused next to WSS, a WebPhone's (computer-name-webphone). */
  computerNameSoftphoneOnly: boolean;
  /** appExternalId (iOS only) and serial (a known endpoint) are taken from any client (device-client-fields). */
  clientFields: boolean;
  /** softPhoneLineReassignment values served without SPR-131 (line-reassignment-values, line-reassignment-default). */
  reassignment: string[];
  /** What a parseable application version is, and whether X-User-Agent counts (user-agent-forms, x-user-agent). */
  userAgent: RegExp;
  readXUserAgent: boolean;
  /** Status of a POST with no body and no Content-Type (body-missing). */
  bodyMissingStatus: 400 | 415;
  /** Request content types taken as JSON (media-type-forms). */
  mediaType: RegExp;
  /** Status of an unknown token or another scheme (auth-invalid-status). */
  invalidTokenStatus: 400 | 401 | 403;
  /** Check order (check-order). */
  userAgentFirst: boolean;
  numberBeforeLength: boolean;
  /** Error body form (error-envelope): top-level errorCode next to errors[], or errors[] only. */
  envelope: 'both' | 'errors-only';
  /** Optional success fields (sipInfoPstn, persistGatewayConfigured) and vendor extensions. */
  extraSuccessFields: boolean;
}

const ALL_REASSIGNMENTS = ['None', 'Initialize', 'Reassign'];
// One or more product tokens `Name/1.2.3`: the vendor SDK's form.
const PLAIN_USER_AGENT = /^[A-Za-z][\w.+-]*\/\d+\.\d+\.\d+(?: [A-Za-z][\w.+-]*\/\d+\.\d+\.\d+)*$/;
const PRODUCT_WITH_VERSION = /[A-Za-z][\w.+-]*\/\d+(\.\d+)*/;
// Any version-like number at the start or after "/" or a space.
const ANY_VERSION = /(?:^|[\s/])v?\d/;

const strict: Reading = {
  caseless: false,
  legacyWs: false,
  itemWithoutTransport: 'ignore',
  noTransports: 'udp',
  duplicates: 'accept',
  severalNonWeb: 'accept',
  deviceIdDigits: /^[0-9]+$/,
  deviceId64: false,
  deviceIdJsonNumber: false,
  emptyIsAbsent: false,
  unknownFields: true,
  plainNames: false,
  computerNameSoftphoneOnly: false,
  clientFields: true,
  reassignment: ALL_REASSIGNMENTS,
  userAgent: PRODUCT_WITH_VERSION,
  readXUserAgent: true,
  bodyMissingStatus: 400,
  mediaType: /^application\/json\b/i,
  invalidTokenStatus: 401,
  userAgentFirst: false,
  numberBeforeLength: false,
  envelope: 'both',
  extraSuccessFields: false,
};

export const READINGS: Record<Variant, Reading> = {
  strict,
  loose: { ...strict, caseless: true, itemWithoutTransport: 'udp', bodyMissingStatus: 415, userAgentFirst: true, numberBeforeLength: true, envelope: 'errors-only', extraSuccessFields: true },
  strictest: {
    ...strict,
    itemWithoutTransport: 'reject',
    noTransports: 'reject',
    duplicates: 'reject',
    severalNonWeb: 'reject',
    deviceIdDigits: /^[1-9][0-9]*$/,
    deviceId64: true,
    unknownFields: false,
    plainNames: true,
    computerNameSoftphoneOnly: true,
    clientFields: false,
    reassignment: [],
    userAgent: PLAIN_USER_AGENT,
    readXUserAgent: false,
    bodyMissingStatus: 415,
    mediaType: /^application\/json$/,
    numberBeforeLength: true,
  },
  lenient: {
    caseless: true,
    legacyWs: true,
    itemWithoutTransport: 'udp',
    noTransports: 'udp',
    duplicates: 'accept',
    severalNonWeb: 'accept',
    deviceIdDigits: /^[+-]?\p{Nd}+$/u,
    deviceId64: false,
    deviceIdJsonNumber: true,
    emptyIsAbsent: true,
    unknownFields: true,
    plainNames: false,
    computerNameSoftphoneOnly: false,
    clientFields: true,
    reassignment: ALL_REASSIGNMENTS,
    userAgent: ANY_VERSION,
    readXUserAgent: true,
    bodyMissingStatus: 400,
    mediaType: /^application\/(?:[\w.-]+\+)?json\b/i,
    invalidTokenStatus: 403,
    userAgentFirst: true,
    numberBeforeLength: false,
    envelope: 'errors-only',
    extraSuccessFields: true,
  },
};
