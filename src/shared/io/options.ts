/**
 * IoOptions arrive over a thread boundary (already validated by the config schema on main, but a
 * worker trusts nothing): numbers are clamped to ranges that keep the service bounded and working.
 */
import type { IoOptions, RetentionPolicy } from "../contracts/io-api.js";

const KiB = 1024;
const MiB = 1024 * KiB;
// Floors below the config schema's, so tests can exercise rotation and caps with small files.
const kMinFileBytes = 256;
const kMinBufferedBytes = 1 * KiB;
// Ceilings: a flush interval over a minute or a buffer over 1 GiB is a mistake, not a choice.
const kMaxFlushIntervalMs = 60_000;
const kMaxBufferedBytes = 1024 * MiB;
const kMaxRetentionDelayMs = 60 * 60_000;

function num(v: unknown, fallback: number, min: number, max: number): number {
  const n = typeof v === "number" && Number.isFinite(v) ? Math.floor(v) : fallback;
  return Math.min(max, Math.max(min, n));
}

function retention(p: Partial<RetentionPolicy> | undefined, d: RetentionPolicy): RetentionPolicy {
  return {
    maxFiles: num(p?.maxFiles, d.maxFiles, 1, Number.MAX_SAFE_INTEGER),
    maxTotalBytes: num(p?.maxTotalBytes, d.maxTotalBytes, 1, Number.MAX_SAFE_INTEGER),
    // 0 disables the age rule (the config schema allows 0); fractions of a day are allowed.
    maxAgeDays:
      typeof p?.maxAgeDays === "number" && Number.isFinite(p.maxAgeDays) && p.maxAgeDays > 0
        ? p.maxAgeDays
        : 0,
  };
}

/** Defaults mirror the config schema's, for a caller that passes a partial object. */
export function normalizeIoOptions(o: IoOptions): IoOptions {
  if (
    typeof o?.logDir !== "string" ||
    o.logDir === "" ||
    typeof o.stateDir !== "string" ||
    o.stateDir === ""
  ) {
    throw new TypeError("io: init needs non-empty logDir and stateDir");
  }
  return {
    logDir: o.logDir,
    stateDir: o.stateDir,
    maxFileBytes: num(o.maxFileBytes, 10 * MiB, kMinFileBytes, Number.MAX_SAFE_INTEGER),
    maxSessionBytes: num(o.maxSessionBytes, 50 * MiB, kMinFileBytes, Number.MAX_SAFE_INTEGER),
    flushIntervalMs: num(o.flushIntervalMs, 100, 1, kMaxFlushIntervalMs),
    maxBufferedBytes: num(o.maxBufferedBytes, 32 * MiB, kMinBufferedBytes, kMaxBufferedBytes),
    fsync: o.fsync === true,
    logRetention: retention(o.logRetention, { maxFiles: 200, maxTotalBytes: 500 * MiB, maxAgeDays: 14 }),
    stateRetention: retention(o.stateRetention, { maxFiles: 500, maxTotalBytes: 200 * MiB, maxAgeDays: 30 }),
    retentionDelayMs: num(o.retentionDelayMs, 30_000, 0, kMaxRetentionDelayMs),
  };
}
