// Stoplight Prism's mock (an independent implementation that validates requests against the
// document and answers 422 to invalid input), serving a document on 127.0.0.1 with a free port.
// One Prism process for the whole test run serves every document: vitest's global setup
// (test/support/prism-broker.ts) starts it at the first request, whichever worker makes it.
import { inject } from 'vitest';

export interface RunningPrism {
  url: string;
  close(): Promise<void>;
}

async function ask(action: 'serve' | 'close', body: string): Promise<{ url?: string }> {
  const broker = inject('prismBroker');
  if (!broker) throw new Error('prism: no broker (vitest.config.ts runs test/support/prism-broker.ts as its global setup)');
  // The broker bounds a start and a close itself (prism-broker.ts); it answers an error as { error }.
  const answer = (await (await fetch(`${broker}/${action}`, { method: 'POST', body })).json()) as { url?: string; error?: string };
  if (answer.error !== undefined) throw new Error(`prism: ${answer.error}`);
  return answer;
}

/** Serves FILE as `prism mock FILE` would; rejects with Prism's error if it cannot. */
export async function startPrism(file: string): Promise<RunningPrism> {
  const { url } = await ask('serve', file);
  return { url: url!, close: async () => void (await ask('close', url!)) };
}
