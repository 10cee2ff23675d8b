/**
 * The service's counters, shared by the log writer, the state store and retention. `snapshot`
 * produces the IoStats wire shape (a plain object, safe to structured-clone).
 */
import type { IoStats } from "../contracts/io-api.js";
import { describeError } from "./io-errors.js";

export class IoCounters {
  recordsWritten = 0;
  bytesWritten = 0;
  logWrites = 0;
  recordsDropped = 0;
  readonly dropReasons: Record<string, number> = {};
  rotations = 0;
  stateSaves = 0;
  stateSavesCoalesced = 0;
  maxConcurrentSavesPerSession = 0;
  retentionDeleted = 0;
  lastError: string | null = null;

  drop(reason: string, records: number): void {
    if (records <= 0) return;
    this.recordsDropped += records;
    this.dropReasons[reason] = (this.dropReasons[reason] ?? 0) + records;
  }

  /** A state snapshot dropped: not a log record, so kept apart from recordsDropped. */
  dropState(reason: string): void {
    const key = `state-${reason}`;
    this.dropReasons[key] = (this.dropReasons[key] ?? 0) + 1;
  }

  error(where: string, err: unknown): void {
    this.lastError = describeError(where, err);
  }

  snapshot(bufferedBytes: number): IoStats {
    return {
      recordsWritten: this.recordsWritten,
      bytesWritten: this.bytesWritten,
      logWrites: this.logWrites,
      recordsDropped: this.recordsDropped,
      dropReasons: { ...this.dropReasons },
      rotations: this.rotations,
      stateSaves: this.stateSaves,
      stateSavesCoalesced: this.stateSavesCoalesced,
      maxConcurrentSavesPerSession: this.maxConcurrentSavesPerSession,
      retentionDeleted: this.retentionDeleted,
      bufferedBytes,
      lastError: this.lastError,
    };
  }
}
