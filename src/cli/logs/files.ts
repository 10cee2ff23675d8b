/** Session log files on disk: `<stem>.jsonl` plus rotated `<stem>.<n>.jsonl` (higher n is newer). */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseLogFileName } from "../../shared/io/names.js";

export interface LogFile {
  name: string;
  path: string;
  /** null for the live file. */
  rotation: number | null;
  size: number;
  mtimeMs: number;
}

export interface LogSession {
  stem: string;
  /** Oldest first: rotated files by number, then the live file. */
  files: LogFile[];
  totalBytes: number;
  lastActivity: number;
}

/** Every session with a log in `logDir`, most recently active first; [] when the dir is missing. */
export function listLogSessions(logDir: string): LogSession[] {
  let names: string[];
  try {
    names = readdirSync(logDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const byStem = new Map<string, LogFile[]>();
  for (const name of names) {
    const parsed = parseLogFileName(name);
    if (!parsed) continue;
    const path = join(logDir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    const list = byStem.get(parsed.stem) ?? [];
    list.push({ name, path, rotation: parsed.rotation, size: st.size, mtimeMs: st.mtimeMs });
    byStem.set(parsed.stem, list);
  }
  const sessions: LogSession[] = [];
  for (const [stem, files] of byStem) {
    files.sort((a, b) => order(a) - order(b));
    sessions.push({
      stem,
      files,
      totalBytes: files.reduce((n, f) => n + f.size, 0),
      lastActivity: Math.max(...files.map((f) => f.mtimeMs)),
    });
  }
  return sessions.sort((a, b) => b.lastActivity - a.lastActivity || a.stem.localeCompare(b.stem));
}

const order = (f: LogFile): number => (f.rotation === null ? Number.MAX_SAFE_INTEGER : f.rotation);
