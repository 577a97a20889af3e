// The suite's user agent (RFC 3261 10.2): one REGISTER transaction at a time over UDP (with the
// retransmissions of 17.1.2.2), TCP or TLS, answering one digest challenge (RFC 3261 22.2).
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { credentials } from './digest.ts';
import { redactSip, type SipExchange } from './exchange.ts';
import { parseAuth, viasOf } from './headers.ts';
import { headers, parseMessage, type SipMessage, type SipResponse, serialize } from './message.ts';
import { type SipTransportName, StreamFramer } from './transport.ts';
import { formatUri } from './uri.ts';

export interface RegisterOptions {
  server: { host: string; port: number; transport: SipTransportName };
  /** The address of record's user and domain (To and From). */
  user: string;
  domain: string;
  /** Digest username; defaults to `user`. */
  authUser?: string;
  password: string;
  expires: number;
  /** Sends Expires in a Contact parameter instead of the Expires header. */
  expiresInContact?: boolean;
  timeoutMs: number;
  /** Accept any TLS certificate (a test registrar's self-signed one). */
  insecureTls?: boolean;
  /** Reuse across refreshes (RFC 3261 10.2.4: same Call-ID, rising CSeq). */
  callId?: string;
  cseq?: number;
  userAgent?: string;
  /** Ends the transaction at once, without a final answer (a stopped device or platform waits for nothing). */
  signal?: AbortSignal;
}

export interface RegisterResult {
  /** The final answer, or undefined (no answer within the time limit, or the connection failed). */
  final?: SipResponse;
  error?: string;
  exchange: SipExchange;
  callId: string;
  cseq: number;
}

const T1 = 500;
const T2 = 4000;

/** A connection that sends a request and yields every response to it. */
interface Channel {
  local: string;
  send(text: string): void;
  close(): void;
}

async function open(o: RegisterOptions, onResponse: (m: SipResponse, raw: string) => void, onFail: (why: string) => void): Promise<Channel> {
  const { host, port, transport } = o.server;
  const take = (raw: string) => {
    try {
      const m = parseMessage(raw);
      if (m.kind === 'response') onResponse(m, raw);
    } catch {
      // An unreadable answer is dropped, as RFC 3261 18.3 says; the time limit ends the wait.
    }
  };
  if (transport === 'udp') {
    const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    socket.on('message', (buf) => take(buf.toString('utf8')));
    // ICMP port unreachable (ECONNREFUSED on a connected socket) is not final: retransmissions go on (RFC 3261 17.1.2.2).
    socket.on('error', (err: NodeJS.ErrnoException) => err.code !== 'ECONNREFUSED' && onFail(err.message));
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(port, host, () => resolve());
    });
    const a = socket.address();
    return { local: `${a.address}:${a.port}`, send: (t) => socket.send(t), close: () => socket.close() };
  }
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = transport === 'tls' ? tlsConnect({ host, port, rejectUnauthorized: !o.insecureTls, servername: /^[\d.]+$/.test(host) ? undefined : host }, () => resolve(s)) : tcpConnect({ host, port }, () => resolve(s));
    s.once('error', reject);
  });
  const framer = new StreamFramer(take, (_raw, reason) => onFail(reason));
  socket.on('data', (chunk: Buffer) => framer.push(chunk));
  socket.on('error', (err) => onFail(err.message));
  return { local: `${socket.localAddress}:${socket.localPort}`, send: (t) => socket.write(t), close: () => socket.destroy() };
}

/** One REGISTER, and once more with credentials when challenged. */
export async function register(o: RegisterOptions): Promise<RegisterResult> {
  const callId = o.callId ?? `${randomBytes(8).toString('hex')}@sip-conformance`;
  let cseq = o.cseq ?? 1;
  const messages: string[] = [];
  const at = Date.now();
  const tag = randomBytes(4).toString('hex');
  let pending: { branch: string; resolve: (m: SipResponse | string) => void } | undefined;
  const channel = await open(
    o,
    (m, raw) => {
      messages.push(redactSip(raw));
      const branch = viasOf(m)[0]?.params.get('branch');
      if (pending && branch === pending.branch && m.status >= 200) pending.resolve(m);
    },
    (why) => pending?.resolve(why),
  ).catch((err: Error) => err.message);
  const summary = (s: string) => `REGISTER ${o.user} to ${o.server.host}:${o.server.port} over ${o.server.transport.toUpperCase()}: ${s}`;
  if (typeof channel === 'string') return { error: channel, callId, cseq, exchange: { at, flow: `${o.server.transport} ${o.server.host}:${o.server.port}`, summary: summary(channel), messages } };
  const deadline = Date.now() + o.timeoutMs;
  const transact = (authorization?: string) =>
    new Promise<SipResponse | string>((resolve) => {
      const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
      const text = serialize(request(o, { local: channel.local, branch, callId, cseq, tag }, authorization));
      messages.push(redactSip(text));
      let wait = T1;
      let timer: NodeJS.Timeout;
      const stopped = () => finish('stopped before a final answer');
      const finish = (r: SipResponse | string) => {
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', stopped);
        pending = undefined;
        resolve(r);
      };
      pending = { branch, resolve: finish };
      if (o.signal?.aborted) return stopped();
      o.signal?.addEventListener('abort', stopped, { once: true });
      const tick = () => {
        if (Date.now() >= deadline) return finish(`no final answer within ${o.timeoutMs} ms`);
        if (o.server.transport === 'udp') channel.send(text);
        timer = setTimeout(tick, Math.min(wait, Math.max(0, deadline - Date.now())));
        wait = Math.min(wait * 2, T2);
      };
      if (o.server.transport !== 'udp') channel.send(text);
      tick();
    });
  try {
    let answer = await transact();
    if (typeof answer !== 'string' && (answer.status === 401 || answer.status === 407)) {
      const name = answer.status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate';
      const challenge = headers(answer, name).map((v) => parseAuth(v, name)).find((c) => c.scheme.toLowerCase() === 'digest' && /^(MD5|SHA-256)$/i.test(c.params.get('algorithm') ?? 'MD5'));
      if (challenge) {
        cseq++;
        const uri = formatUri({ host: o.domain });
        answer = await transact(credentials(challenge, { username: o.authUser ?? o.user, password: o.password, method: 'REGISTER', uri }));
      }
    }
    const final = typeof answer === 'string' ? undefined : answer;
    const error = typeof answer === 'string' ? answer : undefined;
    return { final, error, callId, cseq: cseq + 1, exchange: { at, flow: `${o.server.transport} ${o.server.host}:${o.server.port}`, summary: summary(error ?? `${final!.status} ${final!.reason}`), messages } };
  } finally {
    channel.close();
  }
}

function request(o: RegisterOptions, t: { local: string; branch: string; callId: string; cseq: number; tag: string }, authorization?: string): SipMessage {
  const { local, branch, callId, cseq } = t;
  const aor = `<${formatUri({ user: o.user, host: o.domain })}>`;
  const transport = o.server.transport.toUpperCase();
  const contactParams: Record<string, string> = o.server.transport === 'udp' ? {} : { transport: o.server.transport };
  const contact = `<${formatUri({ user: o.user, host: local.replace(/:\d+$/, ''), port: Number(local.split(':').pop()), params: contactParams })}>`;
  return {
    kind: 'request',
    method: 'REGISTER',
    uri: formatUri({ host: o.domain }),
    headers: [
      { name: 'Via', value: `SIP/2.0/${transport} ${local};branch=${branch};rport` },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: `${aor};tag=${t.tag}` },
      { name: 'To', value: aor },
      { name: 'Call-ID', value: callId },
      { name: 'CSeq', value: `${cseq} REGISTER` },
      { name: 'Contact', value: o.expiresInContact ? `${contact};expires=${o.expires}` : contact },
      ...(o.expiresInContact ? [] : [{ name: 'Expires', value: String(o.expires) }]),
      ...(authorization ? [{ name: 'Authorization', value: authorization }] : []),
      { name: 'User-Agent', value: o.userAgent ?? 'sip-conformance' },
    ],
    body: '',
  };
}
