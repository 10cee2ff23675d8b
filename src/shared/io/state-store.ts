/**
 * State files: `<stateDir>/<stem>.state.json`, each written whole and atomically.
 *
 * - A save writes a temp file with a name unique to this process, service instance and save
 *   (`.<stem>.<pid>-<hex>.<n>.tmp`, opened O_EXCL), optionally fsyncs it, and renames it over the
 *   target: a reader, or a process killed at any instant, sees the old file or the new one, never
 *   a mix. A failed save removes its temp file.
 * - Per session at most one save runs; a newer save arriving meanwhile replaces the queued one
 *   (latest wins, counted as coalesced). Saves of different sessions run in parallel, bounded.
 * - A disk error keeps the latest text for a retry with backoff; the owner is told it may forget it.
 * - Reads see the newest accepted text first (queued, retrying, or in flight), then the file.
 *   A torn or unparseable file reads as null. There is no `.prev` copy: with temp+rename a file is
 *   only torn by media failure, and a stale copy would resurrect old todos.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { StateMeta } from "../contracts/io-api.js";
import { sessionFileStem } from "../paths.js";
import {
  decodeStateHeader,
  STATE_FILE_EXT,
  STATE_HEADER_MAX_BYTES,
  splitStateFile,
} from "../state/file-format.js";
import type { IoCounters } from "./counters.js";
import { type FileLike, type FsLike, writeFully } from "./fs-seam.js";
import { type DiskDropReason, dropReasonFor, errorCode } from "./io-errors.js";
import { Limiter } from "./limiter.js";
import { stateFileName, stateTempFileName } from "./names.js";

// Saves of different sessions in parallel: more would only queue in libuv's 4-thread pool and hold fds.
const kMaxParallelSaves = 8;
// Retry delays after a disk error, as for logs.
const kRetryBaseMs = 200;
const kRetryMaxMs = 5_000;
const kFileMode = 0o600;
const kDirMode = 0o700;

interface StateOp {
  kind: "save" | "delete";
  text: string;
  /** Acks waiting for this op (or an op that replaced theirs). */
  waiters: Array<() => void>;
}

interface Slot {
  stem: string;
  running: Promise<void> | null;
  current: StateOp | null;
  queued: StateOp | null;
  /** Kept after a disk error, retried later (replaced by any newer op). */
  failed: StateOp | null;
  active: number;
  backoffMs: number;
  retryAt: number;
}

/** A complete state file: header, a body of the announced size, and the body parses as JSON. */
export function isCompleteStateFile(text: string): boolean {
  const split = splitStateFile(text);
  if (!split) return false;
  if (split.header.bytes > 0 && Buffer.byteLength(split.body) !== split.header.bytes) return false;
  try {
    JSON.parse(split.body);
    return true;
  } catch {
    return false;
  }
}

function settleAll(op: StateOp): void {
  const waiters = op.waiters;
  op.waiters = [];
  for (const w of waiters) w();
}

export class StateStore {
  /** UTF-16 length of texts waiting (queued or kept for retry): an estimate of the bytes held. */
  pendingBytes = 0;
  private readonly slots = new Map<string, Slot>();
  private readonly tag = `${process.pid}-${randomBytes(3).toString("hex")}`;
  private tempCounter = 0;
  private readonly parallel = new Limiter(kMaxParallelSaves);
  private failingCount = 0;
  private lastFailure: DiskDropReason = "disk-error";

  constructor(
    private readonly fs: FsLike,
    private readonly dir: string,
    private readonly fsync: boolean,
    private readonly maxBufferedBytes: number,
    private readonly counters: IoCounters,
    private readonly onOpEnd: () => void,
  ) {}

  /** Resolves when the text is on disk, replaced by a newer op that settled, kept for retry, or dropped. */
  save(sessionID: string, text: string): Promise<void> {
    return this.enqueue(sessionID, "save", text);
  }

  /** Delete a session's state file (queued behind, and replacing, any pending save). */
  remove(sessionID: string): Promise<void> {
    return this.enqueue(sessionID, "delete", "");
  }

  async load(sessionID: string): Promise<string | null> {
    const stem = sessionFileStem(sessionID);
    const latest = this.latest(stem);
    if (latest) return latest.kind === "save" ? latest.text : null;
    let text: string;
    try {
      text = await this.fs.readFile(join(this.dir, stateFileName(stem)));
    } catch (err) {
      if (errorCode(err) !== "ENOENT") this.counters.error("state load", err);
      return null;
    }
    return isCompleteStateFile(text) ? text : null;
  }

  /** The header only: reads at most STATE_HEADER_MAX_BYTES from the start of the file, never the body. */
  async meta(sessionID: string): Promise<StateMeta | null> {
    const stem = sessionFileStem(sessionID);
    const latest = this.latest(stem);
    let head: string;
    if (latest) {
      if (latest.kind === "delete") return null;
      head = latest.text.slice(0, STATE_HEADER_MAX_BYTES);
    } else {
      let file: FileLike | null = null;
      try {
        file = await this.fs.open(join(this.dir, stateFileName(stem)), "r");
        const buf = Buffer.alloc(STATE_HEADER_MAX_BYTES);
        const n = await file.read(buf, 0, STATE_HEADER_MAX_BYTES, 0);
        head = buf.toString("utf8", 0, n);
      } catch (err) {
        if (errorCode(err) !== "ENOENT") this.counters.error("state meta", err);
        return null;
      } finally {
        await file?.close().catch(() => {});
      }
    }
    const h = decodeStateHeader(head);
    return h ? { sessionID: h.sessionID, savedAt: h.savedAt, version: h.v, bytes: h.bytes } : null;
  }

  /** Restart saves kept after an error whose backoff has passed (all of them when forced). */
  retryDue(force: boolean): void {
    const now = Date.now();
    for (const slot of this.slots.values()) {
      if (!slot.failed || slot.running || (!force && now < slot.retryAt)) continue;
      slot.queued = slot.failed;
      slot.failed = null;
      this.pump(slot);
    }
  }

  /**
   * Resolves when the per-session save loops running at the call have ended (a loop also runs the
   * saves queued behind it). Loops started later are not waited for.
   */
  async idle(): Promise<void> {
    const running: Promise<void>[] = [];
    for (const slot of this.slots.values()) if (slot.running) running.push(slot.running);
    await Promise.all(running);
  }

  nextRetryDelay(now: number): number | null {
    let min: number | null = null;
    for (const slot of this.slots.values()) {
      if (!slot.failed || slot.running) continue;
      const d = Math.max(0, slot.retryAt - now);
      if (min === null || d < min) min = d;
    }
    return min;
  }

  /** Retention must not delete a state file with a save pending or running. */
  isBusy(name: string): boolean {
    return name.endsWith(STATE_FILE_EXT) && this.slots.has(name.slice(0, -STATE_FILE_EXT.length));
  }

  /** Drop whatever is still waiting (close deadline passed): counted, waiters released. */
  abandon(reason: string): void {
    for (const slot of this.slots.values()) {
      for (const op of [slot.queued, slot.failed]) {
        if (!op) continue;
        if (op.kind === "save") this.counters.dropState(reason);
        this.pendingBytes -= op.text.length;
        settleAll(op);
      }
      slot.queued = null;
      slot.failed = null;
    }
  }

  private latest(stem: string): StateOp | null {
    const slot = this.slots.get(stem);
    return slot ? (slot.queued ?? slot.failed ?? slot.current) : null;
  }

  private enqueue(sessionID: string, kind: StateOp["kind"], text: string): Promise<void> {
    const stem = sessionFileStem(sessionID);
    let slot = this.slots.get(stem);
    if (!slot) {
      slot = {
        stem,
        running: null,
        current: null,
        queued: null,
        failed: null,
        active: 0,
        backoffMs: 0,
        retryAt: 0,
      };
      this.slots.set(stem, slot);
    }
    return new Promise<void>((resolve) => {
      const op: StateOp = { kind, text, waiters: [resolve] };
      const replaced = slot.queued ?? slot.failed;
      // While the disk refuses writes, held states are bounded like log records; an op that does not
      // fit is dropped and the older one it would have replaced stays.
      if (
        this.failingCount > 0 &&
        this.pendingBytes - (replaced?.text.length ?? 0) + text.length > this.maxBufferedBytes
      ) {
        this.counters.dropState(this.lastFailure);
        resolve();
        this.forgetIfIdle(slot);
        return;
      }
      if (replaced) {
        if (replaced.kind === "save") this.counters.stateSavesCoalesced++;
        this.pendingBytes -= replaced.text.length;
        op.waiters.push(...replaced.waiters);
        replaced.waiters = [];
      }
      slot.queued = null;
      slot.failed = null;
      this.pendingBytes += text.length;
      if (slot.backoffMs === 0) {
        slot.queued = op;
        this.pump(slot);
        return;
      }
      // The session's last save failed: this op is held for the retry, so its ack is released now.
      settleAll(op);
      if (slot.running) slot.queued = op;
      else {
        slot.failed = op;
        this.onOpEnd(); // the owner schedules the retry
      }
    });
  }

  private pump(slot: Slot): void {
    if (slot.running) return;
    slot.running = (async () => {
      try {
        while (slot.queued) {
          const op = slot.queued;
          slot.queued = null;
          slot.current = op;
          await this.run(slot, op);
          slot.current = null;
        }
      } finally {
        slot.current = null;
        slot.running = null;
        this.forgetIfIdle(slot);
        this.onOpEnd();
      }
    })().catch((err) => this.counters.error("state store", err));
  }

  private async run(slot: Slot, op: StateOp): Promise<void> {
    await this.parallel.acquire();
    slot.active++;
    if (slot.active > this.counters.maxConcurrentSavesPerSession)
      this.counters.maxConcurrentSavesPerSession = slot.active;
    try {
      if (op.kind === "save") {
        await this.writeAtomic(slot.stem, op.text);
        this.counters.stateSaves++;
      } else {
        await this.fs.unlink(join(this.dir, stateFileName(slot.stem))).catch((err: unknown) => {
          if (errorCode(err) !== "ENOENT") throw err;
        });
      }
      this.pendingBytes -= op.text.length;
      if (slot.backoffMs > 0) {
        slot.backoffMs = 0;
        this.failingCount--;
      }
    } catch (err) {
      this.counters.error(op.kind === "save" ? "state save" : "state delete", err);
      if (op.kind === "save" && !slot.queued) slot.failed = op;
      else this.pendingBytes -= op.text.length;
      if (slot.backoffMs === 0) this.failingCount++;
      this.lastFailure = dropReasonFor(err);
      slot.backoffMs = Math.min(kRetryMaxMs, slot.backoffMs > 0 ? slot.backoffMs * 2 : kRetryBaseMs);
      slot.retryAt = Date.now() + slot.backoffMs;
    } finally {
      slot.active--;
      this.parallel.release();
      settleAll(op);
    }
  }

  private async writeAtomic(stem: string, text: string): Promise<void> {
    const tmp = join(this.dir, stateTempFileName(stem, this.tag, ++this.tempCounter));
    let file: FileLike | null = null;
    try {
      try {
        file = await this.fs.open(tmp, "wx", kFileMode);
      } catch (err) {
        if (errorCode(err) !== "ENOENT") throw err;
        await this.fs.mkdirp(this.dir, kDirMode);
        file = await this.fs.open(tmp, "wx", kFileMode);
      }
      await writeFully(file, [Buffer.from(text, "utf8")]);
      if (this.fsync) await file.sync();
      const f = file;
      file = null;
      await f.close();
      await this.fs.rename(tmp, join(this.dir, stateFileName(stem)));
    } catch (err) {
      if (file) await file.close().catch(() => {});
      await this.fs.unlink(tmp).catch(() => {});
      throw err;
    }
  }

  private forgetIfIdle(slot: Slot): void {
    if (slot.running || slot.queued || slot.failed || this.slots.get(slot.stem) !== slot) return;
    // A failed delete is not retried: nothing is held, so the slot (and its backoff) can go.
    if (slot.backoffMs > 0) this.failingCount--;
    this.slots.delete(slot.stem);
  }
}
