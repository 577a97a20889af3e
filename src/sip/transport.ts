// SIP over UDP, TCP and TLS (RFC 3261 18): listeners that hand each message to a handler with a way
// to answer on the same flow, and a stream framer (Content-Length is mandatory on streams, 18.3).
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { SipSyntaxError } from './grammar.ts';
import { contentLength, headerEnd, MAX_MESSAGE_BYTES, parseMessage, type SipMessage } from './message.ts';

export type SipTransportName = 'udp' | 'tcp' | 'tls';

/** Where a message came from: its transport and the peer's address. */
export interface Flow {
  transport: SipTransportName;
  remote: string;
}

export type MessageHandler = (m: SipMessage, raw: string, flow: Flow, answer: (text: string) => void) => void;
/** A message that could not be read, and why (it is dropped, RFC 3261 18.3). */
export type DropHandler = (raw: string, flow: Flow, reason: string) => void;

/** Splits a byte stream into messages: headers up to CRLF CRLF, then Content-Length bytes of body. */
export class StreamFramer {
  #buffer = Buffer.alloc(0);
  constructor(
    private readonly emit: (raw: string) => void,
    private readonly drop: (raw: string, reason: string) => void,
  ) {}

  push(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      // Keep-alive CRLFs between messages (RFC 5626 3.5.1) are skipped.
      while (this.#buffer.length >= 2 && this.#buffer[0] === 13 && this.#buffer[1] === 10) this.#buffer = this.#buffer.subarray(2);
      const text = this.#buffer.toString('latin1');
      const end = headerEnd(text);
      if (end < 0) {
        if (this.#buffer.length > MAX_MESSAGE_BYTES) this.fatal('header section larger than 64 KiB');
        return;
      }
      let length: number | undefined;
      try {
        length = contentLength(parseHeadersOnly(text.slice(0, end)));
      } catch (err) {
        return this.fatal((err as Error).message);
      }
      if (length === undefined) return this.fatal('no Content-Length on a stream (RFC 3261 18.3)');
      if (end + length > MAX_MESSAGE_BYTES) return this.fatal('message larger than 64 KiB');
      if (this.#buffer.length < end + length) return;
      const raw = this.#buffer.subarray(0, end + length).toString('utf8');
      this.#buffer = this.#buffer.subarray(end + length);
      this.emit(raw);
    }
  }

  private fatal(reason: string): void {
    this.drop(this.#buffer.toString('utf8').slice(0, 2000), reason);
    this.#buffer = Buffer.alloc(0);
  }
}

/** Header rows for framing only (names and values, compact names included). */
function parseHeadersOnly(head: string) {
  return head.split('\r\n').slice(1).filter((l) => l.includes(':') && l[0] !== ' ' && l[0] !== '\t').map((l) => {
    const name = l.slice(0, l.indexOf(':')).trim().toLowerCase();
    return { name: name === 'l' || name === 'content-length' ? 'Content-Length' : name, value: l.slice(l.indexOf(':') + 1).trim() };
  });
}

/** Reads one raw message and hands it on, or reports why it was dropped. */
function deliver(raw: string, flow: Flow, answer: (text: string) => void, onMessage: MessageHandler, onDrop: DropHandler): void {
  let m: SipMessage;
  try {
    m = parseMessage(raw);
  } catch (err) {
    if (err instanceof SipSyntaxError) return onDrop(raw, flow, err.message);
    throw err;
  }
  onMessage(m, raw, flow, answer);
}

export interface Listener {
  transport: SipTransportName;
  port: number;
  close(): Promise<void>;
}

export async function listenUdp(host: string, port: number, onMessage: MessageHandler, onDrop: DropHandler): Promise<Listener> {
  const socket: UdpSocket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  socket.on('message', (buf, rinfo) => {
    const flow: Flow = { transport: 'udp', remote: `${rinfo.address}:${rinfo.port}` };
    deliver(buf.toString('utf8'), flow, (text) => socket.send(text, rinfo.port, rinfo.address), onMessage, onDrop);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve());
  });
  socket.on('error', () => {});
  return { transport: 'udp', port: socket.address().port, close: () => new Promise((r) => socket.close(() => r())) };
}

/** TCP, or TLS when `tls` gives a certificate and key. */
export async function listenStream(host: string, port: number, onMessage: MessageHandler, onDrop: DropHandler, tls?: { cert: string; key: string }): Promise<Listener> {
  const transport: SipTransportName = tls ? 'tls' : 'tcp';
  const sockets = new Set<Socket>();
  const onSocket = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setTimeout(120_000, () => socket.destroy());
    const flow: Flow = { transport, remote: `${socket.remoteAddress}:${socket.remotePort}` };
    const framer = new StreamFramer(
      (raw) => deliver(raw, flow, (text) => socket.writable && socket.write(text), onMessage, onDrop),
      (raw, reason) => {
        onDrop(raw, flow, reason);
        socket.destroy();
      },
    );
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
  };
  const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, onSocket) : createTcpServer(onSocket);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as { port: number }).port;
  return {
    transport,
    port: actual,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
