// Stoplight Prism's mock (an independent implementation that validates requests against the
// document and answers 422 to invalid input), started on 127.0.0.1 with a free port.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const PRISM = resolve(import.meta.dirname, '../../node_modules/.bin/prism');

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Starts `prism mock FILE`; rejects with its output if it is not listening within `timeoutMs`. */
export async function startPrism(file: string, timeoutMs = 180_000): Promise<RunningPrism> {
  const port = await freePort();
  const child = spawn(PRISM, ['mock', '--host', '127.0.0.1', '--port', String(port), '--errors', 'false', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((done, fail) => {
    // A Prism that is not listening in time is stopped: no test leaves one running.
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`prism not listening after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`prism exited with ${code}:\n${output}`));
    });
  });
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  child.stderr.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
