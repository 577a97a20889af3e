// Runs the CLI as a user would: a child process, its exit code, output and duration.
import { spawn } from 'node:child_process';

export const BIN = new URL('../../bin/sip-conformance', import.meta.url).pathname;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A guard against a hung child, far above any run's own bounds on a busy machine (and under vitest's testTimeout). */
export const CHILD_KILL_MS = 300_000;

export function cli(args: string[], timeoutMs = CHILD_KILL_MS, cwd = process.cwd()): Promise<Outcome> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

