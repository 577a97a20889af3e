// The bundled RingCentral spec: the vendor's OpenAPI extract, tightened with seed 000's rules.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ConfigError, type ConformanceSpec, defineVendor, type ErrorEnvelope, type JsonObject, lenientOf, loadSpecDocument,
  readDocumentFile, type Schema, SectionReader, type Session, type SpecSettings, Validators,
} from '../../src/index.ts';
import { ringcentralMock } from './mock/index.ts';
import { catalogue, SEED, VENDOR } from './catalogue.ts';
import { fixtures, mixedTransports, PLAIN_USER_AGENT, softphoneComputerName, userAgentVersion } from './rules.ts';
import { undecided } from './undecided.ts';
import { type RingcentralSession, wireRegister, wireRequirement } from './wire.ts';

const EXTRACT = fileURLToPath(new URL('./openapi.yaml', import.meta.url));
/** Compiled (dist/), the extract parsed by the build (`scripts/build.mjs`): no YAML parser in a run. */
const PARSED = `${EXTRACT}.json`;
export const DEFAULT_USER_AGENT = 'sip-conformance/0.1.0';
const TOKEN_FIXTURES = ['noVoipPermissionToken', 'nonAdminToken', 'incompatibleEditionToken', 'noWebPhoneFeatureToken'];

/** A pattern matching `words` in any case, with surrounding white space: the widest reading of an enum. */
const caseless = (words: string[]) =>
  `^\\s*(?:${words.map((w) => [...w].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch)).join('')).join('|')})\\s*$`;
const NAME_FIELDS = ['appExternalId', 'computerName', 'serial'];
const UNDECIDED = 'docs/undecided/ringcentral.md';

/**
 * Seed 000's constraints and the three zones (docs/undecided/ringcentral.md) written into the
 * extract's schemas; the YAML file stays verbatim. Each node states what every reading accepts (the
 * vendor clients' plainest bodies); `x-lenient` states the widest reading.
 */
function applySeedRules(doc: JsonObject): JsonObject {
  const schemas = (doc.components as JsonObject).schemas as Record<string, JsonObject & { properties: Record<string, JsonObject> }>;
  const request = schemas.CreateSipRegistrationRequest!;
  Object.assign(request, {
    required: ['sipInfo'],
    additionalProperties: false,
    'x-lenient': { required: null, additionalProperties: null },
    'x-source': `${UNDECIDED}: sipinfo-absent, device-extra-fields`,
  });
  Object.assign(request.properties.sipInfo!, { minItems: 1, 'x-lenient': { minItems: null, type: ['array', 'null'] }, 'x-source': `${UNDECIDED}: sipinfo-empty, sipinfo-null` });
  // "Supported for Softphone clients only": sent at all, even as its default None, it is undecided
  // (line-reassignment-default); `not: {}` keeps every value out of the accepted zone.
  Object.assign(request.properties.softPhoneLineReassignment!, {
    enum: ['None'],
    not: {},
    'x-lenient': { enum: null, not: null, type: ['string', 'null'], pattern: caseless(['None', 'Initialize', 'Reassign']) },
    'x-source': `${VENDOR}: softPhoneLineReassignment (Supported for Softphone clients only; SPR-131 when no DL); ${UNDECIDED}: line-reassignment-default, line-reassignment-values, line-reassignment-case`,
  });
  const item = schemas.SIPInfoRequest!;
  Object.assign(item, { required: ['transport'], additionalProperties: false, 'x-lenient': { required: null, additionalProperties: null }, 'x-source': `${UNDECIDED}: transport-missing` });
  Object.assign(item.properties.transport!, {
    'x-lenient': { enum: null, type: ['string', 'null'], pattern: caseless(['UDP', 'TCP', 'TLS', 'WSS', 'WS']) },
    'x-source': `${VENDOR}: SIPInfoRequest.transport enum; ${UNDECIDED}: transport-case, transport-space, transport-ws, transport-null`,
  });
  const device = schemas.DeviceInfoRequest!;
  Object.assign(device, { additionalProperties: false, 'x-lenient': { additionalProperties: null, type: ['object', 'null'] } });
  // Up to 18 digits: a number every reading takes, a 64-bit one included (device-id-magnitude).
  Object.assign(device.properties.id!, {
    maxLength: 38,
    pattern: '^[1-9][0-9]{0,17}$',
    'x-lenient': { type: ['string', 'integer', 'null'], pattern: '^(?:[+-]?\\p{Nd}+)?$' },
    'x-source': `${SEED} SPR-114, SPR-118; ${UNDECIDED}: device-id-*`,
    'x-invalid-examples': ['@1qwbc)yppa!', ' 123', '1 2', '1e5', '0x1F', '12a'],
  });
  // A host name, as the vendor demo sends it (`computerName: hostname()`): no spaces, 1..64 characters.
  for (const name of NAME_FIELDS) {
    Object.assign(device.properties[name]!, {
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      'x-lenient': { pattern: null, type: ['string', 'number', 'boolean', 'null'] },
      'x-source': `${UNDECIDED}: device-name-forms`,
    });
  }
  // appExternalId ("iOS devices only": an APNS certificate name) and serial (an endpoint instance the
  // server may have to know) stay out of the accepted zone: present, they are undecided.
  const { appExternalId, serial, ...plain } = device.properties;
  const wide = Object.fromEntries(Object.entries({ ...plain, appExternalId, serial }).map(([k, v]) => [k, lenientOf(v as Schema)]));
  Object.assign(device, { properties: plain, 'x-lenient': { ...(device['x-lenient'] as JsonObject), properties: wide }, 'x-source': `${UNDECIDED}: device-client-fields` });
  return doc;
}

const envelopeReader = (body: unknown) => {
  const b = (body ?? {}) as { errorCode?: unknown; errors?: { errorCode?: unknown; parameterName?: unknown }[] };
  const errors = Array.isArray(b.errors) ? b.errors : [];
  // A top-level errorCode usually repeats the first item's: each code once.
  const strings = (xs: unknown[]) => [...new Set(xs.filter((x): x is string => typeof x === 'string'))];
  return { codes: strings([b.errorCode, ...errors.map((e) => e?.errorCode)]), params: strings(errors.map((e) => e?.parameterName)) };
};

type RingcentralSettings = SpecSettings<{ token: string; userAgent: string; wire: boolean }>;

function settings(raw: Record<string, unknown>, embeddedMock: boolean): RingcentralSettings {
  const r = new SectionReader('ringcentral', raw, ['target', 'headers', 'token', 'userAgent', 'fixtures', 'wire']);
  const common = r.common(Object.keys(fixtures), embeddedMock ? ringcentralMock.fixtures : undefined);
  const userAgent = r.string('userAgent');
  // Every case carries it: only a form every reading parses keeps base cases out of the undecided zone.
  if (userAgent && !PLAIN_USER_AGENT.test(userAgent)) {
    throw new ConfigError(`config ringcentral.userAgent: "${userAgent}" has no parseable version in the form every reading takes (product tokens Name/1.2.3, e.g. MyApp/1.0.0)`);
  }
  const token = r.string('token') ?? (embeddedMock ? ringcentralMock.fixtures.token : undefined);
  if (!token) throw new ConfigError('config ringcentral.token: required to test a server other than the embedded mock');
  // Registering at a real target reaches RingCentral's SIP servers: only when asked (off by default).
  const wire = r.boolean('wire') ?? embeddedMock;
  return { ...common, raw: { ...raw, token, userAgent: userAgent ?? DEFAULT_USER_AGENT, wire } };
}

async function open(s: RingcentralSettings): Promise<RingcentralSession> {
  const { token, userAgent, wire } = s.raw;
  const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });
  return {
    target: s.target!,
    wire,
    defaultHeaders: { 'User-Agent': userAgent, Accept: 'application/json', ...s.headers },
    fixtures: s.fixtures,
    secrets: [token, ...TOKEN_FIXTURES.map((f) => s.fixtures[f]).filter((v): v is string => !!v)],
    authorize(c) {
      switch (c.auth.kind) {
        case 'valid':
          return bearer(token);
        case 'none':
          return {};
        case 'invalid':
          return c.auth.variant === 'wrongScheme'
            ? { headers: { Authorization: `Basic ${Buffer.from('user:password').toString('base64')}` } }
            : bearer('sipc-invalid-0000000000000000');
        case 'fixture':
          return TOKEN_FIXTURES.includes(c.auth.fixture) ? bearer(s.fixtures[c.auth.fixture]!) : bearer(token);
      }
    },
  };
}

export async function load(): Promise<ConformanceSpec> {
  const doc = applySeedRules((await readDocumentFile(existsSync(PARSED) ? PARSED : EXTRACT)) as JsonObject);
  const model = await loadSpecDocument(doc, 'specs/ringcentral/openapi.yaml', { validated: true });
  const op = model.operations.createSIPRegistration!;
  // A POST, but a repeat returns the same SIP info for the same device; nothing is billed.
  op.idempotent = true;
  const envelope: ErrorEnvelope = {
    schema: model.schemas.ApiErrorResponseModel as Schema,
    source: `${VENDOR}: ApiErrorResponseModel`,
    level: 'MUST',
    read: envelopeReader,
  };
  return defineVendor({
    name: 'ringcentral',
    model,
    catalogue: [...catalogue(op), wireRequirement(op.id)],
    envelope,
    responseMediaType: { pattern: /^application\/json\b/i, level: 'MUST', source: `${SEED}: produces application/json` },
    rules: { mixedTransports, userAgentVersion, softphoneComputerName },
    validators: new Validators(),
    undecided: undecided(op.id),
    fixtures,
    scenarios: { wireRegister },
    mock: ringcentralMock,
    settings,
    open,
    rateLimit: { limit: 10, windowMs: 60_000, source: 'specs/ringcentral/openapi.yaml x-throttling-group: Heavy; RingCentral API rate limits: Heavy is 10 requests per 60 s per user, with a 60 s penalty' },
  });
}
