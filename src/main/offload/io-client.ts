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
import type { IoAck, IoApi, IoBatch, IoOptions, IoStats, LogSpan, StateWrite } from "../../shared/contracts/io-api.js";
import { IoService } from "../../shared/io/io-service.js";

export interface PendingBatch {
  seq: number;
  spans: { sessionID: string; lines: string[] }[];
  states: StateWrite[];
  bytes: number;
}

// Restarts allowed before the client gives up on workers and writes in-process.
const kMaxRestarts = 5;
// Unacked data kept for re-sending; beyond it the oldest batches' records are dropped and counted.
const kMaxUnackedBytes = 16 * 1024 * 1024;

export class IoClient {
  private api: Remote<IoApi> | IoApi | null = null;
  private worker: Worker | null = null;
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
        try {
          const w = new Worker(this.workerUrl);
          w.unref();
          w.on("error", () => this.onWorkerDeath(w));
          w.on("exit", () => this.onWorkerDeath(w));
          this.worker = w;
          const api = wrap<IoApi>(nodeEndpoint(w as never));
          this.api = api;
          await api.init(this.opts);
          return;
        } catch {
          this.counters.errors++;
          this.worker?.terminate().catch(() => {});
          this.worker = null;
        }
      }
      const svc = new IoService();
      await svc.init(this.opts);
      this.api = svc;
      this.counters.inProcess = true;
    })();
    return this.starting;
  }

  private onWorkerDeath(w: Worker): void {
    if (this.worker !== w || this.closed) return;
    this.worker = null;
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

  /** Queue one batch (already redacted) and send it. Resolves when acked; never rejects. */
  submit(spans: PendingBatch["spans"], states: StateWrite[]): Promise<IoAck | null> {
    if (this.closed) return Promise.resolve(null);
    let bytes = 0;
    for (const s of spans) for (const l of s.lines) bytes += l.length;
    for (const s of states) bytes += s.text.length;
    const batch: PendingBatch = { seq: ++this.seq, spans, states, bytes };
    this.unacked.set(batch.seq, batch);
    this.unackedBytes += bytes;
    this.enforceCap();
    this.counters.batches++;
    return this.send(batch);
  }

  private enforceCap(): void {
    for (const [seq, b] of this.unacked) {
      if (this.unackedBytes <= kMaxUnackedBytes) break;
      for (const s of b.spans) this.counters.droppedRecords += s.lines.length;
      this.unackedBytes -= b.bytes;
      this.unacked.delete(seq);
    }
  }

  private async send(b: PendingBatch): Promise<IoAck | null> {
    try {
      await this.start();
      const api = this.api;
      if (!api) return null;
      const wire = encodeBatch(b);
      const ack = await (wire.logs && this.worker ? api.submit(transfer(wire, [wire.logs.buffer])) : api.submit(wire));
      if (this.unacked.delete(b.seq)) this.unackedBytes -= b.bytes;
      return ack;
    } catch {
      // Worker died mid-call: onWorkerDeath re-sends. Anything else is counted; data stays unacked.
      this.counters.errors++;
      return null;
    }
  }

  get unackedCount(): number {
    return this.unacked.size;
  }

  async flush(): Promise<IoStats | null> {
    try {
      if (!this.api) return null;
      return await this.api.flush();
    } catch {
      this.counters.errors++;
      return null;
    }
  }

  async loadState(sessionID: string): Promise<string | null> {
    try {
      await this.start();
      return (await this.api?.loadState(sessionID)) ?? null;
    } catch {
      this.counters.errors++;
      return null;
    }
  }

  async stats(): Promise<IoStats | null> {
    try {
      return this.api ? await this.api.stats() : null;
    } catch {
      return null;
    }
  }

  /** Flush and stop within the deadline. Idempotent; never throws. */
  async close(deadlineMs: number): Promise<IoStats | null> {
    if (this.closed) return null;
    this.closed = true;
    const api = this.api;
    const w = this.worker;
    let stats: IoStats | null = null;
    if (api) {
      const timer = new Promise<null>((r) => setTimeout(() => r(null), deadlineMs).unref());
      stats = await Promise.race([api.close(Math.max(1, deadlineMs - 10)).catch(() => null), timer]);
    }
    this.worker = null;
    if (w) await w.terminate().catch(() => 0);
    return stats;
  }

  /** For tests: the live worker (to kill it). */
  get workerForTest(): Worker | null {
    return this.worker;
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
    logIndex.push({ sessionID: b.spans[i]!.sessionID, start: offset, length: len, records: b.spans[i]!.lines.length });
    offset += len;
  }
  return { seq: b.seq, logs: bytes, logIndex, states: b.states };
}
