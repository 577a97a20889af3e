// A bundled spec's mock as a user starts it (`sip-conformance mock --spec NAME`), in a process of its
// own on 127.0.0.1: its address, the ready config it writes and prints, and its stop by a signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { BIN } from './cli.ts';

export interface StandaloneMock {
  url: string;
  /** The ready config the mock printed. */
  config: string;
  /** The folder it wrote (the config, and Voximplant's credentials). */
  dir: string;
  child: ChildProcess;
  /** Signals the mock and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startStandaloneMock(spec: string, args: string[] = []): Promise<StandaloneMock> {
  const child = spawn(process.execPath, [BIN, 'mock', '--spec', spec, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | null>((done) => child.once('close', done));
  const printed = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the mock printed no config within 60 s:\n${out}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (/when the mock stops/.test(out)) {
        clearTimeout(timer);
        done(out);
      }
    });
    child.once('close', () => fail(new Error(`the mock exited:\n${out}`)));
  });
  const config = /config: (\S+)/.exec(printed)![1]!;
  return {
    url: /listening (\S+)/.exec(printed)![1]!,
    config,
    dir: dirname(config),
    child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
