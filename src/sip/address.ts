// Which hosts mean this machine: the mocks' user agents send unrouted REGISTERs only to an IPv4
// loopback address, and a wire requirement knows a platform elsewhere cannot reach a loopback one.

/** An IPv4 loopback address (127.0.0.0/8). */
export const isLoopbackIPv4 = (host: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/** A host name or address that means this machine: 127.0.0.0/8, `localhost`, `::1`. */
export const isLoopbackHost = (host: string): boolean => isLoopbackIPv4(host) || /^(localhost|::1|\[::1\])$/i.test(host);

/** Host and port of a proxy setting, read leniently: an optional `sip:`/`sips:` prefix and `:port`; empty host when unreadable. */
export function proxyHostPort(value: string): { host: string; port?: number } {
  const m = /^(?:sips?:)?([^:]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  return m ? { host: m[1]!.toLowerCase(), port: m[2] === undefined ? undefined : Number(m[2]) } : { host: '' };
}
