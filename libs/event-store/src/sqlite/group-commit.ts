/**
 * Gathers the work that arrives during one turn of the event loop and runs it in one transaction, so one
 * fsync serves many concurrent callers. Each item runs inside its own savepoint: a failed item (a
 * concurrency conflict, say) rolls back alone and its caller alone gets the error.
 */
export interface Transactional {
  begin(): void;
  commit(): void;
  rollback(): void;
  savepoint(): void;
  release(): void;
  rollbackToSavepoint(): void;
}

interface Pending<T> {
  work: () => T;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: Pending<unknown>[] = [];
  private scheduled = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(
    private readonly tx: Transactional,
    private readonly afterCommit: () => void,
    private readonly mapCommitError: (error: unknown) => unknown,
    private readonly maxBatch = 1000,
  ) {}

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve, reject } as Pending<unknown>);
      if (!this.scheduled) {
        this.scheduled = true;
        this.idle = new Promise((r) => (this.markIdle = r));
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once everything queued so far has been committed (or failed). */
  drained(): Promise<void> {
    return this.scheduled ? this.idle : Promise.resolve();
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.tx.begin();
      for (const item of batch) {
        this.tx.savepoint();
        try {
          outcomes.push({ ok: true, value: item.work() });
          this.tx.release();
        } catch (error) {
          this.tx.rollbackToSavepoint();
          this.tx.release();
          outcomes.push({ ok: false, error });
        }
      }
      this.tx.commit();
    } catch (error) {
      // The transaction as a whole failed (disk, lock timeout): nobody in it was acknowledged.
      try {
        this.tx.rollback();
      } catch {
        /* already rolled back by SQLite */
      }
      const mapped = this.mapCommitError(error);
      batch.forEach((item) => item.reject(mapped));
      this.next();
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok)) this.afterCommit();
    this.next();
  }

  private next(): void {
    if (this.queue.length > 0) {
      setImmediate(() => this.flush());
    } else {
      this.scheduled = false;
      this.markIdle();
    }
  }
}
