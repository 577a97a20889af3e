// One process of Stoplight Prism serving any number of documents, each on its own port: Prism's own
// `prism mock FILE` path (createSingleProcessPrism, the CLI's defaults), without loading Prism anew
// for each document (~3.7 s of CPU a start). Driven over the IPC channel by vitest's global setup
// (test/support/prism-broker.ts); ends when that channel closes (the test run is over).
'use strict';
const { createServer } = require('node:net');
const { createSingleProcessPrism } = require('@stoplight/prism-cli/dist/util/createServer');

/** As `prism mock --host 127.0.0.1 --port N --errors false FILE` sets them (prism-cli's defaults otherwise); logs off. */
const options = (document, port) => ({
  cors: true,
  dynamic: false,
  port,
  host: '127.0.0.1',
  document,
  multiprocess: false,
  errors: false,
  verboseLevel: 'silent',
  ignoreExamples: false,
  seed: null,
  jsonSchemaFakerFillProperties: undefined,
});

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

const servers = new Map();

async function serve(document) {
  const port = await freePort();
  const server = await createSingleProcessPrism(options(document, port));
  const url = `http://127.0.0.1:${port}`;
  servers.set(url, server);
  return { url };
}

async function close(url) {
  const server = servers.get(url);
  servers.delete(url);
  // Kept-alive connections may hold close() open: the port is released either way.
  if (server) await Promise.race([server.close().catch(() => undefined), new Promise((done) => setTimeout(done, 2000))]);
  return { closed: url };
}

process.on('message', (m) => {
  const work = m.serve !== undefined ? serve(m.serve) : close(m.close);
  work.then(
    (answer) => process.send({ id: m.id, ...answer }),
    (err) => process.send({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
