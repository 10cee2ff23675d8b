/** Shared fixtures for the I/O service tests: temp dirs, options, batches of JSONL records. */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IoBatch, IoOptions, LogSpan, StateWrite } from "../../../src/shared/contracts/io-api.js";

export interface Dirs {
  root: string;
  logDir: string;
  stateDir: string;
  cleanup(): Promise<void>;
}

export async function makeDirs(prefix = "atreides-io-"): Promise<Dirs> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  return {
    root,
    logDir: join(root, "logs"),
    stateDir: join(root, "state"),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export function options(d: Dirs, over: Partial<IoOptions> = {}): IoOptions {
  return {
    logDir: d.logDir,
    stateDir: d.stateDir,
    maxFileBytes: 10 * 1024 * 1024,
    maxSessionBytes: 50 * 1024 * 1024,
    flushIntervalMs: 20,
    maxBufferedBytes: 4 * 1024 * 1024,
    fsync: false,
    logRetention: { maxFiles: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxAgeDays: 0 },
    stateRetention: { maxFiles: 10_000, maxTotalBytes: 1024 * 1024 * 1024, maxAgeDays: 0 },
    // Far away: tests that want retention set their own delay.
    retentionDelayMs: 60 * 60_000,
    ...over,
  };
}

/** One pino-shaped record, padded to about `size` bytes. */
export function line(session: string, i: number, size = 100): string {
  const base = `{"level":30,"time":1,"sessionID":"${session}","i":${i},"msg":"`;
  const pad = Math.max(0, size - base.length - 3);
  return `${base}${"x".repeat(pad)}"}\n`;
}

const encoder = new TextEncoder();

export function batch(
  seq: number,
  spans: { sessionID: string; lines: string[] }[],
  states: StateWrite[] = [],
  deleteStates?: string[],
): IoBatch {
  const logIndex: LogSpan[] = [];
  const texts = spans.map((s) => s.lines.join(""));
  const logs = spans.length > 0 ? encoder.encode(texts.join("")) : null;
  let offset = 0;
  spans.forEach((s, i) => {
    const length = Buffer.byteLength(texts[i]!);
    logIndex.push({ sessionID: s.sessionID, start: offset, length, records: s.lines.length });
    offset += length;
  });
  return deleteStates ? { seq, logs, logIndex, states, deleteStates } : { seq, logs, logIndex, states };
}

export function lines(session: string, from: number, n: number, size = 100): string[] {
  return Array.from({ length: n }, (_, k) => line(session, from + k, size));
}

const ROTATED = /^[^.]+\.\d+\.jsonl$/;

/** Parsed records of every log file of one stem, rotated files first (in rotation order). */
export async function readSessionLog(dir: string, stem: string): Promise<Record<string, unknown>[]> {
  const names = (await readdir(dir)).filter((n) => n === `${stem}.jsonl` || ROTATED.test(n));
  const rotated = names
    .filter((n) => n.startsWith(`${stem}.`) && n !== `${stem}.jsonl`)
    .sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
  const ordered = [...rotated, ...(names.includes(`${stem}.jsonl`) ? [`${stem}.jsonl`] : [])];
  const out: Record<string, unknown>[] = [];
  for (const n of ordered) {
    const text = await readFile(join(dir, n), "utf8");
    for (const l of text.split("\n")) if (l) out.push(JSON.parse(l) as Record<string, unknown>);
  }
  return out;
}
