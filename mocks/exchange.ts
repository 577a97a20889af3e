// One request and answer of a mock, and the handler between them; `kit.ts` runs handlers, `throttle.ts` wraps them.
import type { IncomingHttpHeaders } from 'node:http';

export interface MockRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased names, as node gives them. */
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface MockResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings as they are. */
  body?: unknown;
}

export type MockHandler = (req: MockRequest) => MockResponse | Promise<MockResponse>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return { status, body, headers };
}
