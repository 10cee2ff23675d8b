/**
 * The I/O service: every log append, state save and retention pass. It runs inside the I/O worker
 * (exposed through comlink) or, unchanged, in-process when no worker can start.
 *
 * Timing: a submit is written on the next turn of the event loop (submits arriving in the same turn
 * share the writes). The main thread already batches one submit per flush window, so waiting another
 * window here would only double latency; flushIntervalMs stays an upper bound. A timer exists only
 * while something waits for a retry after a disk error.
 *
 * Acks: a submit resolves once each of its records is written, held for retry after a disk error,
 * or dropped (counted), and each of its states is saved, superseded, held for retry, or dropped.
 * After close, submit rejects with "io: service is closed".
 */
import type { IoAck, IoApi, IoBatch, IoOptions, IoStats, StateMeta } from "../contracts/io-api.js";
import { AckTally } from "./ack.js";
import { IoCounters } from "./counters.js";
import { type FsLike, nodeFs } from "./fs-seam.js";
import { LogWriter } from "./log-writer.js";
import { isLogFileName, isStateFileName } from "./names.js";
import { normalizeIoOptions } from "./options.js";
import { applyRetention, type RetentionTarget } from "./retention.js";
import { StateStore } from "./state-store.js";

const kDirMode = 0o700;
// Shortest retry timer: a backoff that is already due still waits this long, so errors never spin.
const kMinRetryTickMs = 10;
// After the close deadline, closing file handles gets this much longer before close returns anyway.
const kCloseHandlesMs = 250;

interface Parts {
  writer: LogWriter;
  store: StateStore;
}

function count(v: unknown): number {
  return typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 0;
}

/** The span's bytes as a view of the batch buffer; null when the span is malformed. */
function spanBytes(logs: Uint8Array | null, start: unknown, length: unknown): Uint8Array | null {
  if (!(logs instanceof Uint8Array)) return null;
  if (typeof start !== "number" || typeof length !== "number") return null;
  if (!Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0) return null;
  if (start + length > logs.byteLength) return null;
  return logs.subarray(start, start + length);
}

/** Resolves true when `work` settles first, false when `ms` passes first. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([work.then(() => true), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class IoService implements IoApi {
  private opts: IoOptions | null = null;
  private parts: Parts | null = null;
  private readonly counters = new IoCounters();
  private closing: Promise<IoStats> | null = null;
  private soon: ReturnType<typeof setImmediate> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimerAt = 0;
  private retentionTimer: ReturnType<typeof setTimeout> | null = null;
  private retentionRun: Promise<void> | null = null;
  private retentionAborted = false;
  private retentionFinished!: () => void;
  private readonly retentionDone: Promise<void>;

  constructor(private readonly fs: FsLike = nodeFs) {
    this.retentionDone = new Promise((resolve) => {
      this.retentionFinished = resolve;
    });
  }

  /** mkdir -p of both directories, nothing else; retention starts retentionDelayMs later in the background. */
  async init(raw: IoOptions): Promise<void> {
    if (this.closing) throw new Error("io: service is closed");
    if (this.opts) throw new Error("io: init called twice");
    const opts = normalizeIoOptions(raw);
    this.opts = opts;
    const onRoundEnd = () => this.scheduleRetry();
    this.parts = {
      writer: new LogWriter(this.fs, opts, this.counters, onRoundEnd),
      store: new StateStore(
        this.fs,
        opts.stateDir,
        opts.fsync,
        opts.maxBufferedBytes,
        this.counters,
        onRoundEnd,
      ),
    };
    // A directory that cannot be created is a disk error like any other: recorded, retried on write.
    await Promise.all(
      [opts.logDir, opts.stateDir].map((d) =>
        this.fs.mkdirp(d, kDirMode).catch((err) => this.counters.error("mkdir", err)),
      ),
    );
    if (this.closing) return;
    this.retentionTimer = setTimeout(() => {
      this.retentionTimer = null;
      this.retentionRun = this.runRetention();
    }, opts.retentionDelayMs);
    this.retentionTimer.unref();
  }

  async submit(batch: IoBatch): Promise<IoAck> {
    const { writer, store } = this.ready();
    const tally = new AckTally(typeof batch?.seq === "number" ? batch.seq : -1);
    const logs = batch.logs ?? null;
    for (const span of Array.isArray(batch.logIndex) ? batch.logIndex : []) {
      const records = count(span?.records);
      const bytes = spanBytes(logs, span?.start, span?.length);
      if (!bytes || typeof span.sessionID !== "string") {
        this.counters.drop("bad-span", records);
        tally.dropNow(records);
        continue;
      }
      writer.accept(span.sessionID, bytes, records, tally.hold());
    }
    for (const st of Array.isArray(batch.states) ? batch.states : []) {
      if (typeof st?.sessionID !== "string" || typeof st.text !== "string") continue;
      const settle = tally.hold();
      void store.save(st.sessionID, st.text).then(() => settle(0, 0));
    }
    for (const id of Array.isArray(batch.deleteStates) ? batch.deleteStates : []) {
      if (typeof id !== "string") continue;
      const settle = tally.hold();
      void store.remove(id).then(() => settle(0, 0));
    }
    tally.seal();
    this.scheduleSoon();
    return tally.done;
  }

  /** Write everything pending now (backoff ignored) and wait for running saves. Never throws for disk errors. */
  async flush(): Promise<IoStats> {
    const parts = this.parts;
    if (parts && !this.closing) await this.drainNow(parts);
    return this.snapshot();
  }

  async loadState(sessionID: string): Promise<string | null> {
    if (!this.parts || typeof sessionID !== "string") return null;
    return this.parts.store.load(sessionID);
  }

  async readStateMeta(sessionID: string): Promise<StateMeta | null> {
    if (!this.parts || typeof sessionID !== "string") return null;
    return this.parts.store.meta(sessionID);
  }

  async stats(): Promise<IoStats> {
    return this.snapshot();
  }

  close(deadlineMs: number): Promise<IoStats> {
    this.closing ??= this.shutdown(typeof deadlineMs === "number" && deadlineMs > 0 ? deadlineMs : 0);
    return this.closing;
  }

  /** Resolves when the background retention pass has finished (or was skipped by close). For tests and the CLI. */
  whenRetentionDone(): Promise<void> {
    return this.retentionDone;
  }

  private ready(): Parts {
    if (this.closing) throw new Error("io: service is closed");
    if (!this.parts) throw new Error("io: init must be called before submit");
    return this.parts;
  }

  private snapshot(): IoStats {
    const buffered = this.parts ? this.parts.writer.buffered + this.parts.store.pendingBytes : 0;
    return this.counters.snapshot(buffered);
  }

  private async drainNow(parts: Parts): Promise<void> {
    parts.store.retryDue(true);
    await Promise.all([parts.writer.drainAll(), parts.store.idle()]);
  }

  private scheduleSoon(): void {
    if (this.soon || this.closing) return;
    this.soon = setImmediate(() => {
      this.soon = null;
      this.kick();
    });
    this.soon.unref();
  }

  private kick(): void {
    const parts = this.parts;
    if (!parts || this.closing) return;
    parts.writer.startRounds(false);
    parts.store.retryDue(false);
    // A timer can fire a millisecond before Date.now() reaches a session's retryAt; that session then
    // starts no round (and no round end re-arms the timer), so re-arm here for whatever still waits.
    this.scheduleRetry();
  }

  /** After each write round or save: arm one timer for the earliest retry, if anything waits for one. */
  private scheduleRetry(): void {
    const parts = this.parts;
    if (!parts || this.closing) return;
    const now = Date.now();
    const a = parts.writer.nextRetryDelay(now);
    const b = parts.store.nextRetryDelay(now);
    if (a === null && b === null) return;
    const due =
      now + Math.max(kMinRetryTickMs, Math.min(a ?? Number.POSITIVE_INFINITY, b ?? Number.POSITIVE_INFINITY));
    if (this.retryTimer && this.retryTimerAt <= due) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimerAt = due;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, due - now);
    this.retryTimer.unref();
  }

  private async runRetention(): Promise<void> {
    const opts = this.opts;
    const parts = this.parts;
    try {
      if (!opts || !parts) return;
      const targets: RetentionTarget[] = [
        {
          dir: opts.logDir,
          policy: opts.logRetention,
          owns: isLogFileName,
          isBusy: (n) => parts.writer.isBusy(n),
        },
        {
          dir: opts.stateDir,
          policy: opts.stateRetention,
          owns: isStateFileName,
          isBusy: (n) => parts.store.isBusy(n),
        },
      ];
      for (const target of targets) {
        if (this.retentionAborted) break;
        await applyRetention(this.fs, target, Date.now(), {
          aborted: () => this.retentionAborted,
          deleted: () => {
            this.counters.retentionDeleted++;
          },
          error: (err) => this.counters.error("retention", err),
        }).catch((err) => this.counters.error("retention", err));
      }
    } finally {
      this.retentionFinished();
    }
  }

  private async shutdown(deadlineMs: number): Promise<IoStats> {
    if (this.soon) clearImmediate(this.soon);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.soon = null;
    this.retryTimer = null;
    this.retentionAborted = true;
    if (this.retentionTimer) {
      clearTimeout(this.retentionTimer);
      this.retentionTimer = null;
      this.retentionFinished();
    }
    const parts = this.parts;
    if (!parts) {
      this.retentionFinished();
      return this.snapshot();
    }
    try {
      await within(Promise.all([this.drainNow(parts), this.retentionRun]), deadlineMs);
      // Whatever is still queued will not be written by this service: count it and release its acks.
      parts.writer.abandon("close-deadline");
      parts.store.abandon("close-deadline");
      await within(parts.writer.closeAll(), kCloseHandlesMs);
    } catch (err) {
      this.counters.error("close", err);
    }
    return this.snapshot();
  }
}
