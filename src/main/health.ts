/**
 * Failures handled off the hot path — pool overruns and crashes, I/O worker restarts, disk errors,
 * dropped records, redaction that degraded — are counted where they happen and never thrown. The
 * health check turns new ones into one warning line in OpenCode's log (service "atreides"), so they
 * are visible even when the session log itself cannot be written. It runs on an unref'd timer and
 * once more at dispose; a check costs one stats() round trip to the I/O worker.
 */
import type { IoStats } from "../shared/contracts/io-api.js";
import { hostLog } from "./hooks/table.js";
import type { Runtime } from "./runtime.js";

// Soon enough to see a failure while the session is still running; rare enough to cost nothing.
const kCheckEveryMs = 30_000;
// Reports kept for the status tool and tests; older ones are in OpenCode's log.
const kKeptReports = 10;

type Counts = Record<string, number>;

/** What the monitor reads: the runtime's counters and the host client (no behaviour). */
export type HealthSources = Pick<Runtime, "input" | "pool" | "dispatcher" | "io" | "pipeline" | "counters">;

function counts(rt: HealthSources, io: IoStats | null): Counts {
  const pool = rt.pool?.counters;
  return {
    "pool task timeouts": pool?.timeouts ?? 0,
    "pool worker crashes": pool?.crashes ?? 0,
    "pool queue full": pool?.queueFull ?? 0,
    "tasks degraded": rt.dispatcher.counters.degraded,
    "inline task errors": rt.dispatcher.counters.inlineErrors,
    "I/O worker restarts": rt.io.counters.restarts,
    "log records dropped":
      rt.pipeline.counters.dropped + rt.io.counters.droppedRecords + (io?.recordsDropped ?? 0),
    "state saves skipped": rt.pipeline.counters.statesSkipped,
    "hook errors": rt.counters.hookErrors,
  };
}

export class HealthMonitor {
  private last: Counts = {};
  private lastDiskError: string | null = null;
  private saidPoolBroken = false;
  private saidInProcess = false;
  private timer: NodeJS.Timeout | null = null;
  /** The latest reports (newest last). */
  readonly reports: string[] = [];

  constructor(private readonly rt: HealthSources) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.check(), kCheckEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Report what went wrong since the last check; returns the line written, or null. Never throws. */
  async check(): Promise<string | null> {
    try {
      const stats = await this.rt.io.stats();
      const now = counts(this.rt, stats);
      const parts: string[] = [];
      for (const [k, v] of Object.entries(now)) {
        const d = v - (this.last[k] ?? 0);
        if (d > 0) parts.push(`${k} +${d}`);
      }
      this.last = now;
      if (this.rt.pool?.broken && !this.saidPoolBroken) {
        this.saidPoolBroken = true;
        parts.push("CPU worker threads cannot start: all work runs inline");
      }
      // In-process by design with poolSize 0; after errors it is a fallback worth saying.
      const io = this.rt.io.counters;
      if (io.inProcess && io.errors + io.restarts > 0 && !this.saidInProcess) {
        this.saidInProcess = true;
        parts.push("the I/O worker cannot start: writing on the host thread");
      }
      const disk = stats?.lastError ?? null;
      if (disk && disk !== this.lastDiskError) parts.push(`last disk error: ${disk.slice(0, 200)}`);
      this.lastDiskError = disk;
      if (parts.length === 0) return null;
      const line = `health: ${parts.join("; ")}`;
      this.reports.push(line);
      if (this.reports.length > kKeptReports) this.reports.shift();
      hostLog(this.rt, "warn", line);
      return line;
    } catch {
      return null;
    }
  }
}
