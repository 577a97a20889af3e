// Servers that misbehave on purpose, on loopback, for the runner's robustness tests.
import { createServer as createHttp, type Server as HttpServer } from 'node:http';
import { createServer as createTcp, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Hostile {
  url: string;
  /** Requests seen (for the redirect target: proof nobody followed). */
  hits(): number;
  close(): Promise<void>;
}

type Server = HttpServer | TcpServer;

async function listen(server: Server, sockets: Set<Socket>, counter: { n: number }): Promise<Hostile> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => counter.n,
    close: () =>
      new Promise((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

function http(handler: (res: import('node:http').ServerResponse) => void): Promise<Hostile> {
  const counter = { n: 0 };
  const server = createHttp((req, res) => {
    counter.n++;
    req.resume();
    req.on('end', () => handler(res));
  });
  return listen(server, new Set(), counter);
}

function tcp(onData: (socket: Socket) => void): Promise<Hostile> {
  const counter = { n: 0 };
  const server = createTcp((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => {
      counter.n++;
      onData(socket);
    });
  });
  return listen(server, new Set(), counter);
}

export const hostileServers = {
  hang: () => http(() => {}),
  reset: () => tcp((s) => s.resetAndDestroy()),
  garbage: () => tcp((s) => s.end('HTTP/9.9 \u0000\u0001 garbage\r\n\r\n\u00ff\u00fe')),
  'non-json': () => http((res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>')),
  'huge-body': () =>
    http((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', pump);
        }
        res.end();
      };
      pump();
    }),
  'slow-drip': () =>
    http((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 40);
      res.on('close', () => clearInterval(timer));
    }),
  '5xx-storm': () => http((res) => res.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"errorCode":"CMN-211","message":"down"}]}')),
  '429-storm': () => http((res) => res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"errors":[{"errorCode":"CMN-301","message":"slow down"}]}')),
  redirect: async () => {
    const elsewhere = await http((res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
    const redirector = await http((res) => res.writeHead(302, { location: `${elsewhere.url}/stolen` }).end());
    return { ...redirector, hits: () => elsewhere.hits(), close: async () => (await redirector.close(), await elsewhere.close()) };
  },
};
