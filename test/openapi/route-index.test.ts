import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteIndex, segmentsOf } from '../../src/openapi/route-index.ts';

/** The mock's own pattern of a path template (src/openapi/mock.ts). */
const patternOf = (template: string) =>
  new RegExp(`^${template.split(/(\{[^}]+\})/).map((p) => (/^\{[^}]+\}$/.test(p) ? '([^/]+)' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`);

const indexOf = (templates: string[]) => new RouteIndex(templates.map((t) => ({ route: { t, pattern: patternOf(t) }, segments: segmentsOf(t) })));

describe('route index', () => {
  it('offers every route whose pattern matches, in the routes\' order, and narrows by literal segments', () => {
    const index = indexOf(['/pets/mine', '/pets/{id}', '/pets/{id}/photos', '/stores/{id}', '/{any}', '/files/{name}.json', '/v1/', '/']);
    const offered = (path: string) => index.candidates(path).map((r) => r.t);
    expect(offered('/pets/mine')).toEqual(['/pets/mine', '/pets/{id}']);
    expect(offered('/pets/7/')).toContain('/pets/{id}');
    expect(offered('/pets/7/')).not.toContain('/stores/{id}');
    expect(offered('/pets/7/photos')).toEqual(['/pets/{id}/photos']);
    expect(offered('/stores')).toContain('/{any}');
    expect(offered('/stores')).not.toContain('/stores/{id}');
    expect(offered('/files/a.json')).toContain('/files/{name}.json');
    expect(offered('/v1/')).toContain('/v1/');
    expect(offered('/v1//')).toContain('/v1/');
    expect(offered('/')).toContain('/');
    expect(offered('/nothing/here/at/all')).toEqual([]);
  });

  it('never leaves out a route that matches (random templates and paths)', () => {
    const segment = fc.constantFrom('a', 'b', 'pets', '', '{id}', '{x}.json', 'x.json', '7');
    const template = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`);
    fc.assert(
      fc.property(fc.uniqueArray(template, { minLength: 1, maxLength: 12 }), fc.array(segment, { maxLength: 5 }), fc.boolean(), (templates, parts, slash) => {
        const path = `/${parts.map((p) => p.replace(/[{}]/g, '')).join('/')}${slash ? '/' : ''}`;
        const index = indexOf(templates);
        const matching = templates.filter((t) => patternOf(t).test(path));
        expect(index.candidates(path).map((r) => r.t).filter((t) => matching.includes(t))).toEqual(matching);
      }),
      { numRuns: 500 },
    );
  });
});
