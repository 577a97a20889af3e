// Which hosts mean this machine: the mocks' user agents send unrouted REGISTERs only to an IPv4
// loopback address, and a wire requirement knows a platform elsewhere cannot reach a loopback one.
// And proxy settings (`host[:port]`) read and written alike.
import type { SipTransportName } from './transport.ts';

export const DEFAULT_PORT = 5060;
export const DEFAULT_TLS_PORT = 5061;

/** An IPv4 loopback address (127.0.0.0/8). */
export const isLoopbackIPv4 = (host: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** A host name or address that means this machine: 127.0.0.0/8, `localhost`, `::1`. */
export const isLoopbackHost = (host: string): boolean => isLoopbackIPv4(host) || /^(localhost|::1|\[::1\])$/i.test(host);

/** Host and port of a proxy setting, read leniently: an optional `sip:`/`sips:` prefix and `:port`; empty host when unreadable. */
export function proxyHostPort(value: string): { host: string; port?: number } {
  const m = /^(?:sips?:)?([^:]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return m ? { host: m[1]!.toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) } : { host: '' };
}

/** The port a transport means when a proxy names none (RFC 3261 19.1.2: 5060, 5061 for TLS). */
export const defaultSipPort = (transport: SipTransportName): number => (transport === 'tls' ? DEFAULT_TLS_PORT : DEFAULT_PORT);

/** A proxy setting for a registrar: the bare host on the transport's default port, else `host:port` (the form `proxyHostPort` reads). */
export const proxySetting = (host: string, port: number, transport: SipTransportName): string => (port === defaultSipPort(transport) ? host : `${host}:${port}`);
