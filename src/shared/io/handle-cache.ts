/**
 * A small LRU of open append handles, keyed by file stem. Keeping a log file open between flushes
 * saves an open+close per flush; the cap keeps the fd count bounded however many sessions log.
 * A handle whose file is being written is never evicted (the caller says which ones are busy).
 */
import type { FileLike } from "./fs-seam.js";

export class HandleCache {
  // Map iteration order is insertion order: re-inserting on use makes the first entry the LRU one.
  private readonly open = new Map<string, FileLike>();

  constructor(
    private readonly cap: number,
    private readonly isBusy: (key: string) => boolean,
    private readonly onCloseError: (err: unknown) => void,
  ) {}

  get(key: string): FileLike | undefined {
    const h = this.open.get(key);
    if (h) {
      this.open.delete(key);
      this.open.set(key, h);
    }
    return h;
  }

  has(key: string): boolean {
    return this.open.has(key);
  }

  get size(): number {
    return this.open.size;
  }

  /** Add a handle, closing least-recently-used idle ones beyond the cap. */
  set(key: string, h: FileLike): void {
    this.open.set(key, h);
    this.trim(key);
  }

  /** Close least-recently-used idle handles beyond the cap (busy ones may overshoot it until they finish). */
  trim(keep?: string): void {
    if (this.open.size <= this.cap) return;
    for (const [k, old] of this.open) {
      if (this.open.size <= this.cap) break;
      if (k === keep || this.isBusy(k)) continue;
      this.open.delete(k);
      old.close().catch(this.onCloseError);
    }
  }

  /** Close one handle (e.g. before a rotation or after a write error) and wait for it. */
  async drop(key: string): Promise<void> {
    const h = this.open.get(key);
    if (!h) return;
    this.open.delete(key);
    await h.close().catch(this.onCloseError);
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((h) => h.close().catch(this.onCloseError)));
  }
}
