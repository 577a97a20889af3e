// A loopback TCP proxy that behaves like a server closing idle keep-alive connections quickly
// (an embedded device): a request arriving on a connection idle for longer than `idleMs` is never
// seen upstream, and the connection is reset, as a closed socket's kernel would.
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface IdleResetProxy {
  url: string;
  /** Requests dropped on connections that had been idle. */
  dropped(): number;
  close(): Promise<void>;
}

export async function idleResetProxy(upstream: string, idleMs: number): Promise<IdleResetProxy> {
  const { hostname, port } = new URL(upstream);
  const sockets = new Set<Socket>();
  let dropped = 0;
  const server = createServer((client) => {
    const server = connect({ host: hostname, port: Number(port) });
    let answered = false;
    let last = Date.now();
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.on('data', (chunk) => {
      if (answered && Date.now() - last > idleMs) {
        dropped++;
        server.destroy();
        client.resetAndDestroy();
        return;
      }
      last = Date.now();
      server.write(chunk);
    });
    server.on('data', (chunk) => {
      answered = true;
      last = Date.now();
      client.write(chunk);
    });
    client.on('end', () => server.end());
    server.on('end', () => client.end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropped: () => dropped,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
