// Stoplight Prism's mock (an independent implementation that validates requests against the
// document and answers 422 to invalid input), serving a document on 127.0.0.1 with a free port.
// One Prism process per test worker serves every document (test/support/prism-host.cjs): loading
// Prism is most of a start's cost.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const HOST = resolve(import.meta.dirname, 'prism-host.cjs');

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

interface Answer {
  id?: number;
  url?: string;
  error?: string;
  ready?: boolean;
}

let host: Promise<ChildProcess> | undefined;
let nextId = 0;
const waiting = new Map<number, (a: Answer) => void>();

function startHost(timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [HOST], { cwd: resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let output = '';
  child.stderr!.on('data', (d) => (output += d));
  // The host never keeps a worker alive; it leaves when the worker's channel closes.
  child.unref();
  child.channel?.unref();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      fail(new Error(`prism host not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
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
}

async function ask(message: Record<string, string>, timeoutMs: number): Promise<Answer> {
  host ??= startHost(timeoutMs);
  const child = await host;
  const id = nextId++;
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`prism: no answer to ${JSON.stringify(message)} after ${timeoutMs} ms`)), timeoutMs);
    waiting.set(id, (a) => {
      clearTimeout(timer);
      waiting.delete(id);
      if (a.error !== undefined) fail(new Error(`prism: ${a.error}`));
      else done(a);
    });
    child.send({ id, ...message });
  });
}

/** Serves FILE as `prism mock FILE` would; rejects with Prism's error if it cannot within `timeoutMs`. */
export async function startPrism(file: string, timeoutMs = 180_000): Promise<RunningPrism> {
  const { url } = await ask({ serve: file }, timeoutMs);
  return { url: url!, close: async () => void (await ask({ close: url! }, timeoutMs)) };
}
