// Once the run is interrupted nothing goes out but the deletes of what it created; and what is
// already on the wire can be waited for, so a create in flight is seen (and deleted) before cleanup.
import type { Policy } from './transport.ts';

export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];

  async track<T>(p: Promise<T>): Promise<T> {
    this.count++;
    try {
      return await p;
    } finally {
      if (--this.count === 0) for (const done of this.waiters.splice(0)) done();
    }
  }

  /** Resolves once no request is on the wire. */
  settled(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((done) => this.waiters.push(done));
  }
}

export function interruptible(signal: AbortSignal | undefined, inFlight: InFlight): Policy {
  return (next) => (req, o) => {
    if (signal?.aborted && !o.cleanup) {
      return Promise.resolve({ status: 0, headers: {}, text: '', ms: 0, error: { cause: 'interrupted', message: 'the run was interrupted; not sent' } });
    }
    return inFlight.track(next(req, o));
  };
}
