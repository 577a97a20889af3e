// How a spec run inside a vitest worker learns that the run was interrupted: a SIGINT/SIGTERM of its
// own (Ctrl-C reaches the whole process group), or the file the CLI's main process writes when it is
// signalled (vitest's own cancel message is lost while a worker is still loading). Interrupted, the
// run sends nothing but cleanup, and its teardown deletes what it created before the worker ends.
import { existsSync } from 'node:fs';

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
