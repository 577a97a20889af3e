// What a wire requirement works with once the run's registrar listens (src/sip/endpoint.ts starts it),
// and the `sip` config keys it was started from.
import type { DigestAlgorithm } from './digest.ts';
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

export interface HostPort {
  host: string;
  port: number;
}

/** A spec section's `sip` key, validated. */
export interface SipConfig {
  listen: HostPort;
  advertise: HostPort;
  tls?: { port: number; cert: string; key: string };
  /** Waits for the embedded mock's devices run this much faster (their clocks are scaled alike). */
  timeScale: number;
  /**
   * The digest algorithm of the challenge: MD5 by default (RFC 3261 22.4; every SIP user agent has it),
   * or SHA-256 (RFC 8760). One challenge only: user agents that take the topmost (SIPp 3.6 does) would
   * fail on a SHA-256 challenge placed first, and that is not what a wire requirement tests.
   */
  algorithm: DigestAlgorithm;
}
