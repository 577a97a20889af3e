// Runs the CLI as a user would: a child process, its exit code, output and duration; or, where the
// process boundary is not what a test is about, the CLI's main in this process (no Node start-up and
// module loading per call: ~1.5 s of CPU each).
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { format } from 'node:util';

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

type Captured = { stdout: string; stderr: string };
const capture = new AsyncLocalStorage<Captured>();
const WRAPPED = Symbol('captured by cliInProcess');

/** Sends what the CLI writes during a capture to it (console and the process streams), the rest on as before. */
function captureOutput(): void {
  const wrap = <T extends object, K extends keyof T>(target: T, key: K, to: keyof Captured, text: (args: unknown[]) => string) => {
    const original = target[key] as ((...args: unknown[]) => unknown) & { [WRAPPED]?: true };
    if (original[WRAPPED]) return;
    const wrapped = Object.assign(
      function (this: unknown, ...args: unknown[]) {
        const into = capture.getStore();
        if (!into) return original.apply(this, args);
        into[to] += text(args);
        const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      },
      { [WRAPPED]: true as const },
    );
    target[key] = wrapped as T[K];
  };
  const line = (args: unknown[]) => `${format(...args)}\n`;
  const chunk = (args: unknown[]) => (typeof args[0] === 'string' ? args[0] : Buffer.from(args[0] as Uint8Array).toString());
  wrap(console, 'log', 'stdout', line);
  wrap(console, 'error', 'stderr', line);
  wrap(process.stdout, 'write', 'stdout', chunk);
  wrap(process.stderr, 'write', 'stderr', chunk);
}

/**
 * The CLI's `main(args)` in this process, as the launcher calls it (an exception is the launcher's
 * `internal error`, with its stack here). Only for commands that end by themselves without starting
 * the suites: usage errors, help, `--dry-run`, `diff`, `merge`, `replay`, `mock --list-faults`.
 * Tests of exit codes as a shell sees them, signals, and `run` itself use `cli`.
 */
export async function cliInProcess(args: string[]): Promise<Outcome> {
  const { main } = await import('../../src/cli/main.ts');
  captureOutput();
  const started = Date.now();
  const out: Captured = { stdout: '', stderr: '' };
  const listening = new Set(process.stdout.listeners('error'));
  let code: number;
  try {
    code = await capture.run(out, () => main(args));
  } catch (err) {
    out.stderr += `sip-conformance: internal error: ${err instanceof Error ? err.stack : String(err)}\n`;
    code = 2;
  } finally {
    // main() listens for a closed stdout once per call (once per process as the launcher runs it).
    for (const l of process.stdout.listeners('error')) if (!listening.has(l)) process.stdout.off('error', l as () => void);
  }
  return { code, ...out, ms: Date.now() - started };
}
