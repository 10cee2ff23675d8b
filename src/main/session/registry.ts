/**
 * The one lifecycle registry. Every per-session thing (state, tool-call trackers keyed by callID,
 * timers, and any feature map keyed by session id) is owned here, so `session.deleted`, the idle
 * sweeper and the session cap clear all of it by construction. Nothing per-session lives elsewhere.
 */
import type { AtreidesConfig } from "../../shared/config/schema.js";
import { createSessionState, type SessionState } from "../../shared/state/session-state.js";

export interface CallTracker {
  tool: string;
  startedAt: number;
}

export interface Session {
  readonly id: string;
  state: SessionState;
  /** Open tool calls by callID; a call whose `after` never comes is dropped with the session. */
  readonly calls: Map<string, CallTracker>;
  readonly timers: Map<string, NodeJS.Timeout>;
  /** Monotonic change counter: bumps on every state change worth persisting or re-rendering. */
  version: number;
  /** The version last handed to the writer. */
  savedVersion: number;
  /** callIDs this plugin blocked or already counted as failed (capped), so a failure counts once. */
  readonly seenCalls: Set<string>;
  /** Last rendered system block and the view fingerprint it was built from (prompt caching). */
  prompt: { fingerprint: string; text: string } | null;
}

export type DeleteReason = "deleted" | "idle-ttl" | "evicted" | "dispose";

export interface SessionOwner {
  name: string;
  /** Called once when a session first appears in this process. */
  onCreate?(session: Session): void;
  /** Called with the session still present; must drop everything kept for it. */
  onDelete(session: Session, reason: DeleteReason): void;
}

// Open calls per session: a model cannot have more tools in flight than this; beyond it the oldest
// tracker is an orphan (its `after` never came) and is dropped, counted.
const kMaxOpenCalls = 256;

export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly owners: SessionOwner[] = [];
  private readonly keyedMaps: Map<string, unknown>[] = [];
  private sweeper: NodeJS.Timeout | null = null;
  /** The most recently used session (last in map order): touching it again needs no re-insert. */
  private newest: Session | null = null;
  readonly counters = { created: 0, deleted: 0, swept: 0, evicted: 0, orphanCalls: 0 };

  constructor(
    private readonly limits: AtreidesConfig["limits"],
    private readonly now: () => number = Date.now,
  ) {}

  /** Get or create. Creation happens on the first event or hook that names a session. */
  touch(id: string): Session {
    let s = this.sessions.get(id);
    const t = this.now();
    if (s) {
      // Map order is LRU order: re-insert on touch so eviction takes the least recently used. Hooks
      // touch the same session several times per tool call; only the first moves it.
      if (s !== this.newest) {
        this.sessions.delete(id);
        this.sessions.set(id, s);
        this.newest = s;
      }
      s.state.lastActivityAt = t;
      return s;
    }
    s = {
      id,
      state: createSessionState(id, t),
      calls: new Map(),
      timers: new Map(),
      version: 0,
      savedVersion: 0,
      seenCalls: new Set(),
      prompt: null,
    };
    this.sessions.set(id, s);
    this.newest = s;
    this.counters.created++;
    for (const o of this.owners) {
      try {
        o.onCreate?.(s);
      } catch {
        // an owner's bug must not stop the session from existing
      }
    }
    if (this.sessions.size > this.limits.maxSessions) {
      const oldest = this.sessions.keys().next().value as string;
      this.delete(oldest, "evicted");
      this.counters.evicted++;
    }
    return s;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  has(id: string): boolean {
    return this.sessions.has(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  *all(): IterableIterator<Session> {
    yield* this.sessions.values();
  }

  /** A feature that keeps anything per session registers here to be told when the session goes. */
  own(owner: SessionOwner): void {
    this.owners.push(owner);
  }

  /** A Map keyed by session id that the registry clears on delete (for state kept outside Session). */
  keyedMap<V>(): Map<string, V> {
    const m = new Map<string, V>();
    this.keyedMaps.push(m as Map<string, unknown>);
    return m;
  }

  startCall(s: Session, callID: string, tool: string): void {
    if (s.calls.size >= kMaxOpenCalls) {
      const oldest = s.calls.keys().next().value as string;
      s.calls.delete(oldest);
      this.counters.orphanCalls++;
    }
    s.calls.set(callID, { tool, startedAt: this.now() });
  }

  /** Remember a callID (blocked or counted as failed); capped, oldest forgotten first. */
  markCall(s: Session, callID: string): boolean {
    if (s.seenCalls.has(callID)) return false;
    if (s.seenCalls.size >= kMaxOpenCalls) s.seenCalls.delete(s.seenCalls.values().next().value as string);
    s.seenCalls.add(callID);
    return true;
  }

  endCall(s: Session, callID: string): CallTracker | undefined {
    const c = s.calls.get(callID);
    if (c) s.calls.delete(callID);
    return c;
  }

  /** One named timer per session; replaces an earlier one of the same name. unref'd always. */
  setTimer(s: Session, name: string, ms: number, fn: () => void): void {
    this.clearTimer(s, name);
    const t = setTimeout(() => {
      s.timers.delete(name);
      fn();
    }, ms);
    t.unref();
    s.timers.set(name, t);
  }

  clearTimer(s: Session, name: string): void {
    const t = s.timers.get(name);
    if (t) {
      clearTimeout(t);
      s.timers.delete(name);
    }
  }

  delete(id: string, reason: DeleteReason): boolean {
    const s = this.sessions.get(id);
    if (!s) return false;
    for (const o of this.owners) {
      try {
        o.onDelete(s, reason);
      } catch {
        // An owner's bug must not keep the rest of the session alive.
      }
    }
    for (const t of s.timers.values()) clearTimeout(t);
    s.timers.clear();
    s.calls.clear();
    s.seenCalls.clear();
    for (const m of this.keyedMaps) m.delete(id);
    this.sessions.delete(id);
    if (this.newest === s) this.newest = null;
    this.counters.deleted++;
    return true;
  }

  /** Evict sessions idle for longer than the TTL (their delete event never came). */
  sweep(): number {
    const cutoff = this.now() - this.limits.sessionIdleTtlMs;
    let n = 0;
    // LRU order: the first session that is fresh enough ends the scan.
    for (const s of this.sessions.values()) {
      if (s.state.lastActivityAt > cutoff) break;
      this.delete(s.id, "idle-ttl");
      n++;
    }
    this.counters.swept += n;
    return n;
  }

  startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), this.limits.sweepIntervalMs);
    this.sweeper.unref();
  }

  stopSweeper(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** Everything still held per session, summed: zero after every session is gone. */
  entryCount(): number {
    let n = this.sessions.size;
    for (const s of this.sessions.values()) n += s.calls.size + s.timers.size + s.seenCalls.size;
    for (const m of this.keyedMaps) n += m.size;
    return n;
  }

  /** Drop every session (dispose). */
  clear(reason: DeleteReason = "dispose"): void {
    for (const id of [...this.sessions.keys()]) this.delete(id, reason);
    this.stopSweeper();
  }
}
