// The Voximplant mock as a user starts it (`sip-conformance mock --spec voximplant`), in a process of
// its own on 127.0.0.1: its address, the config it prints, and its registrations read through its API.
import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from '../../test/support/cli.ts';
import { MOCK_ACCOUNT_ID, MOCK_API_KEY } from './mock/keys.ts';

export interface StandaloneMock {
  url: string;
  config: string;
  dir: string;
  child: ChildProcess;
  /** Ids of the registrations on the mock (the frozen one, 500, included). */
  registrations(): Promise<number[]>;
  /** Signals the mock and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startStandalone(args: string[] = []): Promise<StandaloneMock> {
  const child = spawn(process.execPath, [BIN, 'mock', '--spec', 'voximplant', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
  const url = /listening (\S+)/.exec(printed)![1]!;
  const registrations = async () => {
    const body = (await (await fetch(`${url}/platform_api/GetSipRegistrations?account_id=${MOCK_ACCOUNT_ID}&api_key=${MOCK_API_KEY}&count=1000`)).json()) as { result: Array<{ sip_registration_id: number }> };
    return body.result.map((r) => r.sip_registration_id);
  };
  return {
    url,
    config: /config: (\S+)/.exec(printed)![1]!,
    dir: /credentials files: (\S+)/.exec(printed)![1]!,
    child,
    registrations,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
