// The run's SIP endpoint: config keys checked with the key named, and wire requirements skip with the
// reason whenever the registrar cannot be had (no config for a real target, the port taken).
import { createSocket } from 'node:dgram';
import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/load/config.ts';
import { readSipConfig, SipEndpoint } from '../../src/sip/endpoint.ts';

describe('sip config', () => {
  test('listen and advertise, ports defaulting to 5060', () => {
    expect(readSipConfig({ listen: '0.0.0.0', advertise: '192.0.2.20' }, 'basip-android', false)).toMatchObject({ listen: { host: '0.0.0.0', port: 5060 }, advertise: { host: '192.0.2.20', port: 5060 }, timeScale: 1, algorithm: 'MD5' });
    expect(readSipConfig(undefined, 'x', false)).toBeUndefined();
  });

  test.each([
    [{ advertise: '192.0.2.1' }, 'config basip-android.sip.listen: required'],
    [{ listen: '0.0.0.0:5060' }, 'config basip-android.sip.advertise: required when listen is a wildcard'],
    [{ listen: '127.0.0.1:99999' }, 'is not host[:port]'],
    [{ listen: '127.0.0.1', algorithm: 'SHA-512' }, 'config basip-android.sip.algorithm: expected one of MD5, SHA-256'],
    [{ listen: '127.0.0.1', timeScale: 0.5 }, 'config basip-android.sip.timeScale: applies to the embedded mock only'],
    [{ listen: '127.0.0.1', tls: { cert: '/nonexistent.pem', key: '/nonexistent.pem' } }, 'config basip-android.sip.tls.cert: cannot read /nonexistent.pem (ENOENT)'],
    [{ listen: '127.0.0.1', port: 1 }, 'config basip-android.sip.port: unknown key'],
  ])('%j is refused: %s', (raw, message) => {
    expect(() => readSipConfig(raw, 'basip-android', false)).toThrow(ConfigError);
    expect(() => readSipConfig(raw, 'basip-android', false)).toThrow(message);
  });
});

describe('wire requirements skip, with the reason, when the registrar cannot be had', () => {
  test('a real target without sip config', async () => {
    const access = await new SipEndpoint(undefined, false).access();
    expect(access).toEqual({ skip: expect.stringContaining('sip.listen and sip.advertise are not configured') });
  });

  test('the listen port is taken', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((r) => taken.bind(0, '127.0.0.1', () => r()));
    const port = taken.address().port;
    try {
      const endpoint = new SipEndpoint(readSipConfig({ listen: `127.0.0.1:${port}` }, 'basip-android', false), false);
      expect(await endpoint.access()).toEqual({ skip: expect.stringMatching(new RegExp(`cannot listen on 127.0.0.1:${port} \\(EADDRINUSE\\)`)) });
      await endpoint.close();
    } finally {
      taken.close();
    }
  });

  test('a configured registrar that answers at its advertised address is had (port 0: the one bound), and stops with the run', async () => {
    const endpoint = new SipEndpoint(readSipConfig({ listen: '127.0.0.1:0' }, 'basip-android', false), false);
    const access = await endpoint.access();
    await endpoint.close();
    if ('skip' in access) throw new Error(access.skip);
    expect(access.advertise.host).toBe('127.0.0.1');
    expect(access.advertise.ports.udp).toBeGreaterThan(0);
    expect(access.advertise.ports.tcp).toBe(access.advertise.ports.udp);
  });

  test('an advertised address where no registrar answers: skip, never pass', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', () => r()));
    try {
      const endpoint = new SipEndpoint(readSipConfig({ listen: '127.0.0.1:0', advertise: `127.0.0.1:${silent.address().port}` }, 'basip-android', false), false);
      const access = await endpoint.access();
      await endpoint.close();
      expect(access).toEqual({ skip: expect.stringContaining('does not answer from this machine') });
    } finally {
      silent.close();
    }
  });

  test('the embedded mock\'s registrar listens on an ephemeral loopback port and is routed to', async () => {
    const endpoint = new SipEndpoint(undefined, true);
    const access = await endpoint.access();
    try {
      if ('skip' in access) throw new Error(access.skip);
      expect(access.advertise).toEqual({ host: 'registrar.sipc.test', ports: { udp: 5060, tcp: 5060 } });
      expect(endpoint.route('udp', 'registrar.sipc.test', 5060)).toMatchObject({ host: '127.0.0.1' });
      expect(endpoint.route('udp', '192.0.2.1', 5060)).toBeUndefined();
    } finally {
      await endpoint.close();
    }
  });
});
