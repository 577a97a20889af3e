// How a spec run inside a vitest worker learns that the run was interrupted: a SIGINT/SIGTERM of its
// own (Ctrl-C reaches the whole process group), or the file the CLI's main process writes when it is
// signalled (vitest's own cancel message is lost while a worker is still loading). Interrupted, the
// run sends nothing but cleanup, and its teardown deletes what it created before the worker ends.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TransportSummary } from '../results/report.ts';

const POLL_MS = 200;

class Interruption {
  private readonly controller = new AbortController();
  readonly signal = this.controller.signal;
  private holders = 0;
  private timer?: NodeJS.Timeout;
  private file?: string;

  private readonly onSignal = (signal: NodeJS.Signals) => {
    // A second signal (or vitest stopping a worker it gave up on) ends the worker at once.
    if (this.signal.aborted) return this.reraise(signal);
    this.controller.abort(signal);
  };

  /**
   * Holds the worker's signals while a spec run is open (its teardown must delete what it created),
   * watching `file`; returns the release. Outside a run the worker's signals keep their default.
   */
  hold(file: string | undefined): () => void {
    this.file ??= file;
    if (this.holders++ === 0) {
      process.on('SIGINT', this.onSignal);
      process.on('SIGTERM', this.onSignal);
      this.timer = setInterval(() => this.poll(), POLL_MS);
      this.timer.unref();
    }
    this.poll();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.holders > 0) return;
      process.off('SIGINT', this.onSignal);
      process.off('SIGTERM', this.onSignal);
      clearInterval(this.timer);
    };
  }

  /** Whether the run was interrupted, the CLI's file looked at now: vitest's cancel can reach a worker before its next poll. */
  get interrupted(): boolean {
    this.poll();
    return this.signal.aborted;
  }

  private poll(): void {
    if (!this.signal.aborted && this.file && existsSync(this.file)) this.controller.abort('interrupted');
  }

  private reraise(signal: NodeJS.Signals): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    process.kill(process.pid, signal);
  }
}

/** This worker's interruption: signals are the process's, so there is one. */
export const interruption = new Interruption();

/** What a spec run (or part) had sent when it was interrupted, left for the CLI beside its interrupt file. */
export interface LeftTransport {
  spec: string;
  part?: number;
  target: string;
  transport: TransportSummary;
}

const LEFT_SUFFIX = '.transport.json';

/**
 * Leaves an interrupted spec run's transport summary for the CLI: vitest drops the tests in flight when
 * a run is cancelled, and with them the summary in their meta, so the partial report counted only the
 * requests of requirements that had finished (0 when none had), not what the run sent.
 */
export function leaveTransport(interruptFile: string, left: LeftTransport): void {
  writeFileSync(`${interruptFile}.${encodeURIComponent(left.spec)}.${left.part ?? 1}${LEFT_SUFFIX}`, JSON.stringify(left));
}

/** The summaries the workers left beside `interruptFile`, removed as they are read. */
export function takeLeftTransports(interruptFile: string): LeftTransport[] {
  const prefix = `${basename(interruptFile)}.`;
  const names = readdirSync(dirname(interruptFile)).filter((n) => n.startsWith(prefix) && n.endsWith(LEFT_SUFFIX));
  return names.flatMap((name) => {
    const file = join(dirname(interruptFile), name);
    try {
      return [JSON.parse(readFileSync(file, 'utf8')) as LeftTransport];
    } catch {
      return []; // a worker stopped while writing: the count from the results it sent stands
    } finally {
      rmSync(file, { force: true });
    }
  });
}
