// The registrar's server transactions (RFC 3261 17.2): a UDP retransmission of a REGISTER (same Via
// branch, Call-ID and CSeq) is answered again with the same response and recorded once. And what it
// has heard from the users it was given (a device's path proven).
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { credentials } from '../../src/sip/digest.ts';
import { parseAuth } from '../../src/sip/headers.ts';
import { header, parseMessage, type SipResponse } from '../../src/sip/message.ts';
import { Registrar } from '../../src/sip/registrar.ts';

let registrar: Registrar;
let socket: Socket;
let port: number;
const answers: string[] = [];
let heard: (() => void) | undefined;

beforeEach(async () => {
  registrar = new Registrar('127.0.0.1', ['MD5']);
  registrar.accounts.set('1001', { password: 'pw-1001' });
  ({ port } = await registrar.listen({ host: '127.0.0.1', port: 0 }));
  socket = createSocket('udp4');
  socket.on('message', (buf) => {
    answers.push(buf.toString('utf8'));
    heard?.();
  });
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
});

afterEach(async () => {
  socket.close();
  answers.length = 0;
  await registrar.close();
});

/** Sends one datagram and waits for the next answer (the hang guard is the test's own limit). */
async function send(text: string): Promise<string> {
  const count = answers.length;
  const got = new Promise<void>((r) => (heard = () => answers.length > count && r()));
  socket.send(text, port, '127.0.0.1');
  await got;
  return answers[count]!;
}

const register = (branch: string, cseq: number, authorization?: string) =>
  [
    'REGISTER sip:127.0.0.1 SIP/2.0',
    `Via: SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=${branch}`,
    'Max-Forwards: 70',
    'To: <sip:1001@127.0.0.1>',
    'From: <sip:1001@127.0.0.1>;tag=a1',
    'Call-ID: retransmit-1@127.0.0.1',
    `CSeq: ${cseq} REGISTER`,
    `Contact: <sip:1001@127.0.0.1:${socket.address().port}>`,
    'Expires: 300',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

test('a retransmitted REGISTER gets the same answer again and is one exchange, challenge and 200 alike', async () => {
  const challenge = await send(register('z9hG4bK-one', 1));
  expect(await send(register('z9hG4bK-one', 1))).toBe(challenge);
  expect(registrar.registrations.map((r) => [r.status, r.retransmissions])).toEqual([[401, 1]]);

  const www = parseAuth(header(parseMessage(challenge) as SipResponse, 'WWW-Authenticate')!, 'WWW-Authenticate');
  const authorized = register('z9hG4bK-two', 2, credentials(www, { username: '1001', password: 'pw-1001', method: 'REGISTER', uri: 'sip:127.0.0.1' }));
  const ok = await send(authorized);
  expect(ok).toMatch(/^SIP\/2\.0 200 /);
  expect(await send(authorized)).toBe(ok);
  expect(await send(authorized)).toBe(ok);
  expect(registrar.registrations.map((r) => [r.status, r.retransmissions])).toEqual([[401, 1], [200, 2]]);
});

test('a new branch, or the same branch with another CSeq, is a new transaction', async () => {
  await send(register('z9hG4bK-a', 1));
  await send(register('z9hG4bK-b', 1));
  await send(register('z9hG4bK-b', 2));
  expect(registrar.registrations.map((r) => r.retransmissions)).toEqual([0, 0, 0]);
  expect(new Set(registrar.registrations.map((r) => r.messages[1]!.match(/nonce="([^"]+)"/)![1])).size).toBe(3);
});

test('a request naming an account is heard over its transport; one naming no account is not', async () => {
  expect(registrar.heardFromAccounts('udp')).toBe(false);
  await send(register('z9hG4bK-heard', 1).replaceAll('sip:1001@', 'sip:2002@'));
  expect(registrar.heardFromAccounts('udp')).toBe(false);
  await send(register('z9hG4bK-heard', 2));
  expect([registrar.heardFromAccounts('udp'), registrar.heardFromAccounts('tcp')]).toEqual([true, false]);
});

test('a first REGISTER naming an account\'s AoR user, before any credentials, is heard too', async () => {
  registrar.accounts.set('auth-9', { password: 'pw-9', aor: '2002' });
  await send(register('z9hG4bK-aor', 1).replaceAll('sip:1001@', 'sip:2002@'));
  expect(registrar.heardFromAccounts('udp')).toBe(true);
});
