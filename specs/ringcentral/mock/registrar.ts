// The RingCentral mock's outbound proxy: a registrar on the loopback that accepts the SIP
// credentials the mock issued (sipInfo username, authorizationId, password), started on first use.
import { randomBytes } from 'node:crypto';
import { Registrar } from '../../../src/index.ts';
import type { FaultInfo, MockOptions } from '../../../mocks/kit.ts';

export const REGISTRAR_FAULTS: FaultInfo[] = [
  { name: 'sip-stale-credentials', description: 'sip-provision hands out a password the outbound proxy no longer accepts', breaks: ['RC-WIRE-REGISTER'] },
  { name: 'sip-transport-refused', description: 'the outbound proxy takes only UDP, whatever transport was requested', breaks: ['RC-WIRE-REGISTER'] },
];

export class MockProxy {
  #started?: Promise<{ registrar: Registrar; port: number }>;
  constructor(private readonly o: MockOptions) {
    o.signal?.addEventListener('abort', () => void this.#started?.then((s) => s.registrar.close()));
  }

  #start() {
    this.#started ??= (async () => {
      const registrar = new Registrar('sip.ringcentral.com', ['MD5']);
      const { port } = await registrar.listen({ host: '127.0.0.1', port: 0 });
      if (this.o.faults.includes('sip-transport-refused')) await registrar.closeTransport('tcp');
      return { registrar, port };
    })();
    return this.#started;
  }

  readonly #passwords = new Map<string, string>();

  /**
   * The SIP credentials of the mock's one line (the same in every answer, as sip-provision repeats them:
   * answers given at once to several requests must all register) and the outbound proxy that takes them.
   */
  async issue(username: string, authorizationId: string): Promise<{ password: string; outboundProxy: string }> {
    const { registrar, port } = await this.#start();
    const password = this.#passwords.get(authorizationId) ?? `rc-${randomBytes(8).toString('hex')}`;
    this.#passwords.set(authorizationId, password);
    registrar.accounts.set(authorizationId, { password: this.o.faults.includes('sip-stale-credentials') ? `${password}-old` : password, aor: username });
    return { password, outboundProxy: `127.0.0.1:${port}` };
  }
}
