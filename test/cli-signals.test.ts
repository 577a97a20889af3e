// A signal that arrives while a command takes SIGINT/SIGTERM over (a mock that has just printed its
// address, a run starting) reaches the new handler: the handle that received it is never closed.
import { afterEach, expect, it } from 'vitest';
import { takeSignals } from '../src/cli/signals.ts';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
const saved = SIGNALS.map((s) => process.listeners(s));
afterEach(() => {
  SIGNALS.forEach((s, i) => {
    process.removeAllListeners(s);
    for (const l of saved[i]!) process.on(s, l);
  });
});

it.each(SIGNALS)('a %s sent just before the takeover reaches the new handler', async (signal) => {
  const early: string[] = [];
  process.on(signal, () => early.push(signal)); // the launcher's handler, before the command's
  const got: string[] = [];
  process.kill(process.pid, signal); // delivered now, dispatched on the loop's next turn
  takeSignals((s) => got.push(s));
  await new Promise((turn) => setTimeout(turn, 50));
  await expect.poll(() => got, { timeout: 60_000 }).toEqual([signal]);
  expect(early).toEqual([]);
});
