// Strings matching a document's pattern (fast-check's stringMatching), with negated classes drawn directly.
import fc from 'fast-check';
import { bounded, GenerationError } from './bounded.ts';

/** The characters fast-check draws a negated class's from (its default character, `grapheme-ascii`): printable ASCII. */
const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);

const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;

/** Index of the `]` closing the class opened at `start` (JavaScript: a `]` right after `[` or `[^` closes it); -1 if none. */
function classEnd(pattern: string, start: number): number {
  let j = pattern[start + 1] === '^' ? start + 2 : start + 1;
  while (j < pattern.length) {
    if (pattern[j] === '\\') j += 2;
    else if (pattern[j] === ']') return j;
    else j++;
  }
  return -1;
}

/** A negated class as the printable characters it takes, in ranges; undefined when it takes none or is no class alone. */
function asRanges(negated: string): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(`^${negated}$`, 'u');
  } catch {
    return undefined;
  }
  const ranges: Array<[number, number]> = [];
  for (const code of PRINTABLE) {
    if (!re.test(String.fromCharCode(code))) continue;
    const last = ranges.at(-1);
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  return ranges.length ? `[${ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]` : undefined;
}

/**
 * The pattern with every negated class (`[^;\s]`) written as the printable characters it takes. fast-check
 * draws a negated class's characters from printable ASCII and tests each against every member of the
 * class (a tenth of Voximplant's generation and a fifth of its planning); the positive class draws the same
 * characters directly.
 */
export function positiveClasses(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (pattern[i] === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return pattern;
      const cls = pattern.slice(i, end + 1);
      out += (cls.startsWith('[^') && asRanges(cls)) || cls;
      i = end;
    } else out += pattern[i];
  }
  return out;
}

/** Building a stringMatching arbitrary costs far more than drawing from it: one per pattern, with the document's own regex. */
const byPattern = new Map<string, { draws: fc.Arbitrary<string>; regex: RegExp }>();

function drawsFor(pattern: string): { draws: fc.Arbitrary<string>; regex: RegExp } {
  let found = byPattern.get(pattern);
  if (found) return found;
  // fast-check tests a list of strings against each repetition's characters as it builds, each rejected
  // one a thrown error: without their stack traces building costs an eighth (0.3 s of a worker's 9).
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const drawn = new RegExp(positiveClasses(pattern), 'u');
    found = { draws: fc.oneof(fc.stringMatching(drawn, { size: 'xsmall' }), fc.stringMatching(drawn, { size: 'small' })), regex: new RegExp(pattern, 'u') };
  } catch (err) {
    throw new GenerationError(`pattern /${pattern}/ cannot be generated (${(err as Error).message})`);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  byPattern.set(pattern, found);
  return found;
}

/**
 * Strings matching a document's pattern, of `minLength` to `maxLength` characters; a pattern JavaScript
 * or fast-check cannot use is a named skip. Half are drawn at fast-check's `xsmall` size, half at
 * `small`: an open repetition (`[^;\s]+(;[^;\s]+)*`) drawn at `small` alone averaged 43 characters, so
 * a 24-character cap threw 7 draws of 10 away. Every value is tested against the document's own
 * pattern and the lengths in one filter.
 */
export function matching(pattern: string, minLength = 0, maxLength = Number.POSITIVE_INFINITY): fc.Arbitrary<string> {
  const { draws, regex } = drawsFor(pattern);
  return bounded(draws, (v) => v.length >= minLength && v.length <= maxLength && regex.test(v), `string matching /${pattern}/ of length ${minLength}..${maxLength}`);
}
