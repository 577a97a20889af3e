// Runs the CLI as a user would: a child process, its exit code, output and duration; or, where the
// process boundary is not what a test is about, the CLI's main in this process (no Node start-up and
// module loading per call: about 1.2 s of CPU of a one-requirement run's 2.7 s).
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { format } from 'node:util';
// @ts-expect-error: a plain .mjs module of the launcher, without type declarations
import { distIsCurrent } from '../../bin/build-state.mjs';

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

type Main = typeof import('../../src/cli/main.ts').main;
let loaded: Promise<Main> | undefined;

/**
 * `main` as the launcher loads it: compiled (dist/) when dist/ is current, as `npm test` leaves it,
 * else the TypeScript sources. Compiled, an in-process `run` starts its vitest on the compiled suites
 * (as a user's run does); from the sources its workers would transform the whole engine first.
 */
function loadMain(): Promise<Main> {
  const compiled = new URL('../../dist/src/cli/main.js', import.meta.url).href;
  return (loaded ??= (distIsCurrent() ? (import(compiled) as Promise<{ main: Main }>) : import('../../src/cli/main.ts')).then((m) => m.main));
}

/** `runSuites` as a run's CLI calls it: compiled (dist/) when current, as the launcher runs it, with the root its suites are under. */
export async function suiteRunner(): Promise<{ root: string; runSuites: typeof import('../../src/run/vitest-run.ts').runSuites }> {
  const compiled = distIsCurrent() as boolean;
  const root = new URL(compiled ? '../../dist' : '../..', import.meta.url).pathname.replace(/\/$/, '');
  const module = compiled ? import(new URL('../../dist/src/run/vitest-run.js', import.meta.url).href) : import('../../src/run/vitest-run.ts');
  return { root, runSuites: ((await module) as typeof import('../../src/run/vitest-run.ts')).runSuites };
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * The CLI's `main(args)` in this process, as the launcher calls it (an exception is the launcher's
 * `internal error`, with its stack here): usage errors, help, `--dry-run`, `diff`, `merge`, `replay`,
 * `mock --list-faults`, and `run` (its vitest and spec workers start from here, as from the
 * launcher). A `run` prints its replay lines as `npx sip-conformance` (this process is vitest's).
 * Tests of exit codes as a shell sees them, signals, printed command lines and the launcher use `cli`.
 */
export async function cliInProcess(args: string[]): Promise<Outcome> {
  const main = await loadMain();
  return inProcess(() => main(args));
}

/** Runs a part of the CLI in this process as `cliInProcess` runs `main`: its output captured, this process's signal handlers and exit code put back. */
export async function inProcess(body: () => Promise<number>): Promise<Outcome> {
  captureOutput();
  const started = Date.now();
  const out: Captured = { stdout: '', stderr: '' };
  const listening = new Set(process.stdout.listeners('error'));
  // A run takes SIGINT/SIGTERM over while it lasts and sets the exit code: this process's own are put back.
  const handlers = SIGNALS.map((s) => process.listeners(s));
  const exitCode = process.exitCode;
  let code: number;
  try {
    code = await capture.run(out, body);
  } catch (err) {
    out.stderr += `sip-conformance: internal error: ${err instanceof Error ? err.stack : String(err)}\n`;
    code = 2;
  } finally {
    // main() listens for a closed stdout once per call (once per process as the launcher runs it).
    for (const l of process.stdout.listeners('error')) if (!listening.has(l)) process.stdout.off('error', l as () => void);
    SIGNALS.forEach((s, i) => handlers[i]!.filter((h) => !process.listeners(s).includes(h)).forEach((h) => process.on(s, h)));
    process.exitCode = exitCode;
  }
  return { code, ...out, ms: Date.now() - started };
}
