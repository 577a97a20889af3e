// The bundled RingCentral spec: the vendor's OpenAPI extract, tightened with seed 000's rules.
import { fileURLToPath } from 'node:url';
import { ConfigError, SectionReader } from '../../src/config.ts';
import type { ErrorEnvelope, JsonObject, Schema } from '../../src/model.ts';
import { loadSpecDocument, readDocumentFile } from '../../src/spec-loader.ts';
import type { ConformanceSpec, Session, SpecSettings } from '../../src/spec.ts';
import { ringcentralMock } from '../../mocks/ringcentral.ts';
import { catalogue, SEED, VENDOR } from './catalogue.ts';
import { fixtures, mixedTransports, PARSEABLE_USER_AGENT, userAgentVersion } from './rules.ts';

const EXTRACT = fileURLToPath(new URL('./openapi.yaml', import.meta.url));
export const DEFAULT_USER_AGENT = 'sip-conformance/0.1.0';
const TOKEN_FIXTURES = ['noVoipPermissionToken', 'nonAdminToken', 'incompatibleEditionToken', 'noWebPhoneFeatureToken'];

/** Seed 000's constraints on the request, written into the extract's schemas (the YAML file stays verbatim). */
function applySeedRules(doc: JsonObject): JsonObject {
  const schemas = (doc.components as JsonObject).schemas as JsonObject;
  const device = schemas.DeviceInfoRequest as { properties: Record<string, JsonObject> };
  Object.assign(device.properties.id!, {
    maxLength: 38,
    pattern: '^[0-9]+$',
    'x-source': `${SEED} SPR-114, SPR-118`,
    'x-invalid-examples': ['@1qwbc)yppa!', '', ' 123', '-1', '+1', '1 2', '1e5', '0x1F', '\u0661\u0662\u0663', '\uff11\uff12'],
  });
  const sipInfo = schemas.SIPInfoRequest as { properties: Record<string, JsonObject> };
  // WS was removed from the enum in 2023; the seed's SPR-129 message still shows it.
  Object.assign(sipInfo.properties.transport!, { 'x-removed-values': ['WS', 'ws'] });
  return doc;
}

const envelopeReader = (body: unknown) => {
  const b = (body ?? {}) as { errorCode?: unknown; errors?: { errorCode?: unknown; parameterName?: unknown }[] };
  const errors = Array.isArray(b.errors) ? b.errors : [];
  const strings = (xs: unknown[]) => xs.filter((x): x is string => typeof x === 'string');
  return { codes: strings([b.errorCode, ...errors.map((e) => e?.errorCode)]), params: strings(errors.map((e) => e?.parameterName)) };
};

function settings(raw: Record<string, unknown>, embeddedMock: boolean): SpecSettings {
  const r = new SectionReader('ringcentral', raw, ['target', 'headers', 'token', 'userAgent', 'fixtures']);
  const common = r.common(Object.keys(fixtures), embeddedMock ? ringcentralMock.fixtures : undefined);
  const userAgent = r.string('userAgent');
  if (userAgent && !PARSEABLE_USER_AGENT.test(userAgent)) {
    throw new ConfigError(`config ringcentral.userAgent: "${userAgent}" has no parseable version (expected e.g. MyApp/1.0.0)`);
  }
  const token = r.string('token') ?? (embeddedMock ? ringcentralMock.fixtures.token : undefined);
  if (!token) throw new ConfigError('config ringcentral.token: required to test a server other than the embedded mock');
  return { ...common, raw: { ...raw, token, userAgent: userAgent ?? DEFAULT_USER_AGENT } };
}

async function open(s: SpecSettings): Promise<Session> {
  const token = s.raw.token as string;
  const bearer = (t: string) => ({ headers: { Authorization: `Bearer ${t}` } });
  return {
    defaultHeaders: { 'User-Agent': s.raw.userAgent as string, Accept: 'application/json', ...s.headers },
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

export async function loadRingcentral(): Promise<ConformanceSpec> {
  const doc = applySeedRules((await readDocumentFile(EXTRACT)) as JsonObject);
  const model = await loadSpecDocument(doc, 'specs/ringcentral/openapi.yaml');
  const op = model.operations.createSIPRegistration!;
  // A POST, but a repeat returns the same SIP info for the same device; nothing is billed.
  op.idempotent = true;
  const envelope: ErrorEnvelope = {
    schema: model.schemas.ApiErrorResponseModel as Schema,
    source: `${VENDOR}: ApiErrorResponseModel`,
    level: 'MUST',
    read: envelopeReader,
  };
  return {
    name: 'ringcentral',
    model,
    catalogue: catalogue(op),
    envelope,
    responseMediaType: { pattern: /^application\/json\b/i, level: 'MUST', source: `${SEED}: produces application/json` },
    rules: { mixedTransports, userAgentVersion },
    fixtures,
    scenarios: {},
    mock: ringcentralMock,
    settings,
    open,
    rateLimit: { limit: 10, windowMs: 60_000, source: 'specs/ringcentral/openapi.yaml x-throttling-group: Heavy; RingCentral API rate limits: Heavy is 10 requests per 60 s per user, with a 60 s penalty' },
  };
}
