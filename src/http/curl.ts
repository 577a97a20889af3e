// A request as a curl command that works when pasted into a POSIX shell. Secrets are never
// printed: each becomes an environment variable, named on a line above the command
// (`# export SIPC_TOKEN=<the bearer token>`), that the user sets before running it.
import type { HttpRequest } from './client.ts';

const single = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

interface Variable {
  name: string;
  what: string;
}

/** The variable a secret becomes, named for where it first appears. */
function variableFor(where: string, text: string, secret: string): Variable {
  if (/^authorization$/i.test(where)) {
    return text.endsWith(`Bearer ${secret}`) ? { name: 'SIPC_TOKEN', what: 'the bearer token' } : { name: 'SIPC_AUTHORIZATION', what: 'the Authorization header value' };
  }
  if (where === 'body') return { name: 'SIPC_SECRET', what: 'the secret in the body' };
  return { name: `SIPC_${where.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`, what: `the ${where} value` };
}

class Secrets {
  readonly used = new Map<string, Variable>();

  constructor(private readonly list: string[]) {}

  /** `text` as one shell word, each secret in it a variable: `"Authorization: Bearer ${SIPC_TOKEN}"`. */
  word(text: string, where: (secret: string) => string): string {
    const found = this.list.filter((s) => s.length >= 4 && text.includes(s));
    if (found.length === 0) return single(text);
    // Longest first, so a secret that contains another is one variable.
    const pattern = new RegExp([...new Set(found)].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    const pieces: { literal?: string; variable?: string }[] = [];
    let at = 0;
    for (const m of text.matchAll(pattern)) {
      if (m.index > at) pieces.push({ literal: text.slice(at, m.index) });
      pieces.push({ variable: this.variable(m[0], where(m[0]), text).name });
      at = m.index + m[0].length;
    }
    if (at < text.length) pieces.push({ literal: text.slice(at) });
    // One double-quoted word when nothing literal is special there; else single-quoted literals beside "${VARIABLE}"s.
    // `$NAME`, or `${NAME}` where a letter follows.
    const ref = (name: string, i: number) => (/^\w/.test(pieces[i + 1]?.literal ?? '') ? `\${${name}}` : `$${name}`);
    if (pieces.every((p) => p.literal === undefined || !/[$`"\\!]/.test(p.literal))) return `"${pieces.map((p, i) => p.literal ?? ref(p.variable!, i)).join('')}"`;
    return pieces.map((p) => (p.literal !== undefined ? single(p.literal) : `"$${p.variable}"`)).join('');
  }

  private variable(secret: string, where: string, text: string): Variable {
    const known = this.used.get(secret);
    if (known) return known;
    const base = variableFor(where, text, secret);
    const taken = new Set([...this.used.values()].map((v) => v.name));
    let name = base.name;
    for (let n = 2; taken.has(name); n++) name = `${base.name}_${n}`;
    const v = { name, what: base.what };
    this.used.set(secret, v);
    return v;
  }
}

/** The query parameter of `url` whose value holds `secret`, for naming its variable. */
function queryName(url: string, secret: string): string {
  try {
    for (const [k, v] of new URL(url).searchParams) if (v.includes(secret)) return k;
  } catch {
    // Not a URL we can read: a generic name.
  }
  return 'secret';
}

export function curlOf(req: HttpRequest, secrets: string[] = []): string {
  const s = new Secrets(secrets);
  const parts = ['curl', '-sS', '-i', '-X', req.method, s.word(req.url, (secret) => queryName(req.url, secret))];
  for (const [k, v] of Object.entries(req.headers)) parts.push('-H', s.word(`${k}: ${v}`, () => k));
  if (req.body !== undefined) parts.push('--data-raw', s.word(req.body, () => 'body'));
  const exports = [...s.used.values()].map((v) => `# export ${v.name}=<${v.what}>`);
  return [...exports, parts.join(' ')].join('\n');
}
