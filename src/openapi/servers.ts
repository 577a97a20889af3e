// Where a document says its operations live: OpenAPI 3 `servers` (variables at their defaults) or
// Swagger 2 `host`/`basePath`/`schemes`. `--target` replaces scheme, host and port; the base path stays.
import type { OpenAPI, OpenAPIV2, OpenAPIV3 } from 'openapi-types';

/** The document's first server URL with every `{variable}` at its default. */
export function serverUrlOf(api: OpenAPI.Document): string | undefined {
  if ('swagger' in api) {
    const v2 = api as OpenAPIV2.Document;
    if (!v2.host) return v2.basePath;
    return `${v2.schemes?.[0] ?? 'http'}://${v2.host}${v2.basePath ?? ''}`;
  }
  const server = (api as OpenAPIV3.Document).servers?.[0];
  if (!server) return undefined;
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
}

/** The path part of the first server URL, without a trailing slash ('' when there is none). */
export function basePathOf(api: OpenAPI.Document): string {
  const url = serverUrlOf(api);
  if (!url) return '';
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') : url;
  return path.replace(/\/+$/, '').replace(/^(?!\/)(.)/, '/$1');
}
