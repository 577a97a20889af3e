// What the SIP interop tests share: whether an independent tool is installed (without it they skip
// saying so; under CI, whose .ci/run installs it, that is a failure) and free loopback ports.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The tool's `args` output when it runs, undefined when it is not installed (or skips the tests with a warning). */
export async function tool(command: string, args: string[], install: string, tests: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  const out = await run(command, args, { env }).then(
    (r) => `${r.stdout}${r.stderr}`,
    (err: NodeJS.ErrnoException & { stdout?: string; stderr?: string }) => (err.code === 'ENOENT' ? undefined : `${err.stdout ?? ''}${err.stderr ?? ''}`),
  );
  if (out === undefined) missing(`${command} is not installed (${install})`, tests);
  return out;
}

/** A requirement of some interop tests that this machine lacks: a failure under CI, a warning and a skip elsewhere. */
export function missing(what: string, tests: string): void {
  if (process.env.CI) throw new Error(`${what}: ${tests} cannot run, and under CI that is a failure`);
  console.warn(`${what}; ${tests} are skipped`);
}

/** A free loopback port (TCP; a UDP socket on the same number is tried by the caller's retry). */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
