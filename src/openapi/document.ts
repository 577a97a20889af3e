// What both model builders read the same way from an OpenAPI document: its methods and the schemas of its responses.
import type { OpenAPIV2, OpenAPIV3 } from 'openapi-types';
import type { Operation, Schema } from '../model/types.ts';
import { responseSchemaOf } from './direction.ts';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

/** Media types of the 2xx answers: OpenAPI 3 `content` keys, Swagger 2 `produces` (the operation's, else the document's) when a 2xx has a schema. */
function successMediaTypes(all: Record<string, unknown>, v3: boolean, produces: string[] | undefined): string[] {
  const ok = Object.entries(all).filter(([s]) => /^2/.test(s)).map(([, r]) => r as OpenAPIV3.ResponseObject & OpenAPIV2.ResponseObject);
  if (v3) return [...new Set(ok.flatMap((r) => Object.keys(r.content ?? {})))];
  return ok.some((r) => r.schema) ? (produces ?? []) : [];
}

export function responses(all: Record<string, unknown>, v3: boolean, produces?: string[]): Pick<Operation, 'success' | 'errors' | 'successMediaTypes'> {
  const errors: Record<string, Schema> = {};
  let success: Schema | undefined;
  for (const [status, response] of Object.entries(all)) {
    const schema = v3
      ? (Object.entries((response as OpenAPIV3.ResponseObject).content ?? {}).find(([t]) => /json/i.test(t))?.[1]?.schema as Schema | undefined)
      : ((response as OpenAPIV2.ResponseObject).schema as Schema | undefined);
    if (!schema) continue;
    // writeOnly properties are never required in a response (OpenAPI 3.0.3, Schema Object).
    const read = responseSchemaOf(schema);
    if (/^2/.test(status)) success ??= read;
    else errors[status] = read;
  }
  const types = successMediaTypes(all, v3, produces);
  return { success, errors, ...(types.length && { successMediaTypes: types }) };
}
