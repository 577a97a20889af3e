// What a wire requirement works with once the run's registrar listens (src/sip/endpoint.ts starts it).
import type { Registrar } from './registrar.ts';
import type { SipTransportName } from './transport.ts';

/** What a wire requirement works with once the registrar listens. */
export interface SipAccess {
  registrar: Registrar;
  /** The address a device is told to use; `ports` per transport. */
  advertise: { host: string; ports: Partial<Record<SipTransportName, number>> };
  transports: SipTransportName[];
  /** Multiply a wait by this (the embedded mock's scaled clocks); 1 for a real device. */
  timeScale: number;
  /**
   * Nothing between the devices and the registrar can drop SIP: the embedded mock's devices are routed
   * to it in-process. Else (a real device) only a request that arrived from the device proves its path.
   */
  pathKnown: boolean;
}
