/**
 * piscina behind a small adapter: created lazily on first use (never by plugin init), integer thread
 * counts, atomics "disabled" (Bun 1.3 hangs in destroy() otherwise), an idle timeout that avoids
 * thread churn, and a deadline on every task. A task that overruns is aborted, which makes piscina
 * terminate and replace its worker.
 */
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { packOwned, unpack } from "../../shared/codec.js";
import type {
  CpuTaskName,
  CpuWireRequest,
  CpuWorkerData,
  TaskInput,
  TaskOutput,
} from "../../shared/contracts/tasks.js";

export interface CpuPoolOptions {
  threads: number;
  idleTimeoutMs: number;
  maxQueue: number;
  workerData: CpuWorkerData;
  /** Override the worker entry (tests use fixture workers that hang or crash). */
  filename?: string | URL;
}

export class TaskTimeoutError extends Error {
  override name = "TaskTimeoutError";
}

/** The pool could not run the task at all (worker failed to start, pool broken, queue full). */
export class PoolUnavailableError extends Error {
  override name = "PoolUnavailableError";
}

// Consecutive failures to start a worker after which the pool is declared broken and the
// dispatcher stays inline for the rest of the process (e.g. Worker construction refused).
const kMaxStartFailures = 3;

export class CpuPool {
  private pool: Piscina | null = null;
  private startFailures = 0;
  private completed = false;
  private readonly inFlight = new Set<AbortController>();
  broken = false;
  readonly counters = { started: 0, tasks: 0, timeouts: 0, crashes: 0, queueFull: 0 };

  constructor(private readonly opts: CpuPoolOptions) {}

  get started(): boolean {
    return this.pool !== null;
  }

  /** A task has completed in a thread: the pool is warm (the first thread takes 50–500 ms to start). */
  get ready(): boolean {
    return this.completed;
  }

  /** Tasks waiting for a thread. */
  get queued(): number {
    return this.pool?.queueSize ?? 0;
  }

  /** Start a thread now without waiting for it (pre-warm with an empty batch). Never throws. */
  warm(): void {
    if (this.pool || this.broken) return;
    this.run("parseChecklists", { texts: [] }, 30_000).catch(() => {
      // counted in run(); the dispatcher falls back to inline
    });
  }

  private ensure(): Piscina {
    if (this.pool) return this.pool;
    if (this.broken) throw new PoolUnavailableError("cpu pool unavailable");
    const threads = Math.max(1, Math.trunc(this.opts.threads));
    try {
      const filename = this.opts.filename ?? new URL("../../workers/cpu/entry.js", import.meta.url);
      this.pool = new Piscina({
        filename: typeof filename === "string" ? filename : fileURLToPath(filename),
        // Threads start on demand and stop after idleTimeout; no thread is kept for an idle host.
        minThreads: 0,
        maxThreads: threads,
        idleTimeout: this.opts.idleTimeoutMs,
        maxQueue: this.opts.maxQueue,
        atomics: "disabled",
        workerData: this.opts.workerData,
      });
      // A worker that fails to start surfaces as a pool 'error'; count it rather than crash the host.
      this.pool.on("error", () => this.onStartFailure());
      this.counters.started++;
      return this.pool;
    } catch (err) {
      this.onStartFailure();
      throw err;
    }
  }

  private onStartFailure(): void {
    this.startFailures++;
    if (this.startFailures >= kMaxStartFailures) this.broken = true;
    // Tasks waiting on a worker that failed to start would wait for their deadline: release them now.
    for (const ac of this.inFlight) ac.abort(new PoolUnavailableError("cpu worker failed to start"));
  }

  async run<K extends CpuTaskName>(task: K, input: TaskInput<K>, timeoutMs: number): Promise<TaskOutput<K>> {
    let pool: Piscina;
    try {
      pool = this.ensure();
    } catch (err) {
      throw err instanceof PoolUnavailableError
        ? err
        : new PoolUnavailableError(String((err as Error)?.message ?? err));
    }
    if (pool.queueSize >= this.opts.maxQueue) {
      this.counters.queueFull++;
      throw new PoolUnavailableError("cpu pool queue full");
    }
    const payload = packOwned(input);
    const req: CpuWireRequest = { task, payload };
    const ac = new AbortController();
    const timer = setTimeout(
      () => ac.abort(new TaskTimeoutError(`${task} exceeded ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
    this.counters.tasks++;
    this.inFlight.add(ac);
    try {
      const out = (await pool.run(req, {
        signal: ac.signal,
        transferList: [payload.buffer as ArrayBuffer],
      })) as Uint8Array;
      this.startFailures = 0;
      this.completed = true;
      return unpack<TaskOutput<K>>(out);
    } catch (err) {
      if (ac.signal.aborted) {
        if (ac.signal.reason instanceof PoolUnavailableError) throw ac.signal.reason;
        this.counters.timeouts++;
        throw new TaskTimeoutError(`${task} exceeded ${timeoutMs} ms`);
      }
      this.counters.crashes++;
      throw err;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(ac);
    }
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    if (p) await p.destroy();
  }
}
