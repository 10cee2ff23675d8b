/**
 * Reading session log records: line by line (a session may hold tens of MiB), keeping only the last
 * N when asked. A line that is not a JSON object is counted and skipped: the last line of a log that
 * is being written, or was cut by a crash, is usually incomplete.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { CliError } from "../io.js";

export const LEVELS: Readonly<Record<string, number>> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
};

export function parseLevel(value: string): number {
  const v = value.trim().toLowerCase();
  const named = LEVELS[v];
  if (named !== undefined) return named;
  if (/^\d+$/.test(v)) return Number(v);
  throw new CliError(
    `unknown level ${JSON.stringify(value)}`,
    `use one of ${Object.keys(LEVELS).join(", ")}`,
    2,
  );
}

export interface LogRecord {
  line: string;
  level: number;
}

/** The record of one line, or null when the line is not a complete JSON object. */
export function parseRecord(line: string): LogRecord | null {
  const t = line.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) return null;
  try {
    const v = JSON.parse(t) as { level?: unknown };
    if (typeof v !== "object" || v === null) return null;
    return { line: t, level: typeof v.level === "number" ? v.level : 0 };
  } catch {
    return null;
  }
}

export interface ReadResult {
  records: LogRecord[];
  /** Lines skipped because they were not complete JSON records. */
  torn: number;
}

export interface ReadOptions {
  minLevel?: number;
  /** Keep only the last N matching records. */
  last?: number;
  /** Read each file only up to this many bytes (by path): what `--follow` continues from. */
  limits?: ReadonlyMap<string, number>;
}

export async function readRecords(paths: readonly string[], opts: ReadOptions = {}): Promise<ReadResult> {
  const keep = opts.last;
  const records: LogRecord[] = [];
  let torn = 0;
  for (const path of paths) {
    const limit = opts.limits?.get(path);
    if (limit === 0) continue;
    const stream = createReadStream(path, limit === undefined ? {} : { start: 0, end: limit - 1 });
    const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of rl) {
        if (line.trim() === "") continue;
        const r = parseRecord(line);
        if (!r) {
          torn++;
          continue;
        }
        if (opts.minLevel !== undefined && r.level < opts.minLevel) continue;
        records.push(r);
        // Bounded memory for --lines: drop the oldest once twice the window is held.
        if (keep !== undefined && records.length >= keep * 2 + 1024) records.splice(0, records.length - keep);
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT") throw err; // rotated away between listing and reading
    } finally {
      rl.close();
      stream.destroy();
    }
  }
  return { records: keep === undefined ? records : records.slice(Math.max(0, records.length - keep)), torn };
}
