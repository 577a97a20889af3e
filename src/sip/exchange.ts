// What the suite keeps of a SIP exchange for reports: the messages as text, the digest response
// hidden (it is a function of the password), and a one-line summary.
import type { Flow } from './transport.ts';

export interface SipExchange {
  /** Epoch ms when the request arrived (registrar) or was sent (user agent). */
  at: number;
  /** Transport and peer, e.g. `udp 127.0.0.1:40112`. */
  flow: string;
  /** One line: method, user, outcome. */
  summary: string;
  /** The messages in order, request first, redacted. */
  messages: string[];
}

/** Hides digest responses and any of the given secrets. */
export function redactSip(text: string, secrets: string[] = []): string {
  let out = text.replace(/(\bresponse\s*=\s*)("[^"]*"|[0-9A-Fa-f]+)/gi, '$1"<redacted>"');
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('<redacted>');
  return out;
}

export const flowText = (f: Flow) => `${f.transport} ${f.remote}`;
