// Checks made before a run starts, so bad input is one line and a documented exit code, never a hang.
import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { dirname, join, resolve } from 'node:path';

/**
 * Creates the report folder one level at a time and proves it writable. (Node's recursive mkdir
 * never returns under /proc, so it is not used here.)
 */
export function prepareReportDir(dir: string): string | undefined {
  const path = resolve(dir);
  const missing: string[] = [];
  let at = path;
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  try {
    if (!statSync(at).isDirectory()) return `${at} is not a folder`;
    accessSync(at, constants.W_OK);
    for (const level of missing) mkdirSync(level);
    const probe = join(path, `.sipc-probe-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return undefined;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return `cannot write there (${e.code ?? e.message})`;
  }
}

const TLS_CAUSES: [RegExp, string][] = [
  [/WRONG_VERSION_NUMBER|packet length too long|unknown protocol|EPROTO/i, 'the server does not speak TLS (an http:// server?)'],
  [/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED/i, 'its certificate is not trusted'],
  [/CERT_HAS_EXPIRED/i, 'its certificate has expired'],
  [/ERR_TLS_CERT_ALTNAME_INVALID|Hostname\/IP does not match/i, 'its certificate is for another host name'],
  [/ECONNRESET|socket hang up|disconnected/i, 'the connection was closed during the TLS handshake'],
];

/** An https target must complete a TLS handshake within `ms`; the cause, in words, when it does not. */
export function tlsHandshake(host: string, port: number, ms: number): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = tlsConnect({ host, port, servername: /^[\d.]+$|:/.test(host) ? undefined : host, timeout: ms });
    const finish = (why: string | undefined) => {
      socket.destroy();
      done(why);
    };
    socket.once('secureConnect', () => finish(undefined));
    socket.once('timeout', () => finish(`no TLS handshake within ${ms} ms`));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const text = `${err.code ?? ''} ${err.message}`;
      const cause = TLS_CAUSES.find(([re]) => re.test(text))?.[1] ?? 'TLS handshake failed';
      finish(`${cause}; ${err.code ?? err.message.split('\n')[0]}`);
    });
  });
}

export class UnreachableError extends Error {}

/** A TCP connect within 1.5 s (and a TLS handshake for https), so a wrong --target fails fast with exit 3. */
export async function reachable(target: string): Promise<void> {
  const url = new URL(target);
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  await new Promise<void>((done, fail) => {
    const socket = connect({ host, port, timeout: 1500 });
    const stop = (why: string) => {
      socket.destroy();
      fail(new UnreachableError(`target unreachable: ${target} (${why})`));
    };
    socket.once('connect', () => {
      socket.end();
      done();
    });
    socket.once('timeout', () => stop('no connection within 1500 ms'));
    socket.once('error', (err: NodeJS.ErrnoException) => stop(err.code ?? err.message));
  });
  if (url.protocol !== 'https:') return;
  const failed = await tlsHandshake(host, port, 3000);
  if (failed) throw new UnreachableError(`target unreachable: ${target} (${failed})`);
}
