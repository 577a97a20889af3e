// Registrations the model-based tests share against a real target: creating one is billed, updating,
// binding, unbinding and reading are not. The pool creates up to `size` registrations once and hands
// them to each model run, which updates them to the fields its commands create; a delete (the
// presence tests') is replaced by one new registration, at most `size` times: `2 × size` creates in all.

export class RegistrationPool {
  /** Pool registrations that exist (created, not deleted). */
  readonly alive: number[] = [];
  /** Registrations a run may have left bound: unbound before the next run takes them. */
  readonly bound = new Set<number>();
  /** Deletes still allowed (each costs one replacement create). */
  deletesLeft: number;
  creates = 0;

  constructor(readonly size: number) {
    this.deletesLeft = size;
  }

  /** Upper bound of the registrations the pool creates. */
  static billable(size: number): number {
    return 2 * size;
  }

  /** A pool registration this run has not taken yet; `create`d when the pool has none left. */
  async take(taken: ReadonlySet<number>, create: () => Promise<number>): Promise<number> {
    const free = this.alive.find((id) => !taken.has(id));
    if (free !== undefined) return free;
    if (this.creates >= RegistrationPool.billable(this.size)) throw new Error(`the registration pool has created its ${this.creates} registrations`);
    this.creates++;
    const id = await create();
    this.alive.push(id);
    return id;
  }

  deleted(id: number): void {
    const i = this.alive.indexOf(id);
    if (i >= 0) this.alive.splice(i, 1);
    this.bound.delete(id);
    this.deletesLeft--;
  }
}
