// Parameters on the wire (OpenAPI styles, Swagger 2 collection formats) and read back as a server
// reads them: the oracle judges what was sent, and where servers may read it two ways, neither.
import { describe, expect, it } from 'vitest';
import { Validators } from '../../src/model/validators.ts';
import type { Json, Operation, Parameter, RequestShape, Schema } from '../../src/model/types.ts';
import { requestViolations } from '../../src/openapi/judge.ts';
import { serverView, toWire } from '../../src/openapi/wire.ts';

const param = (p: Partial<Parameter> & Pick<Parameter, 'name' | 'in' | 'schema'>): Parameter => ({ required: false, style: p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple', explode: p.in === 'query' || p.in === 'cookie', ...p });
const shape = (parameters: Parameter[], body?: RequestShape['body']): RequestShape => ({ parameters, ...(body && { body }), security: [], clientErrors: ['400'], success: { status: 200 } });
const ints: Schema = { type: 'array', items: { type: 'integer' } } as Schema;

describe('toWire', () => {
  it('serialises every style', () => {
    const s = shape([
      param({ name: 'id', in: 'path', schema: { type: 'string' } }),
      param({ name: 'ids', in: 'query', schema: ints }),
      param({ name: 'csv', in: 'query', schema: ints, explode: false }),
      param({ name: 'pipes', in: 'query', schema: ints, style: 'pipeDelimited', explode: false }),
      param({ name: 'filter', in: 'query', schema: { type: 'object' }, style: 'deepObject' }),
      param({ name: 'X-Trace', in: 'header', schema: { type: 'string' } }),
      param({ name: 'session', in: 'cookie', schema: { type: 'string' } }),
    ]);
    const wire = toWire(s, '/things/{id}', { path: { id: 'a b/c' }, query: { ids: [1, 2], csv: [3, 4], pipes: [5, 6], filter: { color: 'red' } }, header: { 'X-Trace': 'é x' }, cookie: { session: 's1' } });
    expect(wire.path).toBe('/things/a%20b%2Fc');
    expect(wire.query).toEqual([['ids', '1'], ['ids', '2'], ['csv', '3,4'], ['pipes', '5|6'], ['filter[color]', 'red']]);
    expect(wire.headers).toEqual({ 'X-Trace': '%C3%A9%20x' });
    expect(wire.cookies).toEqual([['session', 's1']]);
  });

  it('label and matrix path styles', () => {
    const s = shape([param({ name: 'a', in: 'path', schema: ints, style: 'label' }), param({ name: 'b', in: 'path', schema: { type: 'integer' }, style: 'matrix' })]);
    expect(toWire(s, '/x/{a}/{b}', { path: { a: [1, 2], b: 3 } }).path).toBe('/x/.1,2/;b=3');
  });

  it('form and multipart bodies', () => {
    const form = toWire(shape([], { mediaType: 'application/x-www-form-urlencoded', required: true }), '/f', { body: { a: 1, tags: ['x', 'y'] } });
    expect(form.body).toEqual({ text: 'a=1&tags=x&tags=y', contentType: 'application/x-www-form-urlencoded' });
    const multi = toWire(shape([], { mediaType: 'multipart/form-data', required: true }), '/f', { body: { title: 't' } });
    expect(multi.body!.text).toContain('Content-Disposition: form-data; name="title"\r\n\r\nt\r\n');
  });
});

describe('serverView: what the server reads', () => {
  it('parses parameter text by the documented type', () => {
    const s = shape([param({ name: 'limit', in: 'query', schema: { type: 'integer' } }), param({ name: 'name', in: 'query', schema: { type: 'string' } }), param({ name: 'ids', in: 'query', schema: ints, explode: false })]);
    expect(serverView(s, {} as Schema, { query: { limit: 5, name: 0, ids: [1, 2] } })).toEqual({ query: { limit: 5, name: '0', ids: [1, 2] } });
    expect(serverView(s, {} as Schema, { query: { limit: 5.5, name: true } })).toEqual({ query: { limit: 5.5, name: 'true' } });
    expect(serverView(s, {} as Schema, { query: { limit: true } })).toEqual({ query: { limit: 'true' } });
  });

  it('reads form fields by the body schema', () => {
    const bodySchema = { type: 'object', properties: { age: { type: 'integer' }, name: { type: 'string' } } };
    const s = shape([], { mediaType: 'application/x-www-form-urlencoded', required: true });
    expect(serverView(s, { properties: { body: bodySchema } } as unknown as Schema, { body: { age: 3, name: 7 } })).toEqual({ body: { age: 3, name: '7' } });
  });
});

describe('requestViolations', () => {
  const op = (parameters: Parameter[]): Operation => {
    const s = shape(parameters);
    const props = Object.fromEntries(parameters.map((p) => [p.name, p.schema]));
    const required = parameters.filter((p) => p.required).map((p) => p.name);
    return { id: 'op', method: 'GET', path: '/x', errors: {}, request: s, input: { location: 'request', mediaType: 'application/json', required: true, schema: { type: 'object', required: ['query'], properties: { query: { type: 'object', properties: props, required } } } as Schema } };
  };

  it('a wrong type that survives the wire is a violation; one the wire erases is none', () => {
    const o = op([param({ name: 'limit', in: 'query', schema: { type: 'integer' } }), param({ name: 'q', in: 'query', schema: { type: 'string' } })]);
    expect(requestViolations(o, { query: { limit: 1.5 } }, new Validators())).toEqual([{ location: 'request', path: '/query/limit', keyword: 'type' }]);
    expect(requestViolations(o, { query: { q: 12 } }, new Validators())).toEqual([]);
  });

  it('an empty value servers may read as absent or as empty is undecided: neither valid nor a covered violation', () => {
    const o = op([param({ name: 'state', in: 'query', schema: { type: 'string', enum: ['open'] } as Schema })]);
    expect(requestViolations(o, { query: { state: '' } as Json }, new Validators())).toEqual([{ location: 'undecided', path: '/query/state', keyword: 'enum' }]);
  });
});
