// What the embedded mock creates and deletes, so a resource's life can be checked on it: each create
// answers a fresh id in the fields its links read, and a GET of a created resource deleted since finds
// nothing (RFC 9110 9.3.5). Ids the mock did not create are never affected.
import type { MockResponse } from '../../mocks/kit.ts';
import type { Json, Operation } from '../model/types.ts';

/** Top-level fields of a create's answer that its links read (`$response.body#/id`). */
function linkedFields(op: Operation): string[] {
  return [...new Set((op.request?.links ?? []).flatMap((l) => Object.values(l.parameters)).flatMap((e) => /^\$response\.body#\/([^/]+)$/.exec(e)?.[1] ?? []))];
}

export class Resources {
  private next = 7_340_001;
  private readonly made = new Set<string>();
  private readonly gone = new Set<string>();

  /** `forgets`: false under the fault that keeps serving what was deleted; `loses`: true under the fault that never finds what it created. */
  constructor(
    private readonly forgets: boolean,
    private readonly loses = false,
  ) {}

  /** A create's answer with a fresh id in each linked field (an integer or string one), when the answer stays valid. */
  created(op: Operation, answer: MockResponse, valid: (v: Json) => boolean): MockResponse {
    const fields = op.method === 'POST' ? linkedFields(op) : [];
    if (fields.length === 0 || typeof answer.body !== 'string') return answer;
    const body = JSON.parse(answer.body) as Json;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return answer;
    const id = this.next++;
    const fresh = { ...body, ...Object.fromEntries(fields.filter((f) => f in body).map((f) => [f, typeof body[f] === 'string' ? String(id) : id])) };
    if (!valid(fresh)) return answer;
    this.made.add(String(id));
    return { ...answer, body: JSON.stringify(fresh) };
  }

  deleted(pathValues: string[]): void {
    if (this.forgets) for (const v of pathValues) if (this.made.has(v)) this.gone.add(v);
  }

  isGone(pathValues: string[]): boolean {
    return pathValues.some((v) => this.gone.has(v) || (this.loses && this.made.has(v)));
  }
}
