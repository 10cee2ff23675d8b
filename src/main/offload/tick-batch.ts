/**
 * Collect items pushed during one tick and process them as one batch (one dispatcher call, so at
 * most one pool round trip per tick). push() returns the batch's completion promise, for barriers.
 * A tick's batch is bounded by what the host can push in one tick; the dispatcher sizes the work.
 */
export class TickBatch<T> {
  private items: T[] = [];
  private done: Promise<void> | null = null;

  constructor(private readonly run: (items: T[]) => Promise<void>) {}

  push(item: T): Promise<void> {
    this.items.push(item);
    if (!this.done) {
      this.done = new Promise<void>((resolve) => {
        setImmediate(() => {
          const items = this.items;
          this.items = [];
          this.done = null;
          this.run(items).then(resolve, resolve);
        });
      });
    }
    return this.done;
  }
}
