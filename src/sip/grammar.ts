// The pieces of RFC 3261 section 25's grammar the suite reads: tokens, whitespace (LWS/SWS),
// quoted strings, separators and generic parameters, as a cursor over one header value. Every
// reader either consumes exactly what the rule allows or throws a SipSyntaxError naming the rule.

export class SipSyntaxError extends Error {}

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+/;
/** host = hostname / IPv4address / IPv6reference (read loosely here, checked by `isHost`). */
const HOSTCHARS = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.]+)/;
const HOSTNAME = /^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?\.?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6REF = /^\[[0-9A-Fa-f:.]+\]$/;

export const isToken = (s: string) => TOKEN.exec(s)?.[0] === s;
export const isHost = (s: string) => IPV4.test(s) || IPV6REF.test(s) || HOSTNAME.test(s);

/** A cursor over one (unfolded) header value. */
export class Cursor {
  pos = 0;
  constructor(
    readonly text: string,
    readonly what: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  fail(rule: string): never {
    throw new SipSyntaxError(`${this.what}: expected ${rule} at ${JSON.stringify(this.text.slice(this.pos, this.pos + 20))}`);
  }

  /** SWS: optional linear white space (folding is undone before values are read). */
  sws(): void {
    while (this.pos < this.text.length && (this.text[this.pos] === ' ' || this.text[this.pos] === '\t')) this.pos++;
  }

  /** LWS: at least one white space character. */
  lws(): void {
    const start = this.pos;
    this.sws();
    if (this.pos === start) this.fail('white space');
  }

  peek(ch: string): boolean {
    return this.text[this.pos] === ch;
  }

  /** A separator with SWS on both sides (SEMI, EQUAL, COMMA, SLASH, COLON). */
  sep(ch: string): boolean {
    const save = this.pos;
    this.sws();
    if (this.text[this.pos] !== ch) {
      this.pos = save;
      return false;
    }
    this.pos++;
    this.sws();
    return true;
  }

  expectSep(ch: string): void {
    if (!this.sep(ch)) this.fail(`"${ch}"`);
  }

  match(re: RegExp, rule: string): string {
    const m = re.exec(this.text.slice(this.pos));
    if (!m) this.fail(rule);
    this.pos += m[0].length;
    return m[0];
  }

  token(): string {
    return this.match(TOKEN, 'token');
  }

  host(): string {
    const h = this.match(HOSTCHARS, 'host');
    if (!isHost(h)) this.fail('host');
    return h;
  }

  /** port = 1*DIGIT (0..65535). */
  port(): number {
    const n = Number(this.match(/^\d{1,5}/, 'port'));
    if (n > 65535) this.fail('port');
    return n;
  }

  /** quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE; the value unescaped. */
  quoted(): string {
    this.sws();
    if (!this.peek('"')) this.fail('quoted-string');
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('closing quote');
      this.pos++;
      if (ch === '"') return out;
      if (ch === '\\') {
        const next = this.text[this.pos];
        if (next === undefined || next === '\r' || next === '\n') this.fail('quoted-pair');
        out += next;
        this.pos++;
      } else if (ch === '\r' || ch === '\n' || (ch < ' ' && ch !== '\t') || ch === '\x7f') this.fail('qdtext');
      else out += ch;
    }
  }

  /** gen-value = token / host / quoted-string */
  genValue(): string {
    this.sws();
    return this.peek('"') ? this.quoted() : this.match(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9\-.!%*_+`'~]+)/, 'token, host or quoted-string');
  }

  /** *( SEMI generic-param ), names lower-cased; a parameter without a value maps to ''. */
  params(): Map<string, string> {
    const out = new Map<string, string>();
    while (this.sep(';')) {
      const name = this.token().toLowerCase();
      out.set(name, this.sep('=') ? this.genValue() : '');
    }
    return out;
  }

  /** The rest must be empty (trailing white space allowed). */
  end(): void {
    this.sws();
    if (!this.done) this.fail('end of value');
  }
}

/** Splits a header row at top-level commas (not inside quotes or angle brackets). */
export function splitList(value: string, what: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (quoted || depth !== 0) throw new SipSyntaxError(`${what}: unbalanced ${quoted ? 'quotes' : 'angle brackets'}`);
  parts.push(value.slice(start).trim());
  if (parts.some((p) => p === '')) throw new SipSyntaxError(`${what}: empty list element`);
  return parts;
}
