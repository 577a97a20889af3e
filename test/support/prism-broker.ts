// vitest's global setup: one Stoplight Prism process for the whole test run, whichever worker asks.
// Workers ask over loopback HTTP (test/support/prism.ts); the process (test/support/prism-host.cjs)
// starts at the first request only, so a run of files that never use Prism starts none. Loading
// Prism is most of a start's cost (~3.7 s of CPU): one per worker cost that once per worker.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The broker's address: POST /serve or /close with the document's path or the served url as body. */
    prismBroker: string;
  }
}

const HOST = resolve(import.meta.dirname, 'prism-host.cjs');
/** A start or a close on a busy machine: a guard against a hung host, not a speed check. */
const TIMEOUT_MS = 180_000;

interface Answer {
  id?: number;
  url?: string;
  error?: string;
  ready?: boolean;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let host: Promise<ChildProcess> | undefined;
  let nextId = 0;
  const waiting = new Map<number, (a: Answer) => void>();

  const startHost = (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, [HOST], { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let output = '';
    child.stderr!.on('data', (d) => (output += d));
    return new Promise((done, fail) => {
      const timer = setTimeout(() => {
        child.kill('SIGTERM');
        fail(new Error(`prism host not ready after ${TIMEOUT_MS} ms:\n${output}`));
      }, TIMEOUT_MS);
      child.on('message', (a: Answer) => {
        if (a.ready) {
          clearTimeout(timer);
          done(child);
        } else waiting.get(a.id!)?.(a);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        host = undefined;
        for (const answer of waiting.values()) answer({ error: `prism host exited with ${code}:\n${output}` });
        fail(new Error(`prism host exited with ${code}:\n${output}`));
      });
    });
  };

  const ask = async (message: Record<string, string>): Promise<Answer> => {
    host ??= startHost();
    const child = await host;
    const id = nextId++;
    return new Promise((done) => {
      const timer = setTimeout(() => done({ error: `no answer to ${JSON.stringify(message)} after ${TIMEOUT_MS} ms` }), TIMEOUT_MS);
      waiting.set(id, (a) => {
        clearTimeout(timer);
        waiting.delete(id);
        done(a);
      });
      child.send({ id, ...message });
    });
  };

  const broker = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const action = req.url === '/serve' ? 'serve' : req.url === '/close' ? 'close' : undefined;
      const answer = action ? ask({ [action]: body }) : Promise.resolve({ error: `unknown request ${req.url}` });
      answer.then(
        (a) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(a)),
        (err: Error) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message })),
      );
    });
  });
  await new Promise<void>((done) => broker.listen(0, '127.0.0.1', done));
  project.provide('prismBroker', `http://127.0.0.1:${(broker.address() as AddressInfo).port}`);

  return async () => {
    broker.closeAllConnections();
    await new Promise((done) => broker.close(done));
    const child = await host?.catch(() => undefined);
    if (child && child.exitCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    }
  };
}
