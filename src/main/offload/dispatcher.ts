/**
 * Adaptive dispatch: a batch smaller than the threshold runs inline (a worker round trip costs
 * 30–100 µs, more than the work); a larger one goes to the pool. Whatever goes wrong in the pool —
 * queue full, deadline overrun, crash — the caller still gets a result: inline (queue full), a retry
 * (crash, once), or a safe degraded result (deadline: over-redact, never raw). Never throws.
 */
import type { CpuTaskName, TaskInput, TaskOutput } from "../../shared/contracts/tasks.js";
import { overRedact } from "../../shared/redact/index.js";
import { executeTask, type TaskContext } from "../../shared/tasks/execute.js";
import { type CpuPool, PoolUnavailableError, TaskTimeoutError } from "./cpu-pool.js";

export interface DispatchOptions {
  thresholdBytes: number;
  timeoutMs: number;
}

/**
 * Inline cost per input byte, relative to redaction (bench/scenarios/pool-scaling, 2-core host):
 * redaction ≈ 30 ns/B, an error scan of its head+tail window ≈ 3 ns/B, checklist parsing ≈ 3 ns/B.
 * A pool task costs the host thread ~100–140 µs whatever its size (pack, post, unpack), so the
 * threshold is in redaction-equivalent bytes: a scan or a parse needs ~10× more input to pay off.
 */
const kTaskWeight: Readonly<Record<CpuTaskName, number>> = {
  redactLines: 1,
  scanOutputs: 0.1,
  parseChecklists: 0.1,
};

// Batches below this many thresholds run inline rather than wait for a busy or still-starting pool:
// the work is small next to the wait (a queued task, or a thread start).
const kBusyInlineFactor = 4;

export class Dispatcher {
  readonly counters = {
    inline: 0,
    pooled: 0,
    retried: 0,
    degraded: 0,
    overflowInline: 0,
    inlineErrors: 0,
    coldInline: 0,
  };

  constructor(
    private readonly ctx: TaskContext,
    private readonly pool: CpuPool | null,
    private readonly opts: DispatchOptions,
  ) {}

  /** Run a batch; `bytes` is the caller's estimate of the input size (sum of string lengths). */
  async run<K extends CpuTaskName>(task: K, input: TaskInput<K>, inputBytes: number): Promise<TaskOutput<K>> {
    const pool = this.pool;
    const bytes = inputBytes * kTaskWeight[task];
    if (!pool || pool.broken || bytes < this.opts.thresholdBytes) return this.inline(task, input);
    if (!pool.ready && bytes < this.opts.thresholdBytes * kBusyInlineFactor) {
      // The first thread takes 50–500 ms to start. A batch that is not big does not wait for it (a
      // log window waiting on it would stretch the crash-loss window past one flush); warm it instead.
      pool.warm();
      this.counters.coldInline++;
      return this.inline(task, input);
    }
    if (pool.started && pool.queued >= 1 && bytes < this.opts.thresholdBytes * kBusyInlineFactor) {
      // The pool is busy and this batch is not big: waiting behind the queue costs more than doing it.
      this.counters.overflowInline++;
      return this.inline(task, input);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const out = await pool.run(task, input, this.opts.timeoutMs);
        this.counters.pooled++;
        return out;
      } catch (err) {
        if (err instanceof TaskTimeoutError) break;
        if (pool.broken || err instanceof PoolUnavailableError) {
          this.counters.overflowInline++;
          return this.inline(task, input);
        }
        if (attempt === 0) this.counters.retried++;
      }
    }
    this.counters.degraded++;
    return degrade(task, input);
  }

  /** Same task table on this thread. A throw here is a bug in Atreides: degrade, never propagate. */
  inline<K extends CpuTaskName>(task: K, input: TaskInput<K>): TaskOutput<K> {
    this.counters.inline++;
    try {
      return executeTask(this.ctx, task, input);
    } catch {
      this.counters.inlineErrors++;
      return degrade(task, input);
    }
  }
}

/** The safe result when a task cannot finish: redaction over-redacts, scans fall back to exit codes. */
export function degrade<K extends CpuTaskName>(task: K, input: TaskInput<K>): TaskOutput<K> {
  switch (task) {
    case "redactLines":
      return { lines: (input as TaskInput<"redactLines">).lines.map(degradeLine) } as TaskOutput<K>;
    case "scanOutputs":
      return {
        results: (input as TaskInput<"scanOutputs">).items.map((it) => {
          const isError = it.failed === true || (typeof it.exitCode === "number" && it.exitCode !== 0);
          return {
            isError,
            category: isError ? "generic" : null,
            signal: isError ? "degraded" : null,
            excerpt: "",
          };
        }),
      } as TaskOutput<K>;
    case "parseChecklists":
      return {
        results: (input as TaskInput<"parseChecklists">).texts.map(() => ({ items: [], completions: [] })),
      } as TaskOutput<K>;
    default:
      throw new Error(`this should not happen: unknown task ${String(task)}`);
  }
}

/** Keep the record's frame (level, time, session, event) and over-redact everything else. */
function degradeLine(line: string): string {
  try {
    const rec = JSON.parse(line) as Record<string, unknown>;
    const out: Record<string, unknown> = {
      level: rec.level,
      time: rec.time,
      msg: typeof rec.msg === "string" ? overRedact(rec.msg) : undefined,
      sessionID: rec.sessionID,
      event: rec.event,
      redaction: "degraded",
    };
    if (rec.data !== undefined) out.data = overRedact(JSON.stringify(rec.data));
    return JSON.stringify(out);
  } catch {
    return JSON.stringify({
      level: 40,
      time: Date.now(),
      msg: "record dropped: redaction failed",
      redaction: "degraded",
    });
  }
}
