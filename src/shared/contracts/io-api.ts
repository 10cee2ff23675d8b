/**
 * The contract between the host thread and the I/O worker (comlink over worker_threads).
 * The main thread sends at most one `submit` per flush window; the worker owns every write.
 * The same IoApi also runs in-process (IoService from ../io) when a worker cannot start.
 */

export interface IoOptions {
  logDir: string;
  stateDir: string;
  /** Rotate a session log file when its in-memory byte count reaches this. */
  maxFileBytes: number;
  /** Stop writing a session's log once all its files reach this (drops counted). */
  maxSessionBytes: number;
  /** Longest a submitted record may wait in the worker before it is written. */
  flushIntervalMs: number;
  /** Records kept in memory while the disk refuses writes (ENOSPC, EACCES); beyond it, counted drops. */
  maxBufferedBytes: number;
  fsync: boolean;
  logRetention: RetentionPolicy;
  stateRetention: RetentionPolicy;
  /** Delay before the background retention pass, so it never competes with start-up. */
  retentionDelayMs: number;
}

export interface RetentionPolicy {
  maxFiles: number;
  maxTotalBytes: number;
  maxAgeDays: number;
}

/**
 * One batch. `logs` is the UTF-8 bytes of newline-terminated JSONL records, already redacted,
 * grouped by session: `logIndex` says which byte ranges belong to which session, so the worker
 * never parses a record. The buffer is transferred, not copied.
 */
export interface IoBatch {
  seq: number;
  logs: Uint8Array | null;
  logIndex: LogSpan[];
  /** Latest state per session in this window (already coalesced on main), as the file's full text. */
  states: StateWrite[];
  /** Session ids whose state files should be deleted (not used on session.deleted: state is kept for resume). */
  deleteStates?: string[];
}

export interface LogSpan {
  sessionID: string;
  /** Byte offset and length in `logs`. */
  start: number;
  length: number;
  /** Number of records in the span (for counters). */
  records: number;
}

export interface StateWrite {
  sessionID: string;
  text: string;
}

export interface IoAck {
  seq: number;
  /** Records written to disk (or buffered for retry after a disk error) from this batch. */
  accepted: number;
  dropped: number;
}

export interface IoStats {
  recordsWritten: number;
  bytesWritten: number;
  /** write(2)-level calls issued for log data (appendFile/writev counts as one). */
  logWrites: number;
  recordsDropped: number;
  dropReasons: Record<string, number>;
  rotations: number;
  stateSaves: number;
  /** Saves skipped because a newer one for the same session replaced them before they started. */
  stateSavesCoalesced: number;
  /** Highest number of saves of one session in flight at once (must stay ≤ 1). */
  maxConcurrentSavesPerSession: number;
  retentionDeleted: number;
  bufferedBytes: number;
  lastError: string | null;
}

export interface StateMeta {
  sessionID: string;
  savedAt: number;
  version: number;
  bytes: number;
}

export interface IoApi {
  init(opts: IoOptions): Promise<void>;
  submit(batch: IoBatch): Promise<IoAck>;
  /** Write everything pending now. */
  flush(): Promise<IoStats>;
  loadState(sessionID: string): Promise<string | null>;
  readStateMeta(sessionID: string): Promise<StateMeta | null>;
  stats(): Promise<IoStats>;
  /** Flush within the deadline, stop timers, close files. Idempotent. */
  close(deadlineMs: number): Promise<IoStats>;
}
