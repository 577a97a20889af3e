// Once the run is interrupted nothing goes out but the deletes of what it created; a request that
// creates and is already on the wire is waited for, so what it created is seen (and deleted) before
// cleanup; any other request in flight is answered "interrupted" at once.
import type { HttpResponse } from './client.ts';
import { isIdempotent, type Policy } from './transport.ts';

const interruptedWith = (message: string): HttpResponse => ({ status: 0, headers: {}, text: '', ms: 0, error: { cause: 'interrupted', message: `the run was interrupted; ${message}` } });
/** A request the interruption kept off the wire. */
export const interrupted = () => interruptedWith('not sent');
const abandoned = () => interruptedWith('sent, its answer not waited for');

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
  // One listener for the run, whatever the number of requests in flight.
  const waiting = new Set<() => void>();
  signal?.addEventListener('abort', () => {
    for (const stop of waiting) stop();
  }, { once: true });
  const orInterrupted = (sent: Promise<HttpResponse>): Promise<HttpResponse> => {
    let stop!: () => void;
    const aborted = new Promise<HttpResponse>((done) => {
      stop = () => done(abandoned());
      waiting.add(stop);
    });
    return Promise.race([sent, aborted]).finally(() => waiting.delete(stop));
  };
  return (next) => (req, o) => {
    if (signal?.aborted && !o.cleanup) return Promise.resolve(interrupted());
    const sent = next(req, o);
    if (!signal || o.cleanup || !isIdempotent(req, o)) return inFlight.track(sent);
    return inFlight.track(orInterrupted(sent));
  };
}
