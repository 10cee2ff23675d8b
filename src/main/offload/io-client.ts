/**
 * The host side of the I/O worker. One comlink `submit` per flush window; the batch's log bytes are
 * transferred. Batches stay in memory until the worker acks them (written or safely buffered), so a
 * worker that dies mid-batch is restarted and the unacked batches are sent again: nothing acked is
 * ever re-sent and nothing unacked is lost (within a bounded buffer whose overflow is counted).
 * If no worker can be started, the same IoService runs in-process.
 */
import { Worker } from "node:worker_threads";
import { type Remote, releaseProxy, transfer, wrap } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type {
  IoAck,
  IoApi,
  IoBatch,
  IoOptions,
  IoStats,
  LogSpan,
  StateWrite,
} from "../../shared/contracts/io-api.js";
import { IoService } from "../../shared/io/io-service.js";

export interface PendingBatch {
  seq: number;
  spans: { sessionID: string; lines: string[] }[];
  states: StateWrite[];
  bytes: number;
  /** Settles the caller's promise: with the ack, or null when the batch is dropped or the client closes. */
  settle?: (ack: IoAck | null) => void;
}

/** A call was in flight to a worker that died: comlink never settles such a call on its own. */
class WorkerGoneError extends Error {
  override name = "WorkerGoneError";
}

interface Live {
  worker: Worker;
  /** Rejecters of the calls in flight to this worker; all fail with WorkerGoneError when it dies.
   *  (A Set, not one long-lived promise raced by every call: each race would leave a reaction on it.) */
  waiters: Set<(err: Error) => void>;
  dead: boolean;
}

// Restarts allowed before the client gives up on workers and writes in-process.
const kMaxRestarts = 5;
// Unacked data kept for re-sending; beyond it the oldest batches' records are dropped and counted.
const kMaxUnackedBytes = 16 * 1024 * 1024;

export class IoClient {
  private api: Remote<IoApi> | IoApi | null = null;
  private live: Live | null = null;
  private starting: Promise<void> | null = null;
  private readonly unacked = new Map<number, PendingBatch>();
  private unackedBytes = 0;
  private seq = 0;
  private restarts = 0;
  private closed = false;
  readonly counters = { batches: 0, restarts: 0, resent: 0, droppedRecords: 0, inProcess: false, errors: 0 };

  constructor(
    private readonly opts: IoOptions,
    private readonly workerUrl: URL | null,
  ) {}

  private start(): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = (async () => {
      if (this.workerUrl && this.restarts <= kMaxRestarts) {
        let live: Live | null = null;
        try {
          const w = new Worker(this.workerUrl);
          w.unref();
          live = { worker: w, waiters: new Set(), dead: false };
          w.on("error", () => this.onWorkerDeath(w));
          w.on("exit", () => this.onWorkerDeath(w));
          this.live = live;
          const api = wrap<IoApi>(nodeEndpoint(w as never));
          this.api = api;
          await this.guard(() => api.init(this.opts));
          return;
        } catch (err) {
          this.counters.errors++;
          // Died while starting: onWorkerDeath already reset the client and re-sent what was pending.
          if (err instanceof WorkerGoneError) throw err;
          // Construction or init refused with the worker alive: stop it and write in-process instead.
          if (live && this.live === live) {
            this.live = null;
            this.api = null;
            live.worker.terminate().catch(() => {});
          }
        }
      }
      const svc = new IoService();
      await svc.init(this.opts);
      this.api = svc;
      this.counters.inProcess = true;
    })();
    return this.starting;
  }

  /** A call to the current API that settles even if the worker dies under it (WorkerGoneError). */
  private guard<T>(call: (api: Remote<IoApi> | IoApi) => Promise<T>): Promise<T> {
    const api = this.api;
    if (!api) return Promise.reject(new WorkerGoneError("io worker not running"));
    const live = this.live;
    if (!live) return call(api);
    if (live.dead) return Promise.reject(new WorkerGoneError("io worker exited"));
    return new Promise<T>((resolve, reject) => {
      live.waiters.add(reject);
      call(api).then(
        (v) => {
          live.waiters.delete(reject);
          resolve(v);
        },
        (e) => {
          live.waiters.delete(reject);
          reject(e);
        },
      );
    });
  }

  private onWorkerDeath(w: Worker): void {
    const live = this.live;
    if (!live || live.worker !== w) return;
    this.live = null;
    live.dead = true;
    const gone = new WorkerGoneError("io worker exited");
    for (const reject of live.waiters) reject(gone);
    live.waiters.clear();
    if (this.closed) return;
    const api = this.api as Remote<IoApi> | null;
    this.api = null;
    this.starting = null;
    try {
      api?.[releaseProxy]?.();
    } catch {
      // the endpoint is gone already
    }
    this.restarts++;
    this.counters.restarts++;
    // Re-send everything not acked, oldest first, to the replacement.
    const pending = [...this.unacked.values()].sort((a, b) => a.seq - b.seq);
    for (const b of pending) {
      this.counters.resent++;
      this.send(b);
    }
  }

  /**
   * Queue one batch (already redacted) and send it. Resolves when acked (by this worker or, after a
   * crash, by its replacement), or with null when the batch is dropped or the client closes; never
   * rejects, never hangs on a dead worker.
   */
  submit(spans: PendingBatch["spans"], states: StateWrite[]): Promise<IoAck | null> {
    if (this.closed) return Promise.resolve(null);
    let bytes = 0;
    for (const s of spans) for (const l of s.lines) bytes += l.length;
    for (const s of states) bytes += s.text.length;
    const batch: PendingBatch = { seq: ++this.seq, spans, states, bytes };
    const done = new Promise<IoAck | null>((resolve) => {
      batch.settle = resolve;
    });
    this.unacked.set(batch.seq, batch);
    this.unackedBytes += bytes;
    this.enforceCap();
    this.counters.batches++;
    void this.send(batch);
    return done;
  }

  private enforceCap(): void {
    for (const [seq, b] of this.unacked) {
      if (this.unackedBytes <= kMaxUnackedBytes) break;
      for (const s of b.spans) this.counters.droppedRecords += s.lines.length;
      this.unackedBytes -= b.bytes;
      this.unacked.delete(seq);
      b.settle?.(null);
    }
  }

  private async send(b: PendingBatch): Promise<void> {
    try {
      await this.start();
      const wire = encodeBatch(b);
      const ack = await this.guard((api) =>
        wire.logs && this.live ? api.submit(transfer(wire, [wire.logs.buffer])) : api.submit(wire),
      );
      if (this.unacked.delete(b.seq)) this.unackedBytes -= b.bytes;
      b.settle?.(ack);
    } catch (err) {
      this.counters.errors++;
      // Worker died mid-call: onWorkerDeath has re-sent the batch, whose ack settles the caller.
      if (err instanceof WorkerGoneError && !this.closed) return;
      // Anything else: the caller is released; the data stays unacked (re-sent if the worker dies).
      b.settle?.(null);
    }
  }

  async flush(): Promise<IoStats | null> {
    try {
      if (!this.api) return null;
      return await this.guard((api) => api.flush());
    } catch {
      this.counters.errors++;
      return null;
    }
  }

  async loadState(sessionID: string): Promise<string | null> {
    // A worker that dies under the read is replaced: ask its replacement once (a resumed session
    // that read "no state" would save a fresh state over its saved one).
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await this.start();
        return (await this.guard((api) => api.loadState(sessionID))) ?? null;
      } catch (err) {
        this.counters.errors++;
        if (!(err instanceof WorkerGoneError) || this.closed) return null;
      }
    }
    return null;
  }

  async stats(): Promise<IoStats | null> {
    try {
      return this.api ? await this.guard((api) => api.stats()) : null;
    } catch {
      return null;
    }
  }

  /** Flush and stop within the deadline. Idempotent; never throws. */
  async close(deadlineMs: number): Promise<IoStats | null> {
    if (this.closed) return null;
    this.closed = true;
    const api = this.api;
    const live = this.live;
    let stats: IoStats | null = null;
    if (api) {
      const timer = new Promise<null>((r) => setTimeout(() => r(null), deadlineMs).unref());
      const closing = this.guard((a) => a.close(Math.max(1, deadlineMs - 10))).catch(() => null);
      stats = await Promise.race([closing, timer]);
    }
    this.live = null;
    if (live) await live.worker.terminate().catch(() => 0);
    // Whatever is still unacked will not be written by this client: release its callers.
    for (const b of this.unacked.values()) b.settle?.(null);
    return stats;
  }

  /** For tests: the live worker (to kill it). */
  get workerForTest(): Worker | null {
    return this.live?.worker ?? null;
  }
}

const encoder = new TextEncoder();

/** Lines → one UTF-8 buffer plus per-session spans; the worker writes spans without parsing records. */
export function encodeBatch(b: PendingBatch): IoBatch {
  const logIndex: LogSpan[] = [];
  if (b.spans.length === 0) return { seq: b.seq, logs: null, logIndex, states: b.states };
  const parts: string[] = [];
  for (const s of b.spans) parts.push(s.lines.join(""));
  const bytes = encoder.encode(parts.join(""));
  let offset = 0;
  for (let i = 0; i < b.spans.length; i++) {
    const len = Buffer.byteLength(parts[i]!);
    logIndex.push({
      sessionID: b.spans[i]!.sessionID,
      start: offset,
      length: len,
      records: b.spans[i]!.lines.length,
    });
    offset += len;
  }
  return { seq: b.seq, logs: bytes, logIndex, states: b.states };
}
