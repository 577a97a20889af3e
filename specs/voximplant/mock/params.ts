// Parameters of the Voximplant mock: where they come from, their types, and the API errors.
import type { MockRequest } from '../../../mocks/kit.ts';
import type { Reading } from './readings.ts';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly param?: string,
    /** Set for list syntax errors (the `5xx-on-bad-list` fault turns them into a crash). */
    readonly badList = false,
  ) {
    // An answer of the API, thrown on thousands of requests a run: no stack trace to capture.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`voximplant error ${code}`);
    Error.stackTraceLimit = limit;
  }
}

const STRICT_MSG: Record<number, (p: string) => string> = {
  100: () => 'Authorization failed',
  101: () => 'Invalid arguments',
  102: () => "Missing 'cmd' parameter",
  103: () => 'Unknown command',
  104: () => 'Forbidden command',
  134: (p) => `Required parameter is empty: '${p}'`,
  272: () => 'Exceeded the maximum possible number of SIP registrations',
  273: (p) => `The '${p}' parameter is invalid`,
  274: (p) => `The '${p}' parameter is invalid`,
  275: (p) => `The '${p}' parameter is invalid`,
  454: () => 'The token TTL exceeds the maximum limit.',
  455: () => 'Token issued in the future.',
  456: () => 'The token has expired.',
  458: (p) => `Specify only one of the following parameters: ${p}`,
  485: (p) => `Specify the '${p}' parameter`,
  496: (p) => `The '${p}' parameter is invalid.`,
};

const LOOSE_MSG: Record<number, (p: string) => string> = {
  100: () => 'Access denied: missing or invalid credentials',
  101: () => 'Malformed request',
  102: () => "Parameter 'cmd' is required",
  103: () => 'No such API method',
  104: () => 'Your role may not call this method',
  134: (p) => `Parameter '${p}' is required`,
  272: () => 'SIP registration limit reached for this account',
  273: (p) => `Bad SIP user name in '${p}'`,
  274: (p) => `Bad SIP proxy address in '${p}'`,
  275: (p) => `No SIP registration with this '${p}'`,
  458: (p) => `Parameters ${p} are mutually exclusive`,
  485: (p) => `Parameter '${p}' must be given here`,
  496: (p) => `Bad value for parameter '${p}'`,
};

export function errorMessage(e: ApiError, loose: boolean): string {
  return ((loose ? LOOSE_MSG : STRICT_MSG)[e.code] ?? (() => 'Error'))(e.param ?? '');
}

/**
 * All parameters of a call: query string first, then a form or multipart body; a name given
 * more than once takes its last value. An empty value counts as absent when the reading says so.
 */
export async function readParams(req: MockRequest, readForm: boolean, emptyIsAbsent: boolean): Promise<Map<string, string>> {
  const params = new Map<string, string>();
  const add = (k: string, v: string) => (v === '' && emptyIsAbsent ? params.delete(k) : params.set(k, v));
  for (const [k, v] of req.query) add(k, v);
  if (req.body.length === 0) return params;
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' && readForm) {
    for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) add(k, v);
  } else if (type === 'multipart/form-data') {
    let form: FormData;
    try {
      const headers = { 'content-type': String(req.headers['content-type']) };
      form = await new Request('http://mock/', { method: 'POST', headers, body: new Uint8Array(req.body) }).formData();
    } catch {
      throw new ApiError(101);
    }
    for (const [k, v] of form) add(k, typeof v === 'string' ? v : await v.text());
  }
  return params;
}

export type ParamType = 'int' | 'string' | 'bool' | 'intlist' | 'stringlist' | 'status';
/** Inclusive [from, to] ranges; a single code is [c, c]. */
export type StatusRanges = Array<[number, number]>;
export type Value = number | string | boolean | number[] | string[] | StatusRanges;

/** Parses one raw value as the variant reads it; undefined when it is malformed. */
export function parseValue(type: ParamType, raw: string, reading: Reading, anyBool: boolean): Value | undefined {
  switch (type) {
    case 'string':
      return raw;
    case 'int':
      return reading.int(raw);
    case 'bool': {
      const v = reading.bool(raw);
      return v === undefined && anyBool ? true : v;
    }
    case 'intlist': {
      const items = reading.items(raw)?.map(reading.int);
      return items?.every((n) => n !== undefined) ? (items as number[]) : undefined;
    }
    case 'stringlist':
      return reading.items(raw);
    case 'status':
      return reading.status(raw);
  }
}
