// The suite's user agent against Kamailio, a SIP server nobody here wrote: it registers with digest
// (MD5 without qop, SHA-256 with qop=auth, RFC 8760) over UDP, TCP and TLS; a wrong password is
// refused. And the suite's registrar over TLS against Kamailio's TLS client: Kamailio relays a
// REGISTER to it. Without kamailio (or its TLS module) the tests skip saying so; under CI they fail.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { header, parseMessage } from '../../src/sip/message.ts';
import { Registrar } from '../../src/sip/registrar.ts';
import { register, type RegisterResult } from '../../src/sip/user-agent.ts';
import type { SipTransportName } from '../../src/sip/transport.ts';
import { type Kamailio, kamailioHere, startKamailio, TLS_CERT, TLS_KEY } from './kamailio.ts';

const here = await kamailioHere();
const USER = '1003';
const PASSWORD = 'kam-Secret-42';

/** The messages of a registration, for a failing assertion's message. */
const shown = (r: RegisterResult) => `${r.error ?? ''}\n${r.exchange.messages.join('\n---\n')}`;
const statuses = (r: RegisterResult) => r.exchange.messages.filter((m) => m.startsWith('SIP/2.0 ')).map((m) => Number(m.slice(8, 11)));

describe.skipIf(!here.kamailio).each([
  { algorithm: 'MD5' as const, qop: false },
  { algorithm: 'SHA-256' as const, qop: true },
])('the suite\'s user agent registers to Kamailio ($algorithm, qop $qop)', ({ algorithm, qop }) => {
  let kamailio: Kamailio;
  beforeAll(async () => {
    kamailio = await startKamailio({ user: USER, password: PASSWORD, algorithm, qop, tls: here.tls });
  });
  afterAll(() => kamailio?.stop());

  const transports: SipTransportName[] = here.tls ? ['udp', 'tcp', 'tls'] : ['udp', 'tcp'];
  test.each(transports)('over %s: challenged, the digest answered, 200 with the binding; a wrong password is refused', async (transport) => {
    const port = transport === 'tls' ? kamailio.tlsPort! : kamailio.port;
    const attempt = (password: string) => register({ server: { host: '127.0.0.1', port, transport }, user: USER, domain: 'kamailio.test', password, expires: 120, timeoutMs: 10_000, insecureTls: true });

    const ok = await attempt(PASSWORD);
    expect(ok.final?.status, shown(ok)).toBe(200);
    expect(statuses(ok)).toEqual([401, 200]);
    const challenge = ok.exchange.messages.find((m) => m.startsWith('SIP/2.0 401'))!;
    expect(header(parseMessage(challenge), 'WWW-Authenticate')).toMatch(new RegExp(`algorithm=${algorithm}`));
    // Kamailio's 200 lists the bindings of the address of record: ours with the Expires asked for.
    const contact = header(parseMessage(ok.exchange.messages.at(-1)!), 'Contact') ?? '';
    expect(contact).toMatch(new RegExp(`<sip:${USER}@127\\.0\\.0\\.1:\\d+${transport === 'udp' ? '' : `;transport=${transport}`}>;expires=120`));

    const wrong = await attempt('not-the-password');
    expect(wrong.final?.status, shown(wrong)).toBe(403);
    expect(statuses(wrong)).toEqual([401, 403]);
  });
});

describe.skipIf(!here.tls)('the suite\'s registrar over TLS, with Kamailio\'s TLS client relaying a REGISTER to it', () => {
  let registrar: Registrar;
  let kamailio: Kamailio;
  beforeAll(async () => {
    registrar = new Registrar('relay.test', ['MD5']);
    registrar.accounts.set(USER, { password: PASSWORD });
    const { tlsPort } = await registrar.listen({ host: '127.0.0.1', port: 0, tls: { port: 0, cert: readFileSync(TLS_CERT, 'utf8'), key: readFileSync(TLS_KEY, 'utf8') } });
    kamailio = await startKamailio({ user: USER, password: PASSWORD, algorithm: 'MD5', qop: false, tls: false, relayTlsPort: tlsPort });
  });
  afterAll(async () => {
    await kamailio?.stop();
    await registrar?.close();
  });

  test('the registrar reads the relayed REGISTERs over TLS, challenges, and accepts only the right password', async () => {
    const attempt = (password: string) => register({ server: { host: '127.0.0.1', port: kamailio.port, transport: 'udp' }, user: USER, domain: 'relay.test', password, expires: 120, timeoutMs: 10_000 });
    const ok = await attempt(PASSWORD);
    expect(ok.final?.status, shown(ok)).toBe(200);
    const wrong = await attempt('not-the-password');
    expect(wrong.final?.status, shown(wrong)).toBe(401);
    expect(registrar.registrations.map((r) => [r.transport, r.status, r.auth?.verified])).toEqual([
      ['tls', 401, undefined],
      ['tls', 200, true],
      ['tls', 401, undefined],
      ['tls', 401, false],
    ]);
    // Kamailio's own Via on top: the request came through its TLS connection, not from the user agent.
    expect(registrar.registrations[1]!.messages[0]).toMatch(/^Via: SIP\/2\.0\/TLS 127\.0\.0\.1:\d+;branch=z9hG4bK/m);
  });
});
