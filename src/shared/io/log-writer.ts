/**
 * Session log files: one `<stem>.jsonl` per session, appended through a kept-open handle.
 *
 * - Spans from submitted batches queue per session; one writev per file per write round, and never
 *   more than one write in flight per file (data arriving meanwhile goes into the next round).
 * - Sizes live in memory: one fstat when a session's file is first opened in this process (plus a
 *   one-byte read to see whether a crash left a torn last line), never a stat per write. Rotation renames `<stem>.jsonl` to `<stem>.<n>.jsonl` before a write that would
 *   take the file past maxFileBytes; n comes from one readdir of the log dir, then from memory.
 * - maxSessionBytes caps all of a session's files (earlier rotated files are estimated at
 *   maxFileBytes each, which errs towards capping early); past it records are dropped, counted, and
 *   one pino-shaped warning record is written.
 * - A disk error keeps the unwritten bytes (compacted into one owned buffer) for a retry with
 *   backoff; everything queued is bounded by maxBufferedBytes, beyond which spans are dropped.
 */
import { join } from "node:path";
import type { IoOptions } from "../contracts/io-api.js";
import { sessionFileStem } from "../paths.js";
import type { Settle } from "./ack.js";
import type { IoCounters } from "./counters.js";
import type { FileLike, FsLike } from "./fs-seam.js";
import { HandleCache } from "./handle-cache.js";
import { type DiskDropReason, dropReasonFor, errorCode } from "./io-errors.js";
import { Limiter } from "./limiter.js";
import { logFileName, parseLogFileName, rotatedLogFileName } from "./names.js";

const NL = 0x0a;
// Open log files kept between flushes, and sessions written at once (so open fds stay within this):
// covers many concurrent sessions, far below any fd limit.
const kMaxOpenFiles = 32;
// writev takes at most IOV_MAX (1024 on Linux) buffers; beyond this many pieces, concatenate once.
const kMaxIov = 256;
// Retry delays after a disk error: short first (a transient EIO), growing so a full disk is not hammered.
const kRetryBaseMs = 200;
const kRetryMaxMs = 5_000;
// Per-session entries kept; idle ones beyond this are forgotten (a later write re-learns the size with one fstat).
const kMaxSessions = 1024;
// Log files hold session transcripts (redacted, but still private): owner-only.
const kFileMode = 0o600;
const kDirMode = 0o700;

/** Bytes queued for one file, with the ack hook of the span they came from (null once settled). */
interface Piece {
  bytes: Uint8Array;
  records: number;
  /** Records of the original span cut off by the session cap (reported when this piece settles). */
  dropped: number;
  settle: Settle | null;
}

interface LogSession {
  stem: string;
  pending: Piece[];
  writing: Promise<void> | null;
  /** Inside a write round (past the writers limit): its handle must not be closed under it. */
  active: boolean;
  /** Whether fileBytes/rotatedBytes/nextRotation have been learned (one fstat + the shared readdir). */
  known: boolean;
  fileBytes: number;
  rotatedBytes: number;
  nextRotation: number;
  capped: boolean;
  /** The file did not end with a newline when first opened (a torn line from a crash): start with one. */
  repairNewline: boolean;
  failing: boolean;
  backoffMs: number;
  retryAt: number;
}

interface RotationInfo {
  next: number;
  count: number;
}

const encoder = new TextEncoder();
const NEWLINE = new Uint8Array([NL]);

function capWarning(now: number): Uint8Array {
  return encoder.encode(
    `{"level":40,"time":${now},"msg":"session log cap reached; further records dropped","event":"log.capped"}\n`,
  );
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(NL); i !== -1; i = bytes.indexOf(NL, i + 1)) n++;
  return n;
}

/** One buffer that owns its memory (a view into a larger batch buffer is copied, so it can be freed). */
function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length !== 1) return Buffer.concat(parts);
  const only = parts[0]!;
  return only.byteOffset === 0 && only.byteLength === only.buffer.byteLength ? only : only.slice();
}

export class LogWriter {
  /** Log bytes accepted and not yet written or dropped (in-flight included). */
  buffered = 0;
  private readonly sessions = new Map<string, LogSession>();
  private readonly handles: HandleCache;
  private readonly writers = new Limiter(kMaxOpenFiles);
  private rotationIndex: Promise<Map<string, RotationInfo>> | null = null;
  private failingCount = 0;
  private lastFailure: DiskDropReason = "disk-error";

  constructor(
    private readonly fs: FsLike,
    private readonly opts: IoOptions,
    private readonly counters: IoCounters,
    /** Called after every write round, so the owner can schedule a retry of whatever is left. */
    private readonly onRoundEnd: () => void,
  ) {
    this.handles = new HandleCache(
      kMaxOpenFiles,
      (stem) => this.sessions.get(stem)?.active === true,
      (err) => counters.error("log close", err),
    );
  }

  /** Queue one span. Settles at once when dropped, or when the session is already retrying after an error. */
  accept(sessionID: string, span: Uint8Array, records: number, settle: Settle): void {
    const s = this.session(sessionFileStem(sessionID));
    if (s.capped) {
      this.counters.drop("session-cap", records);
      settle(0, records);
      return;
    }
    if (span.byteLength === 0) {
      settle(0, 0);
      return;
    }
    let bytes = span;
    if (bytes[bytes.byteLength - 1] !== NL) {
      // Records are newline-terminated by contract; repair rather than merge two lines.
      bytes = new Uint8Array(span.byteLength + 1);
      bytes.set(span);
      bytes[span.byteLength] = NL;
    }
    const len = bytes.byteLength;
    if (this.buffered + len > this.opts.maxBufferedBytes) {
      this.counters.drop(this.failingCount > 0 ? this.lastFailure : "buffer-full", records);
      settle(0, records);
      return;
    }
    // A view of the transferred batch costs nothing while the disk keeps up. Once it falls behind,
    // copy, so a span kept for long never pins its whole batch buffer.
    if (bytes === span && (s.failing || this.buffered > this.opts.maxBufferedBytes / 2)) bytes = span.slice();
    this.buffered += len;
    if (s.failing) {
      s.pending.push({ bytes, records, dropped: 0, settle: null });
      settle(records, 0);
    } else {
      s.pending.push({ bytes, records, dropped: 0, settle });
    }
  }

  /**
   * Start a write round for every session with queued data (unless backing off, when not forced).
   * Returns the rounds in progress, including ones already running.
   */
  startRounds(force: boolean): Promise<void>[] {
    const rounds: Promise<void>[] = [];
    const now = Date.now();
    for (const s of this.sessions.values()) {
      const r = this.drain(s, force, now);
      if (r) rounds.push(r);
    }
    return rounds;
  }

  /**
   * Write everything queued now, ignoring backoff; resolves when every round has ended. A round that
   * was already running is awaited first, then the session gets a forced round of its own (the
   * running one may have failed before this call and left data waiting for its backoff).
   */
  async drainAll(): Promise<void> {
    await Promise.all(
      [...this.sessions.values()].map(async (s) => {
        if (s.writing) await s.writing;
        await this.drain(s, true, 0);
      }),
    );
  }

  /** Milliseconds until some queued data should be retried; null when nothing waits. */
  nextRetryDelay(now: number): number | null {
    let min: number | null = null;
    for (const s of this.sessions.values()) {
      if (s.pending.length === 0 || s.writing) continue;
      const d = s.failing ? Math.max(0, s.retryAt - now) : 0;
      if (min === null || d < min) min = d;
    }
    return min;
  }

  /** Retention must not delete a file that is open, being written, or about to be. */
  isBusy(name: string): boolean {
    const parsed = parseLogFileName(name);
    if (!parsed || parsed.rotation !== null) return false;
    const s = this.sessions.get(parsed.stem);
    return this.handles.has(parsed.stem) || (s !== undefined && (s.writing !== null || s.pending.length > 0));
  }

  /** Drop everything still queued (close deadline passed): counted, and acks settled. */
  abandon(reason: string): void {
    for (const s of this.sessions.values()) {
      for (const p of s.pending) {
        this.counters.drop(reason, p.records);
        this.buffered -= p.bytes.byteLength;
        p.settle?.(0, p.records + p.dropped);
      }
      s.pending = [];
    }
  }

  closeAll(): Promise<void> {
    return this.handles.closeAll();
  }

  private session(stem: string): LogSession {
    let s = this.sessions.get(stem);
    if (s) return s;
    if (this.sessions.size >= kMaxSessions) this.forgetIdle();
    s = {
      stem,
      pending: [],
      writing: null,
      active: false,
      known: false,
      fileBytes: 0,
      rotatedBytes: 0,
      nextRotation: 1,
      capped: false,
      repairNewline: false,
      failing: false,
      backoffMs: 0,
      retryAt: 0,
    };
    this.sessions.set(stem, s);
    return s;
  }

  private forgetIdle(): void {
    // Down to three quarters, so the scan runs once per many new sessions, not on every one.
    const target = Math.floor((kMaxSessions * 3) / 4);
    for (const [stem, s] of this.sessions) {
      if (this.sessions.size <= target) break;
      if (s.pending.length === 0 && !s.writing && !s.failing && !this.handles.has(stem))
        this.sessions.delete(stem);
    }
  }

  private drain(s: LogSession, force: boolean, now: number): Promise<void> | null {
    if (s.writing) return s.writing;
    if (s.pending.length === 0) return null;
    if (!force && s.failing && now < s.retryAt) return null;
    const run = async (): Promise<void> => {
      await this.writers.acquire();
      s.active = true;
      try {
        // Data that arrived during a write goes out right after it: one write in flight per file.
        while (s.pending.length > 0) {
          if (!(await this.writeOnce(s))) break;
        }
      } catch (err) {
        this.counters.error("log writer", err);
      } finally {
        s.active = false;
        this.writers.release();
        s.writing = null;
        this.handles.trim();
        this.onRoundEnd();
      }
    };
    // run() handles its own errors; the catch only guards against a throw in its finally block.
    s.writing = run().catch((err) => this.counters.error("log writer", err));
    return s.writing;
  }

  /** One write round for a session. False when the disk refused (data kept for a retry). */
  private async writeOnce(s: LogSession): Promise<boolean> {
    const taken = s.pending;
    s.pending = [];
    let file: FileLike;
    try {
      file = await this.openFor(s);
    } catch (err) {
      await this.fail(s, err, taken);
      return false;
    }
    const pieces = this.applyCap(s, taken);
    if (pieces.length === 0) return true;
    let total = 0;
    for (const p of pieces) total += p.bytes.byteLength;
    if (s.fileBytes > 0 && s.fileBytes + total > this.opts.maxFileBytes) {
      s.repairNewline = false; // the torn line stays at the end of the rotated file
      try {
        file = await this.rotate(s);
      } catch (err) {
        await this.fail(s, err, pieces);
        return false;
      }
    }
    if (s.repairNewline) {
      s.repairNewline = false;
      pieces.unshift({ bytes: NEWLINE, records: 0, dropped: 0, settle: null });
      this.buffered += 1;
    }
    return this.writePieces(s, file, pieces);
  }

  private async writePieces(s: LogSession, file: FileLike, pieces: Piece[]): Promise<boolean> {
    let done = 0; // pieces fully written
    let off = 0; // bytes of pieces[done] already written
    while (done < pieces.length) {
      let iov = pieces.slice(done).map((p) => p.bytes);
      if (off > 0) iov[0] = iov[0]!.subarray(off);
      if (iov.length > kMaxIov) iov = [Buffer.concat(iov)];
      let n: number;
      try {
        n = await file.writev(iov);
        this.counters.logWrites++;
        if (n <= 0) throw Object.assign(new Error("log write made no progress"), { code: "EIO" });
      } catch (err) {
        await this.fail(s, err, this.unwritten(pieces, done, off));
        return false;
      }
      s.fileBytes += n;
      this.counters.bytesWritten += n;
      this.buffered -= n;
      for (let left = n; left > 0 && done < pieces.length; ) {
        const p = pieces[done]!;
        const rest = p.bytes.byteLength - off;
        if (left < rest) {
          off += left;
          break;
        }
        left -= rest;
        off = 0;
        done++;
        this.counters.recordsWritten += p.records;
        p.settle?.(p.records, p.dropped);
        p.settle = null;
      }
    }
    if (s.failing) {
      s.failing = false;
      this.failingCount--;
    }
    s.backoffMs = 0;
    s.retryAt = 0;
    return true;
  }

  /** What is left after a short or failed write: the partly written piece's tail, then the rest. */
  private unwritten(pieces: Piece[], done: number, off: number): Piece[] {
    const rest = pieces.slice(done);
    const first = rest[0];
    if (first && off > 0) {
      const writtenRecords = Math.min(first.records, countNewlines(first.bytes.subarray(0, off)));
      this.counters.recordsWritten += writtenRecords;
      rest[0] = { ...first, bytes: first.bytes.subarray(off), records: first.records - writtenRecords };
      first.settle = null; // the copy carries the hook now
    }
    return rest;
  }

  /** Keep `kept` for a retry (compacted into one owned buffer), settle every ack of the session, back off. */
  private async fail(s: LogSession, err: unknown, kept: Piece[]): Promise<void> {
    const queued = kept.concat(s.pending);
    let records = 0;
    for (const p of queued) {
      records += p.records;
      p.settle?.(p.records, p.dropped);
    }
    s.pending =
      queued.length > 0
        ? [{ bytes: concat(queued.map((p) => p.bytes)), records, dropped: 0, settle: null }]
        : [];
    if (!s.failing) {
      s.failing = true;
      this.failingCount++;
    }
    s.backoffMs = Math.min(kRetryMaxMs, s.backoffMs > 0 ? s.backoffMs * 2 : kRetryBaseMs);
    s.retryAt = Date.now() + s.backoffMs;
    this.lastFailure = dropReasonFor(err);
    this.counters.error("log write", err);
    // The handle may be unusable (EIO, a remounted disk): reopen next time; the size stays known.
    await this.handles.drop(s.stem);
  }

  /** Apply maxSessionBytes: keep whole lines that fit, drop the rest (counted), add one warning record. */
  private applyCap(s: LogSession, pieces: Piece[]): Piece[] {
    let room = this.opts.maxSessionBytes - (s.rotatedBytes + s.fileBytes);
    let total = 0;
    for (const p of pieces) total += p.bytes.byteLength;
    if (!s.capped && total <= room) return pieces;
    const out: Piece[] = [];
    for (const p of pieces) {
      const len = p.bytes.byteLength;
      if (!s.capped && len <= room) {
        out.push(p);
        room -= len;
        continue;
      }
      let kept = 0;
      if (!s.capped) {
        const cut = room > 0 ? p.bytes.lastIndexOf(NL, room - 1) : -1;
        if (cut >= 0) {
          const head = p.bytes.subarray(0, cut + 1);
          kept = Math.min(p.records, countNewlines(head));
          out.push({ bytes: head, records: kept, dropped: p.records - kept, settle: p.settle });
          this.buffered -= len - head.byteLength;
        } else {
          this.buffered -= len;
          p.settle?.(0, p.records + p.dropped);
        }
        s.capped = true;
        const warning = capWarning(Date.now());
        this.buffered += warning.byteLength;
        out.push({ bytes: warning, records: 0, dropped: 0, settle: null });
      } else {
        this.buffered -= len;
        p.settle?.(0, p.records + p.dropped);
      }
      this.counters.drop("session-cap", p.records - kept);
    }
    return out;
  }

  private async openFor(s: LogSession): Promise<FileLike> {
    const cached = this.handles.get(s.stem);
    if (cached) return cached;
    const path = join(this.opts.logDir, logFileName(s.stem));
    let file: FileLike;
    try {
      file = await this.fs.open(path, "a+", kFileMode);
    } catch (err) {
      if (errorCode(err) !== "ENOENT") throw err;
      // The directory vanished (or init could not create it): recreate and try once more.
      await this.fs.mkdirp(this.opts.logDir, kDirMode);
      file = await this.fs.open(path, "a+", kFileMode);
    }
    if (!s.known) {
      try {
        s.fileBytes = (await file.stat()).size;
        if (s.fileBytes > 0) {
          const last = new Uint8Array(1);
          const n = await file.read(last, 0, 1, s.fileBytes - 1);
          s.repairNewline = n === 1 && last[0] !== NL;
        }
      } catch (err) {
        await file.close().catch(() => {});
        throw err;
      }
      const info = (await this.rotations()).get(s.stem);
      s.rotatedBytes = (info?.count ?? 0) * this.opts.maxFileBytes;
      s.nextRotation = info?.next ?? 1;
      s.known = true;
    }
    this.handles.set(s.stem, file);
    return file;
  }

  private async rotate(s: LogSession): Promise<FileLike> {
    await this.handles.drop(s.stem);
    const from = join(this.opts.logDir, logFileName(s.stem));
    const to = join(this.opts.logDir, rotatedLogFileName(s.stem, s.nextRotation));
    try {
      await this.fs.rename(from, to);
      const index = await this.rotations();
      index.set(s.stem, { next: s.nextRotation + 1, count: (index.get(s.stem)?.count ?? 0) + 1 });
      s.nextRotation++;
      s.rotatedBytes += s.fileBytes;
      s.fileBytes = 0;
      this.counters.rotations++;
    } catch (err) {
      if (errorCode(err) === "ENOENT") s.fileBytes = 0;
      // Otherwise keep appending to the current file: an oversized log beats a lost one.
      else this.counters.error("log rotate", err);
    }
    return this.openFor(s);
  }

  /** Rotated files per stem, from one readdir the first time any log file is opened. */
  private rotations(): Promise<Map<string, RotationInfo>> {
    this.rotationIndex ??= this.fs.readdir(this.opts.logDir).then(
      (names) => {
        const index = new Map<string, RotationInfo>();
        for (const name of names) {
          const parsed = parseLogFileName(name);
          if (!parsed || parsed.rotation === null) continue;
          const info = index.get(parsed.stem) ?? { next: 1, count: 0 };
          info.count++;
          info.next = Math.max(info.next, parsed.rotation + 1);
          index.set(parsed.stem, info);
        }
        return index;
      },
      (err) => {
        this.counters.error("log readdir", err);
        return new Map<string, RotationInfo>();
      },
    );
    return this.rotationIndex;
  }
}
