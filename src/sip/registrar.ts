// The suite's registrar (RFC 3261 10.3): REGISTER over UDP, TCP and TLS, answered with a digest
// challenge (MD5, SHA-256 or both, in RFC 8760 2.4's order of preference), then 200 with the bindings, or the refusal an
// account is configured with; every exchange is recorded, and tests wait for the ones they expect.
import { randomBytes } from 'node:crypto';
import { type DigestAlgorithm, ALGORITHMS, algorithmOf, challengeValue, newNonce, verifyCredentials } from './digest.ts';
import { type SipExchange, flowText, redactSip } from './exchange.ts';
import { SipSyntaxError, splitList } from './grammar.ts';
import { type AuthParams, callIdOf, contactsOf, cseqOf, expiresOf, fromOf, parseAuth, toOf, viasOf } from './headers.ts';
import { header, headers, type SipHeader, type SipMessage, type SipRequest, serialize } from './message.ts';
import { ServerTransactions, transactionKey } from './transactions.ts';
import { type Flow, type Listener, listenStream, listenUdp } from './transport.ts';

export interface Account {
  password: string;
  /** The address-of-record user this digest user may register (RingCentral: authorizationId for username); default the digest user. */
  aor?: string;
  /** Answer authenticated REGISTERs with this status instead of 200 (e.g. 403). */
  refuse?: { status: number; reason: string };
  /** Grant at most this many seconds (RFC 3261 10.3 step 7: "The registrar MAY choose an expiration less than the requested expiration interval"). */
  maxExpires?: number;
}

/** One REGISTER as the registrar saw and answered it. */
export interface Registration extends SipExchange {
  transport: Flow['transport'];
  /** The To user (the address of record's user). */
  user?: string;
  fromUser?: string;
  /** Expires the request asked for (Contact expires, else the Expires header). */
  expires?: number;
  /** Digest credentials it carried, and whether they verified with the account's password. */
  auth?: { username: string; realm: string; algorithm: string; verified: boolean };
  /** The credentials as sent (never reported: `wireOf` keeps only the redacted messages). */
  credentials?: AuthParams;
  status: number;
  /** Epoch ms the answer was sent. */
  answeredAt: number;
  /** Copies of this request that arrived later (UDP retransmissions), each answered again with the same response. */
  retransmissions: number;
}

/** What is known of a REGISTER before it is answered. */
type Heard = Omit<Registration, 'status' | 'answeredAt' | 'messages' | 'summary' | 'retransmissions'>;

export interface ListenOptions {
  host: string;
  port: number;
  /** TLS listener (its own port) with a PEM certificate and key. */
  tls?: { port: number; cert: string; key: string };
}

const MAX_KEPT = 2000;
const NONCE_TTL_MS = 10 * 60_000;

export class Registrar {
  readonly accounts = new Map<string, Account>();
  readonly registrations: Registration[] = [];
  /** Messages that could not be read, and why. */
  readonly dropped: { flow: string; reason: string }[] = [];
  #listeners: Listener[] = [];
  #nonces = new Map<string, number>();
  #waiters = new Set<() => void>();
  #transactions = new ServerTransactions<Registration>();
  readonly #tag = randomBytes(4).toString('hex');

  constructor(
    readonly realm: string,
    readonly algorithms: readonly DigestAlgorithm[] = ALGORITHMS,
  ) {}

  /** Binds UDP and TCP on one port (0: a free one) and TLS when configured; the ports bound. */
  async listen(o: ListenOptions): Promise<{ port: number; tlsPort?: number }> {
    const handle = this.#handle.bind(this);
    const drop = (_raw: string, flow: Flow, reason: string) => this.#keep(this.dropped, { flow: flowText(flow), reason });
    for (let attempt = 0; ; attempt++) {
      const udp = await listenUdp(o.host, o.port, handle, drop);
      try {
        this.#listeners.push(udp, await listenStream(o.host, udp.port, handle, drop));
        break;
      } catch (err) {
        await udp.close();
        // A free UDP port whose TCP twin is taken: try another, only when any port would do.
        if (o.port !== 0 || attempt >= 5) throw err;
      }
    }
    if (o.tls) this.#listeners.push(await listenStream(o.host, o.tls.port, handle, drop, o.tls));
    return { port: this.#listeners[0]!.port, tlsPort: this.#listeners[2]?.port };
  }

  /** Stops one transport's listener (a registrar that does not take it). */
  async closeTransport(transport: 'udp' | 'tcp' | 'tls'): Promise<void> {
    const l = this.#listeners.filter((x) => x.transport === transport);
    this.#listeners = this.#listeners.filter((x) => x.transport !== transport);
    await Promise.all(l.map((x) => x.close()));
  }

  async close(): Promise<void> {
    await Promise.all(this.#listeners.map((l) => l.close()));
    this.#listeners = [];
  }

  /** The first recorded registration (from `since`, epoch ms) that satisfies `test`, waiting at most `timeoutMs`. */
  async waitFor(test: (r: Registration) => boolean, timeoutMs: number, since = 0): Promise<Registration | undefined> {
    const find = () => this.registrations.find((r) => r.at >= since && test(r));
    const found = find();
    if (found || timeoutMs <= 0) return found;
    return new Promise((resolve) => {
      const check = () => {
        const r = find();
        if (r) done(r);
      };
      const done = (r: Registration | undefined) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(r);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.#waiters.add(check);
    });
  }

  /**
   * Whether a request naming one of the accounts (digest users or their AoR users: users the run gave out) arrived over `transport`: proof
   * that its sender's SIP reaches this registrar that way. The raw request is searched, so a REGISTER
   * the registrar could not read (400) counts too.
   */
  heardFromAccounts(transport: Flow['transport']): boolean {
    const users = [...this.accounts].flatMap(([user, account]) => (account.aor ? [user, account.aor] : [user]));
    return this.registrations.some((r) => r.transport === transport && users.some((u) => r.messages[0]!.includes(u)));
  }

  #keep<T>(list: T[], item: T): void {
    list.push(item);
    if (list.length > MAX_KEPT) list.splice(0, list.length - MAX_KEPT);
  }

  #handle(m: SipMessage, raw: string, flow: Flow, answer: (text: string) => void): void {
    if (m.kind === 'response' || m.method === 'ACK') return;
    const reply = (status: number, reason: string, extra: SipHeader[] = []) => {
      const text = serialize(responseTo(m, status, reason, this.#tag, extra));
      answer(text);
      return text;
    };
    if (m.method !== 'REGISTER') {
      if (m.method === 'OPTIONS') reply(200, 'OK', [{ name: 'Allow', value: 'REGISTER, OPTIONS' }]);
      else reply(405, 'Method Not Allowed', [{ name: 'Allow', value: 'REGISTER, OPTIONS' }]);
      return;
    }
    // Timer J is zero on reliable transports (RFC 3261 17.2.2): only UDP transactions absorb copies.
    const key = flow.transport === 'udp' ? transactionKey(m) : undefined;
    const earlier = this.#transactions.find(key);
    if (earlier) {
      answer(earlier.response);
      earlier.value.retransmissions++;
      return;
    }
    const at = Date.now();
    let record: Heard;
    let answerText: string;
    let status: number;
    try {
      const to = toOf(m);
      const from = fromOf(m);
      viasOf(m);
      callIdOf(m);
      if (cseqOf(m).method !== 'REGISTER') throw new SipSyntaxError('CSeq method is not REGISTER');
      const contacts = contactsOf(m);
      const expires = contacts !== undefined && contacts !== '*' && contacts[0]?.params.has('expires') ? Number(contacts[0].params.get('expires')) : expiresOf(m);
      record = { at, flow: flowText(flow), transport: flow.transport, user: to.uri.user, fromUser: from.uri.user, expires };
      ({ status, text: answerText } = this.#answer(m, record, reply, contacts === undefined || contacts === '*' ? [] : headers(m, 'Contact'), expires));
    } catch (err) {
      if (!(err instanceof SipSyntaxError)) throw err;
      record = { at, flow: flowText(flow), transport: flow.transport };
      status = 400;
      answerText = reply(400, `Bad Request (${err.message.replace(/[\r\n]/g, ' ').slice(0, 80)})`);
    }
    const summary = `REGISTER ${record.user ?? '?'}${record.fromUser !== record.user ? ` (From ${record.fromUser ?? '?'}: third-party)` : ''} over ${flow.transport.toUpperCase()}${record.expires === undefined ? '' : `, Expires ${record.expires}`}${record.auth ? `, digest ${record.auth.algorithm} ${record.auth.verified ? 'verified' : 'NOT verified'}` : ''} -> ${status}`;
    const registration: Registration = { ...record, status, answeredAt: Date.now(), summary, messages: [redactSip(raw), redactSip(answerText)], retransmissions: 0 };
    this.#transactions.answered(key, answerText, registration);
    this.#keep(this.registrations, registration);
    for (const w of [...this.#waiters]) w();
  }

  #challenge(reply: (status: number, reason: string, extra?: SipHeader[]) => string, stale = false): { status: number; text: string } {
    const nonce = newNonce();
    this.#nonces.set(nonce, Date.now());
    if (this.#nonces.size > MAX_KEPT) this.#nonces.delete(this.#nonces.keys().next().value!);
    const opaque = randomBytes(4).toString('hex');
    const value = (a: DigestAlgorithm) => `${challengeValue(this.realm, nonce, a, opaque)}${stale ? ', stale=TRUE' : ''}`;
    return { status: 401, text: reply(401, 'Unauthorized', this.algorithms.map((a) => ({ name: 'WWW-Authenticate', value: value(a) }))) };
  }

  #answer(m: SipRequest, record: Heard, reply: (status: number, reason: string, extra?: SipHeader[]) => string, contacts: string[], expires: number | undefined) {
    const authorization = header(m, 'Authorization');
    if (authorization === undefined) return this.#challenge(reply);
    const creds = parseAuth(authorization, 'Authorization');
    if (creds.scheme.toLowerCase() !== 'digest') return this.#challenge(reply);
    const username = creds.params.get('username') ?? '';
    const account = this.accounts.get(username);
    const issued = this.#nonces.get(creds.params.get('nonce') ?? '');
    const algorithm = algorithmOf(creds);
    const verified =
      account !== undefined && algorithm !== undefined && this.algorithms.includes(algorithm) && creds.params.get('realm') === this.realm && verifyCredentials(creds, { password: account.password, method: 'REGISTER' });
    record.credentials = creds;
    record.auth = { username, realm: creds.params.get('realm') ?? '', algorithm: creds.params.get('algorithm') ?? 'MD5', verified };
    if (!verified) return this.#challenge(reply);
    if (issued === undefined || Date.now() - issued > NONCE_TTL_MS) return this.#challenge(reply, true);
    // RFC 3261 10.3 step 6: the authenticated user must own the address of record.
    if (record.user !== (account!.aor ?? username)) return { status: 403, text: reply(403, 'Forbidden (digest user does not own this address of record)') };
    if (account!.refuse) return { status: account!.refuse.status, text: reply(account!.refuse.status, account!.refuse.reason) };
    const granted = Math.min(expires ?? 3600, account!.maxExpires ?? Infinity);
    const bound = contacts.flatMap((row) => splitList(row, 'Contact')).map((c) => ({ name: 'Contact', value: `${c.replace(/;\s*expires\s*=\s*\d+/gi, '')};expires=${granted}` }));
    return { status: 200, text: reply(200, 'OK', [...bound, { name: 'Expires', value: String(granted) }, { name: 'Date', value: new Date().toUTCString() }]) };
  }
}

/** Whether a registration's digest response was computed with this password. */
export const usesPassword = (r: Registration, password: string) => r.credentials !== undefined && verifyCredentials(r.credentials, { password, method: 'REGISTER' });

/** What a report keeps of registrations: the exchanges, redacted. */
export const wireOf = (rs: Registration[]): SipExchange[] => rs.map(({ at, flow, summary, messages }) => ({ at, flow, summary, messages }));

/** A response to a request: Via, From, Call-ID and CSeq copied, To with the registrar's tag (RFC 3261 8.2.6.2). */
export function responseTo(m: SipRequest, status: number, reason: string, tag: string, extra: SipHeader[] = []): SipMessage {
  const copy = (name: string) => m.headers.filter((h) => h.name === name);
  const to = header(m, 'To');
  const toValue = to === undefined ? [] : [{ name: 'To', value: /;\s*tag=/i.test(to) ? to : `${to};tag=${tag}` }];
  return { kind: 'response', status, reason, headers: [...copy('Via'), ...copy('From'), ...toValue, ...copy('Call-ID'), ...copy('CSeq'), { name: 'Server', value: 'sip-conformance' }, ...extra], body: '' };
}

