// The document's security schemes as credentials on a request: bearer, basic, API key (header,
// query, cookie), OAuth2 client credentials (token fetched once from the token URL).
import type { Transport } from '../http/index.ts';
import type { ApiModel, Case, SecurityScheme } from '../model/types.ts';

export interface Credentials {
  token?: string;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  /** Replaces every OAuth2 scheme's token URL (e.g. a test identity provider). */
  tokenUrl?: string;
}

export interface Auth {
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** A credential nobody issues: what "a wrong credential" sends. */
const WRONG = 'sipc-wrong-credential';

export class SecurityAdapter {
  private constructor(
    private readonly model: ApiModel,
    private readonly creds: Credentials,
    /** OAuth2 access tokens by scheme name. */
    private readonly oauth: Record<string, string>,
  ) {}

  static async open(model: ApiModel, creds: Credentials, client: Transport): Promise<SecurityAdapter> {
    const oauth: Record<string, string> = {};
    for (const [name, scheme] of Object.entries(model.securitySchemes ?? {})) {
      const tokenUrl = creds.tokenUrl ?? (scheme.type === 'oauth2' ? scheme.tokenUrl : undefined);
      if (scheme.type !== 'oauth2' || !tokenUrl || !creds.clientId || !creds.clientSecret) continue;
      oauth[name] = await fetchToken(client, tokenUrl, creds.clientId, creds.clientSecret);
    }
    return new SecurityAdapter(model, creds, oauth);
  }

  get secrets(): string[] {
    return [this.creds.token, this.creds.password, this.creds.clientSecret, ...Object.values(this.oauth)].filter((s): s is string => !!s);
  }

  /** The alternatives of an operation that this run has credentials for. */
  private usable(operation: string): string[][] {
    return this.alternatives(operation).filter((names) => names.every((n) => this.can(n)));
  }

  private alternatives(operation: string): string[][] {
    return this.model.operations[operation]?.request?.security ?? [];
  }

  /** Why valid requests of an operation cannot be sent (no credential for any alternative), or undefined. */
  missing(operation: string): string | undefined {
    const alternatives = this.alternatives(operation);
    if (alternatives.length === 0 || this.usable(operation).length > 0) return undefined;
    const needs = alternatives.map((a) => a.map((n) => `${n} (${this.needs(n)})`).join(' + ')).join(' or ');
    return `needs credentials for ${needs}`;
  }

  authorize(c: Case): Auth {
    if (c.auth.kind === 'none' || c.auth.kind === 'fixture') return {};
    const alternatives = this.alternatives(c.operation);
    // A document that declares no security at all: a configured token travels as a bearer token.
    const undeclared = Object.keys(this.model.securitySchemes ?? {}).length === 0 && this.creds.token;
    if (undeclared && alternatives.length === 0) return { headers: { Authorization: `Bearer ${c.auth.kind === 'invalid' ? WRONG : this.creds.token}` } };
    if (c.auth.kind === 'invalid') return this.apply(alternatives[0] ?? [], () => WRONG);
    return this.apply(this.usable(c.operation)[0] ?? [], (name) => this.secretFor(name));
  }

  private apply(names: string[], secret: (name: string) => string): Auth {
    const auth: Required<Auth> = { headers: {}, query: {} };
    for (const name of names) {
      const scheme = this.model.securitySchemes?.[name];
      const value = secret(name);
      if (scheme?.type === 'http' && scheme.scheme === 'basic') {
        const user = value === WRONG ? WRONG : this.creds.username!;
        auth.headers.Authorization = `Basic ${Buffer.from(`${user}:${value}`).toString('base64')}`;
      } else if (scheme?.type === 'apiKey' && scheme.in === 'query') auth.query[scheme.name] = value;
      else if (scheme?.type === 'apiKey' && scheme.in === 'cookie') auth.headers.Cookie = `${scheme.name}=${encodeURIComponent(value)}`;
      else if (scheme?.type === 'apiKey') auth.headers[scheme.name] = value;
      else auth.headers.Authorization = `Bearer ${value}`;
    }
    return auth;
  }

  private secretFor(name: string): string {
    const scheme = this.model.securitySchemes?.[name];
    if (scheme?.type === 'http' && scheme.scheme === 'basic') return this.creds.password!;
    return this.oauth[name] ?? this.creds.token!;
  }

  private can(name: string): boolean {
    const scheme = this.model.securitySchemes?.[name];
    if (scheme?.type === 'http' && scheme.scheme === 'basic') return !!(this.creds.username && this.creds.password);
    return !!(this.oauth[name] ?? this.creds.token);
  }

  private needs(name: string): string {
    const scheme: SecurityScheme | undefined = this.model.securitySchemes?.[name];
    if (scheme?.type === 'http' && scheme.scheme === 'basic') return 'config username + password';
    if (scheme?.type === 'oauth2') return 'config token, or clientId + clientSecret';
    return 'config token';
  }
}

async function fetchToken(client: Transport, url: string, id: string, secret: string): Promise<string> {
  const response = await client.send({
    method: 'POST',
    url,
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
  });
  let token: unknown;
  try {
    token = (JSON.parse(response.text) as { access_token?: unknown }).access_token;
  } catch {
    token = undefined;
  }
  if (response.status !== 200 || typeof token !== 'string' || token === '') {
    const why = response.error ? `${response.error.cause}: ${response.error.message}` : `status ${response.status}`;
    throw new Error(`OAuth2 client credentials: no access_token from ${url} (${why})`);
  }
  return token;
}
