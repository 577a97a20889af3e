// Serialising the requirements that must run alone (`Requirement.exclusive`).

/** Readers-writer lock, first come first served: exclusive requirements run alone. */
export class RwLock {
  private readers = 0;
  private writing = false;
  private readonly waiting: Array<{ write: boolean; go: () => void }> = [];
  acquire(write: boolean): Promise<void> {
    return new Promise((go) => {
      this.waiting.push({ write, go });
      this.drain();
    });
  }
  release(write: boolean): void {
    if (write) this.writing = false;
    else this.readers--;
    this.drain();
  }
  private drain(): void {
    while (this.waiting.length > 0) {
      const next = this.waiting[0]!;
      if (this.writing || (next.write && this.readers > 0)) return;
      this.waiting.shift();
      if (next.write) this.writing = true;
      else this.readers++;
      next.go();
    }
  }
}
