// Kamailio (Debian's `kamailio`, with `kamailio-tls-modules` for TLS) as a registrar the tests start
// on loopback: a config in a temp dir, no database (usrloc in memory, the password checked by the
// auth module's pv_www_authenticate), free ports, and the whole process group killed at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listening, missing, tool } from './tools.ts';

/** Debian installs kamailio in /usr/sbin, which a user's PATH may lack. */
const env = { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/local/sbin:/usr/sbin:/sbin` };

export const TLS_CERT = new URL('../fixtures/sip-tls/cert.pem', import.meta.url).pathname;
export const TLS_KEY = new URL('../fixtures/sip-tls/key.pem', import.meta.url).pathname;

/** Whether kamailio runs here, and whether its TLS module is installed (`-h` names the module path). */
export async function kamailioHere(): Promise<{ kamailio: boolean; tls: boolean }> {
  const help = await tool('kamailio', ['-h'], 'apt-get install kamailio', 'the Kamailio interop tests', env);
  if (help === undefined) return { kamailio: false, tls: false };
  const modules = /-L path.*\(default: ([^)]+)\)/.exec(help)?.[1];
  const tls = modules !== undefined && existsSync(join(modules, 'tls.so'));
  if (!tls) missing('kamailio has no TLS module (apt-get install kamailio-tls-modules)', 'the Kamailio TLS interop tests');
  return { kamailio: true, tls };
}

export interface KamailioOptions {
  /** The one account: the digest user (who must be the To user, RFC 3261 10.3) and its password. */
  user: string;
  password: string;
  algorithm: 'MD5' | 'SHA-256';
  /** Challenge with qop=auth (RFC 2617 3.2.1), or without qop (RFC 2069 style). */
  qop: boolean;
  tls: boolean;
  /** REGISTERs whose To domain is `relay.test` are relayed to this suite registrar over TLS. */
  relayTlsPort?: number;
}

export interface Kamailio {
  port: number;
  tlsPort?: number;
  stop(): Promise<void>;
}

function config(o: KamailioOptions, dir: string, port: number, tlsPort: number): string {
  const tls = o.tls || o.relayTlsPort !== undefined;
  const relay = o.relayTlsPort === undefined ? '' : `
  if ($td == "relay.test") {
    $du = "sip:127.0.0.1:${o.relayTlsPort};transport=tls";
    if (!t_relay()) sl_reply_error();
    exit;
  }`;
  return `#!KAMAILIO
debug=2
log_stderror=yes
children=1
tcp_children=1
auto_aliases=no
dns=no
rev_dns=no
listen=udp:127.0.0.1:${port}
listen=tcp:127.0.0.1:${port}
${tls ? `enable_tls=yes\nlisten=tls:127.0.0.1:${tlsPort}\nloadmodule "tls.so"\nmodparam("tls", "config", "${join(dir, 'tls.cfg')}")` : ''}
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
modparam("usrloc", "db_mode", 0)
modparam("auth", "algorithm", "${o.algorithm}")
modparam("auth", "qop", "${o.qop ? 'auth' : ''}")

request_route {
  if (method != "REGISTER") { sl_send_reply("405", "Method Not Allowed"); exit; }${relay}
  if (!pv_www_authenticate("$td", "${o.password}", "0")) {
    # -2: credentials present, the digest does not match the password (the auth module's codes).
    if ($rc == -2) { sl_send_reply("403", "Forbidden (wrong password)"); exit; }
    www_challenge("$td", "0");
    exit;
  }
  if ($au != "${o.user}" || $tU != $au) { sl_send_reply("403", "Forbidden (not this user)"); exit; }
  if (!save("location")) sl_reply_error();
  exit;
}
`;
}

const TLS_CFG = `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${TLS_KEY}
certificate = ${TLS_CERT}

[client:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
`;

/** Signals Kamailio's process group (its main process and the children it forked). */
function signalGroup(child: ChildProcess, s: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, s);
  } catch {
    // The group is gone already.
  }
}

/** Ends the process group, SIGKILL if SIGTERM is not enough within 5 s; the children too when the main process died first. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  signalGroup(child, 'SIGKILL');
}

/** Starts Kamailio on free loopback ports (tried again on a port another test took meanwhile). */
export async function startKamailio(o: KamailioOptions): Promise<Kamailio> {
  const dir = mkdtempSync(join(tmpdir(), 'sipc-kamailio-'));
  writeFileSync(join(dir, 'tls.cfg'), TLS_CFG);
  for (let attempt = 1; ; attempt++) {
    const [port, tlsPort] = [await freePort(), await freePort()];
    writeFileSync(join(dir, 'kamailio.cfg'), config(o, dir, port, tlsPort));
    // -DD: no daemon, the creator stays in the foreground; -E: log to stderr; its own process group.
    const child = spawn('kamailio', ['-DD', '-E', '-m', '32', '-M', '4', '-Y', dir, '-f', join(dir, 'kamailio.cfg')], { cwd: dir, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-8000)));
    // Its own process group outlives this worker: a worker that ends without `stop` still takes it along.
    const reap = () => signalGroup(child, 'SIGKILL');
    process.once('exit', reap);
    const end = async () => {
      process.off('exit', reap);
      await kill(child);
    };
    try {
      await listening(child, o.tls ? tlsPort : port, () => log, 15_000, 'kamailio');
    } catch (err) {
      await end();
      if (attempt < 3 && /bind|address already in use/i.test(log)) continue;
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    return {
      port,
      tlsPort: o.tls ? tlsPort : undefined,
      stop: async () => {
        await end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
