// A failure as the report shows it, whoever found it (the runner or a scenario): the exchange, what
// was expected, the failed checks, replay and curl lines, secrets redacted.
import type { CheckOutcome } from '../judge/checks.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import type { Case, Level } from '../model/types.ts';
import { curlOf } from '../http/curl.ts';
import { redact } from '../http/request.ts';
import type { FailureRecord } from './report.ts';

/** One request sent: its case, the request as sent and the answer. */
export interface Exchange {
  case: Case;
  request: HttpRequest;
  response: HttpResponse;
}

/** What a failure record says beyond the exchange. */
export interface FailureNote {
  level: Level;
  expected: string;
  checks: FailureRecord['checks'];
  /** The case's description, when not its note (e.g. a shrunk command sequence). */
  case?: string;
  /** Keep the case, so `sip-conformance replay` re-sends it alone. */
  counterexample?: boolean;
  /** The exchanges of the same sequence sent before the failing one (a POST before the GET that read it back), in order. */
  before?: Exchange[];
}

const NOT_SENT: HttpRequest = { method: '-', url: '-', headers: {} };

/** The most of a response body a failure record keeps (characters); a longer body is cut there and its length recorded. */
export const BODY_CAP = 64 * 1024;

/** The answer as a failure record keeps it: the body whole up to BODY_CAP, else cut with its length. */
export function answerOf(r: HttpResponse): FailureRecord['actual'] {
  const cut = r.text.length > BODY_CAP;
  return { status: r.status, body: cut ? r.text.slice(0, BODY_CAP) : r.text, ...(cut && { bodyLength: r.text.length }), ...(r.error && { error: `${r.error.cause}: ${r.error.message}` }) };
}

/** `x` absent: the failure came before anything was sent. */
export function recordFailure(x: Exchange | undefined, note: FailureNote, replay: string, secrets: string[]): FailureRecord {
  const request = x?.request ?? NOT_SENT;
  const r = x?.response;
  const record: FailureRecord = {
    level: note.level,
    case: note.case ?? x?.case.note ?? '-',
    violations: x?.case.violations ?? [],
    request,
    expected: note.expected,
    actual: r ? answerOf(r) : { status: 0, body: '' },
    checks: note.checks,
    replay,
    // Every request of the sequence, in order: the failure may need the earlier ones to happen again.
    curl: x ? [...(note.before ?? []).map((b) => curlOf(b.request, secrets)), curlOf(request, secrets)].join('\n') : '-',
    ...(note.before?.length && { before: note.before.map((b) => ({ request: b.request, actual: answerOf(b.response) })) }),
    ...(note.counterexample && x && { counterexample: x.case }),
  };
  return redact(record, secrets);
}

/** The failed outcomes a record of `level` names: a MUST record only the MUST ones. */
export const failedChecks = (outcomes: CheckOutcome[], level: Level): FailureRecord['checks'] =>
  outcomes.filter((o) => !o.ok && (level === 'SHOULD' || o.level === 'MUST')).map(({ check, level: l, message }) => ({ check, level: l, message }));
