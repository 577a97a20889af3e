// What the SIP interop tests share: whether an independent tool is installed (without it they skip
// saying so; under CI, whose .ci/run installs it, that is a failure) and free loopback ports.
import { type ChildProcess, execFile } from 'node:child_process';
import { connect } from 'node:net';
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
export { freePort } from '../support/ports.ts';

/** Resolves once `port` on 127.0.0.1 accepts TCP, or rejects when `child` exits first or `ms` pass (a hang guard). */
export function listening(child: ChildProcess, port: number, log: () => string, ms: number, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + ms;
    const exited = () => reject(new Error(`${name} exited before it listened:\n${log()}`));
    child.once('exit', exited);
    const probe = () => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        child.off('exit', exited);
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > end) return reject(new Error(`${name} did not listen on 127.0.0.1:${port} within ${ms} ms:\n${log()}`));
        setTimeout(probe, 25);
      });
    };
    probe();
  });
}
