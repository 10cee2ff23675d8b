/**
 * Per-session barrier: results computed off the hot path (scans, parses, a state reload) register
 * here, and the next system-prompt transform or compaction for that session waits for them with a
 * short deadline. Entries live in a registry-owned map, so they go with the session.
 */
import type { SessionRegistry } from "./registry.js";

// Pending results tracked per session; a flood beyond this is not waited for (results still apply).
const kMaxPendingPerSession = 64;

export class Barrier {
  private readonly pending: Map<string, Set<Promise<unknown>>>;
  readonly counters = { waits: 0, timeouts: 0 };

  constructor(registry: SessionRegistry) {
    this.pending = registry.keyedMap();
  }

  add(sessionID: string, p: Promise<unknown>): void {
    let set = this.pending.get(sessionID);
    if (!set) {
      set = new Set();
      this.pending.set(sessionID, set);
    }
    // Every item pushed in one tick shares its batch's promise: track (and chain onto) it once.
    if (set.has(p) || set.size >= kMaxPendingPerSession) return;
    set.add(p);
    const done = () => {
      const s = this.pending.get(sessionID);
      if (!s) return;
      s.delete(p);
      if (s.size === 0) this.pending.delete(sessionID);
    };
    p.then(done, done);
  }

  /** Wait for this session's pending results, at most `ms`. Never rejects. */
  async wait(sessionID: string, ms: number): Promise<void> {
    const set = this.pending.get(sessionID);
    if (!set || set.size === 0) return;
    this.counters.waits++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((r) => {
      timer = setTimeout(() => r("timeout"), ms);
      timer.unref();
    });
    const all = Promise.allSettled([...set]).then(() => "done" as const);
    const r = await Promise.race([all, timeout]);
    clearTimeout(timer);
    if (r === "timeout") this.counters.timeouts++;
  }
}
