// The SIP side of one spec's run: the `sip` config keys, the registrar started on first use, the
// address devices are told to use, and the reason wire requirements skip when it cannot be had.
import { readFileSync } from 'node:fs';
import { ConfigError, SectionReader } from '../load/config.ts';
import { isRecord } from '../model/types.ts';
import { DEFAULT_PORT, DEFAULT_TLS_PORT } from './address.ts';
import { Registrar } from './registrar.ts';

export type { HostPort, SipAccess, SipConfig } from './access.ts';
import type { HostPort, SipAccess, SipConfig } from './access.ts';
import type { SipTransportName } from './transport.ts';
import { register } from './user-agent.ts';

/**
 * The name the embedded mock's devices are given for the registrar: a host every reading of the
 * BAS-IP documents accepts (127.0.0.1 is undecided there); the mock routes it to the loopback registrar.
 */
export const EMBEDDED_HOST = 'registrar.sipc.test';
/**
 * The embedded mock's clocks run 100x faster: a 30 s registration interval takes 0.3 s (the wire
 * requirements run alone, so the interval's wait holds up the rest of the spec's run; at 50x both
 * BAS-IP models' -WIRE-INTERVAL idled their workers 0.49 s at once in the main job). A refresh is
 * still judged against its lapse plus 1 s of real slack and any stall of the suite's own process.
 */
export const EMBEDDED_TIME_SCALE = 0.01;

function hostPort(text: string, what: string, defaultPort: number): HostPort {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(text);
  const port = m?.[2] === undefined ? defaultPort : Number(m[2]);
  if (!m || port > 65535) throw new ConfigError(`${what}: "${text}" is not host[:port]`);
  return { host: m[1]!, port };
}

/** The `sip` key of a spec's section; undefined when absent. */
export function readSipConfig(raw: unknown, spec: string, embedded: boolean): SipConfig | undefined {
  if (raw === undefined) return undefined;
  const what = `${spec}.sip`;
  if (!isRecord(raw)) throw new ConfigError(`config ${what}: expected an object`);
  const r = new SectionReader(what, raw, ['listen', 'advertise', 'tls', 'timeScale', 'algorithm']);
  const listenText = r.string('listen');
  if (listenText === undefined) throw new ConfigError(`config ${what}.listen: required (host:port the registrar binds, e.g. "0.0.0.0:5060")`);
  const listen = hostPort(listenText, `config ${what}.listen`, DEFAULT_PORT);
  const advertiseText = r.string('advertise');
  const wildcard = listen.host === '0.0.0.0' || listen.host === '[::]';
  if (advertiseText === undefined && wildcard) throw new ConfigError(`config ${what}.advertise: required when listen is a wildcard address (the address the device must use to reach this machine)`);
  const advertise = advertiseText === undefined ? listen : hostPort(advertiseText, `config ${what}.advertise`, listen.port);
  const timeScale = r.number('timeScale') ?? (embedded ? EMBEDDED_TIME_SCALE : 1);
  if (timeScale <= 0 || timeScale > 1) throw new ConfigError(`config ${what}.timeScale: expected a number in (0, 1]`);
  if (!embedded && timeScale !== 1) throw new ConfigError(`config ${what}.timeScale: applies to the embedded mock only`);
  const tlsRaw = raw.tls;
  let tls: SipConfig['tls'];
  if (tlsRaw !== undefined) {
    if (!isRecord(tlsRaw)) throw new ConfigError(`config ${what}.tls: expected {"cert", "key", "port"}`);
    const t = new SectionReader(`${what}.tls`, tlsRaw, ['cert', 'key', 'port']);
    const read = (key: string) => {
      const file = t.string(key);
      if (file === undefined) throw new ConfigError(`config ${what}.tls.${key}: required (a PEM file)`);
      try {
        return readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigError(`config ${what}.tls.${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
      }
    };
    tls = { cert: read('cert'), key: read('key'), port: t.number('port') ?? DEFAULT_TLS_PORT };
  }
  return { listen, advertise, tls, timeScale, algorithm: r.oneOf('algorithm', ['MD5', 'SHA-256'] as const) ?? 'MD5' };
}


/** One per spec run; the registrar starts on the first wire requirement and stops with the run. */
export class SipEndpoint {
  #access?: Promise<SipAccess | { skip: string }>;
  #bound?: { port: number; tlsPort?: number };

  constructor(
    readonly config: SipConfig | undefined,
    readonly embedded: boolean,
  ) {}

  access(): Promise<SipAccess | { skip: string }> {
    this.#access ??= this.#start();
    return this.#access;
  }

  /**
   * For the embedded mock's devices: where a REGISTER to the advertised host on the default port
   * goes (a port forward to the registrar's ephemeral port); undefined before it listens or elsewhere.
   */
  route = (transport: SipTransportName, host: string, port: number): HostPort | undefined => {
    const b = this.#bound;
    const adv = this.embedded ? EMBEDDED_HOST : this.config?.advertise.host;
    if (!b || host !== adv) return undefined;
    if (transport === 'tls') return b.tlsPort !== undefined && port === DEFAULT_TLS_PORT ? { host: '127.0.0.1', port: b.tlsPort } : undefined;
    return port === DEFAULT_PORT ? { host: '127.0.0.1', port: b.port } : undefined;
  };

  async close(): Promise<void> {
    const a = await this.#access;
    if (a && 'registrar' in a) await a.registrar.close();
  }

  async #start(): Promise<SipAccess | { skip: string }> {
    const c = this.config;
    if (!c && !this.embedded) return { skip: 'sip.listen and sip.advertise are not configured: a device needs the address of the suite\'s registrar (README: "Wire requirements")' };
    const listen = c?.listen ?? { host: '127.0.0.1', port: 0 };
    const host = this.embedded ? EMBEDDED_HOST : c!.advertise.host;
    const registrar = new Registrar(host, [c?.algorithm ?? 'MD5']);
    try {
      this.#bound = await registrar.listen({ ...listen, ...(c?.tls && { tls: c.tls }) });
    } catch (err) {
      await registrar.close();
      return { skip: `the registrar cannot listen on ${listen.host}:${listen.port} (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
    }
    // Embedded: devices reach the default ports through `route`. Configured: the advertised ones (port 0: the one bound).
    const b = this.#bound;
    const ports = this.embedded ? { udp: DEFAULT_PORT, tcp: DEFAULT_PORT, ...(c?.tls && { tls: DEFAULT_TLS_PORT }) } : { udp: c!.advertise.port || b.port, tcp: c!.advertise.port || b.port, ...(c!.tls && { tls: c!.tls.port || b.tlsPort! }) };
    const unreachable = await this.#selfCheck(registrar, host, this.embedded ? b.port : ports.udp);
    if (unreachable) {
      await registrar.close();
      return { skip: unreachable };
    }
    return { registrar, advertise: { host, ports }, transports: c?.tls ? ['udp', 'tcp', 'tls'] : ['udp', 'tcp'], timeScale: c?.timeScale ?? EMBEDDED_TIME_SCALE, pathKnown: this.embedded };
  }

  /** Registers to the advertised address from here: a registrar this machine cannot reach there is no test of the device. */
  async #selfCheck(registrar: Registrar, host: string, port: number): Promise<string | undefined> {
    const user = 'sipc-self-check';
    registrar.accounts.set(user, { password: 'self-check' });
    try {
      const r = await register({ server: { host: this.embedded ? '127.0.0.1' : host, port, transport: 'udp' }, user, domain: host, password: 'self-check', expires: 0, timeoutMs: 3000 });
      return r.final?.status === 200 ? undefined : `the registrar at the advertised ${host}:${port} does not answer from this machine (${r.error ?? r.final?.status}); check sip.advertise and the firewall`;
    } finally {
      registrar.accounts.delete(user);
    }
  }
}
