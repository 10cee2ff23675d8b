/**
 * The naive baseline: the design original-performance-review.md criticises, re-written for the
 * benchmark with the same hook interface as ours, so one scenario drives both.
 *
 * Per tool call, everything runs inline on the host thread and is awaited by the hook:
 *  - before: command guard (regex list + 100-entry cache), a tracker, a debug log record;
 *  - after: 25 error regexes over the whole untruncated output (twice when one matches), history,
 *    a debug log record;
 *  - every log record: recursive PII filter (13 regexes per string, home-dir regex rebuilt per
 *    string), JSON line, then `stat()` (rotation check) + `appendFile` — 4 syscalls per record;
 *  - state: `setInterval(async () => await save())` auto-save that can overlap, pretty JSON, one
 *    fixed `<file>.tmp` name shared by every save, then rename;
 *  - start-up: readdir + stat of every old log and state file, delete beyond the caps;
 *  - per-session maps: think-mode state is never cleared on delete (the review's leak).
 * It exists only to be measured; nothing in src may import it.
 */
import { join } from "node:path";
import { detectError } from "./naive-errors.js";
import { CountingFs } from "./naive-fs.js";
import { filterPiiFromObject } from "./naive-pii.js";
import { NaiveGuard } from "./naive-security.js";

export interface NaiveOptions {
  logDir: string;
  stateDir: string;
  /** Session logging (the original's default: on, all four levels). */
  logging?: boolean;
  /** State persistence and its start-up cleanup (the original ran log cleanup only inside this branch). */
  persistence?: boolean;
  /** setInterval period; 0 disables auto-save. The original's default was 30 s. */
  autoSaveIntervalMs?: number;
  maxLogFiles?: number;
  maxStateFiles?: number;
  maxLogBytes?: number;
}

interface NaiveSession {
  sessionId: string;
  createdAt: number;
  lastActivityAt: number;
  phase: string;
  toolHistory: { tool: string; success: boolean; timestamp: number }[];
  errorCount: number;
  lastError: { tool: string; output: string; category: string | null } | null;
  metadata: Record<string, unknown>;
}

// The original's caps and defaults.
const kToolHistory = 100;
const kPersistedToolHistory = 50;
const kDefaults = {
  maxLogFiles: 50,
  maxStateFiles: 100,
  maxLogBytes: 10 * 1024 * 1024,
  autoSaveIntervalMs: 30_000,
};

interface HookInput {
  tool: string;
  sessionID: string;
  callID: string;
  args?: unknown;
}

export class NaiveAtreides {
  readonly fs = new CountingFs();
  readonly sessions = new Map<string, NaiveSession>();
  /** Never cleared on session.deleted, as in the original ThinkModeManager. */
  readonly thinkMode = new Map<string, { level: string; since: number }>();
  readonly trackers = new Map<string, { tool: string; start: number }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, number>();
  private readonly guard = new NaiveGuard();
  private readonly opts: Required<NaiveOptions>;
  readonly counters = {
    records: 0,
    rotations: 0,
    rotateFailures: 0,
    savesStarted: 0,
    saves: 0,
    saveFailures: 0,
    overlappingSaves: 0,
    maxSavesInFlight: 0,
    stateBytes: 0,
  };

  private constructor(opts: NaiveOptions) {
    this.opts = { logging: true, persistence: true, ...kDefaults, ...opts } as Required<NaiveOptions>;
  }

  /** Plugin init as the original did it: mkdir, then (with persistence) cleanup of old logs and states. */
  static async create(opts: NaiveOptions): Promise<NaiveAtreides> {
    const n = new NaiveAtreides(opts);
    await n.fs.mkdirp(n.opts.logDir);
    await n.fs.mkdirp(n.opts.stateDir);
    if (n.opts.persistence) {
      await n.cleanup(n.opts.logDir, ".log", n.opts.maxLogFiles);
      await n.cleanup(n.opts.stateDir, ".json", n.opts.maxStateFiles);
    }
    return n;
  }

  private async cleanup(dir: string, ext: string, keep: number): Promise<void> {
    const names = (await this.fs.readdir(dir)).filter((f) => f.endsWith(ext));
    const stats = await Promise.all(
      names.map(async (name) => ({ name, st: await this.fs.stat(join(dir, name)) })),
    );
    const sorted = stats.filter((s) => s.st).sort((a, b) => b.st!.mtimeMs - a.st!.mtimeMs);
    for (const old of sorted.slice(keep)) await this.fs.unlink(join(dir, old.name)).catch(() => {});
  }

  private session(id: string): NaiveSession {
    let s = this.sessions.get(id);
    if (!s) {
      const now = Date.now();
      s = {
        sessionId: id,
        createdAt: now,
        lastActivityAt: now,
        phase: "idle",
        toolHistory: [],
        errorCount: 0,
        lastError: null,
        metadata: {},
      };
      this.sessions.set(id, s);
    }
    return s;
  }

  readonly hooks = {
    "tool.execute.before": async (input: HookInput, output: { args?: unknown }): Promise<void> => {
      if (!this.guard.check(input.tool, output.args)) throw new Error(`blocked ${input.tool}`);
      this.trackers.set(`${input.sessionID}:${input.callID}`, { tool: input.tool, start: Date.now() });
      const s = this.session(input.sessionID);
      s.lastActivityAt = Date.now();
      const args = output.args;
      const inputSummary = args && typeof args === "object" ? Object.keys(args).join(", ") : typeof args;
      await this.log(input.sessionID, "debug", "tool.before", { tool: input.tool, inputSummary });
    },

    "tool.execute.after": async (
      input: HookInput,
      output: { output?: unknown; metadata?: { exit?: unknown } },
    ): Promise<void> => {
      const key = `${input.sessionID}:${input.callID}`;
      const t = this.trackers.get(key);
      this.trackers.delete(key);
      const s = this.session(input.sessionID);
      const exit = typeof output.metadata?.exit === "number" ? output.metadata.exit : null;
      const r = detectError(output, exit);
      s.toolHistory.push({ tool: input.tool, success: !r.isError, timestamp: Date.now() });
      if (s.toolHistory.length > kToolHistory) s.toolHistory.shift();
      const durationMs = t ? Date.now() - t.start : undefined;
      if (!r.isError) {
        s.errorCount = 0;
        await this.log(
          input.sessionID,
          "debug",
          "tool.after",
          { tool: input.tool, success: true },
          durationMs,
        );
        return;
      }
      s.errorCount++;
      const text = typeof output.output === "string" ? output.output : "";
      s.lastError = { tool: input.tool, output: text.substring(0, 500), category: r.category };
      await this.log(
        input.sessionID,
        "warn",
        "tool.error",
        { tool: input.tool, success: false, error: text.substring(0, 500) },
        durationMs,
      );
      if (s.errorCount >= 2)
        await this.log(input.sessionID, "warn", "error.strike", {
          strike: s.errorCount,
          category: r.category,
        });
    },

    event: async ({ event }: { event: unknown }): Promise<void> => {
      const ev = event as { type?: string; properties?: { sessionID?: string } };
      const id = ev.properties?.sessionID;
      if (!id) return;
      if (ev.type === "session.created") {
        this.session(id);
        this.thinkMode.set(id, { level: "off", since: Date.now() });
        if (this.opts.persistence && this.opts.autoSaveIntervalMs > 0) this.startAutoSave(id);
        await this.log(id, "info", "session.created", {
          personaName: "Muad'Dib",
          phaseTrackingEnabled: true,
        });
      } else if (ev.type === "session.deleted") {
        const s = this.sessions.get(id);
        this.stopAutoSave(id);
        if (s && this.opts.persistence) await this.saveState(id);
        await this.log(id, "info", "session.deleted", {
          phase: s?.phase,
          errorCount: s?.errorCount,
          toolsExecuted: s?.toolHistory.length,
        });
        this.sessions.delete(id);
      } else if (ev.type === "session.idle") {
        await this.log(id, "debug", "session.activity", { event: "idle" });
      }
    },
  };

  /** filter → JSON → stat (rotation check) → appendFile, awaited by the caller. */
  async log(
    sessionId: string,
    level: string,
    event: string,
    data?: Record<string, unknown>,
    durationMs?: number,
  ): Promise<void> {
    if (!this.opts.logging) return;
    const record = {
      timestamp: new Date().toISOString(),
      level,
      sessionId,
      event,
      data: data ? filterPiiFromObject(data) : undefined,
      durationMs,
    };
    const line = `${JSON.stringify(record)}\n`;
    const path = join(this.opts.logDir, `${sessionId}.log`);
    const st = await this.fs.stat(path);
    if (st && st.size >= this.opts.maxLogBytes) {
      try {
        await this.fs.rename(
          path,
          join(this.opts.logDir, `${sessionId}.${new Date().toISOString().replace(/[:.]/g, "-")}.log`),
        );
        this.counters.rotations++;
      } catch {
        this.counters.rotateFailures++;
      }
    }
    await this.fs.appendFile(path, line);
    this.counters.records++;
  }

  /** Save one session: PII-filtered metadata, pretty JSON, the shared `<file>.tmp`, rename. */
  async saveState(sessionId: string, state?: Record<string, unknown>): Promise<void> {
    const inFlight = (this.inFlight.get(sessionId) ?? 0) + 1;
    this.inFlight.set(sessionId, inFlight);
    this.counters.savesStarted++;
    if (inFlight > 1) this.counters.overlappingSaves++;
    this.counters.maxSavesInFlight = Math.max(this.counters.maxSavesInFlight, inFlight);
    try {
      const s = state ?? this.persisted(sessionId);
      if (!s) return;
      const json = JSON.stringify({ ...s, metadata: filterPiiFromObject(s.metadata ?? {}) }, null, 2);
      const path = join(this.opts.stateDir, `${sessionId}.json`);
      await this.fs.writeFile(`${path}.tmp`, json);
      await this.fs.rename(`${path}.tmp`, path);
      this.counters.saves++;
      this.counters.stateBytes += Buffer.byteLength(json);
    } catch {
      this.counters.saveFailures++;
    } finally {
      this.inFlight.set(sessionId, (this.inFlight.get(sessionId) ?? 1) - 1);
    }
  }

  savesInFlight(sessionId: string): number {
    return this.inFlight.get(sessionId) ?? 0;
  }

  private persisted(sessionId: string): Record<string, unknown> | null {
    const s = this.sessions.get(sessionId);
    if (!s) return null;
    return {
      version: 1,
      sessionId,
      createdAt: new Date(s.createdAt).toISOString(),
      lastActivityAt: new Date(s.lastActivityAt).toISOString(),
      savedAt: new Date().toISOString(),
      phase: s.phase,
      errorCount: s.errorCount,
      toolHistory: s.toolHistory
        .slice(-kPersistedToolHistory)
        .map((t) => ({ ...t, timestamp: new Date(t.timestamp).toISOString() })),
      metadata: s.metadata,
    };
  }

  /** The criticised pattern: setInterval does not await the async callback, so saves can overlap. */
  startAutoSave(
    sessionId: string,
    getState?: () => Record<string, unknown>,
    intervalMs = this.opts.autoSaveIntervalMs,
  ): void {
    this.stopAutoSave(sessionId);
    const timer = setInterval(async () => {
      await this.saveState(sessionId, getState?.());
    }, intervalMs);
    this.timers.set(sessionId, timer);
  }

  stopAutoSave(sessionId: string): void {
    const t = this.timers.get(sessionId);
    if (t) clearInterval(t);
    this.timers.delete(sessionId);
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.stopAutoSave(id);
  }
}
