// Pattern strings: negated classes drawn as the positive classes of the characters they take.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matching, positiveClasses } from '../../generators/pattern.ts';

describe('positiveClasses', () => {
  it('writes a negated class as the printable characters it takes, in ranges', () => {
    expect(positiveClasses('^[^;\\s]+(;[^;\\s]+)*$')).toBe('^[\\u0021-\\u003a\\u003c-\\u007e]+(;[\\u0021-\\u003a\\u003c-\\u007e]+)*$');
    expect(positiveClasses('^[^\\]a-z]$')).toBe('^[\\u0020-\\u005c\\u005e-\\u0060\\u007b-\\u007e]$');
  });

  it('leaves positive classes, escaped brackets and what takes no printable character as they are', () => {
    for (const p of ['^[a-z]+$', '^\\[^x]$', '^[^\\u0020-\\u007e]$', '^a[^'] ) expect(positiveClasses(p)).toBe(p);
  });
});

describe('matching', () => {
  it.each(['^[^;\\s]+(;[^;\\s]+)*$', '^\\s*([^\\s\\u0000-\\u001f\\u007f]+)?\\s*$', '^[^"\\\\]{1,8}$', '^[A-Z][^a-z]*$'])('draws only values of the document pattern %s', (pattern) => {
    const re = new RegExp(pattern, 'u');
    const values = fc.sample(matching(pattern), { numRuns: 300, seed: 5 });
    for (const v of values) expect(re.test(v), v).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(50);
  });
});
