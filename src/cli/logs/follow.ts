/**
 * `logs --follow`: tail a session's live log file. fs.watch on the directory wakes it up promptly;
 * a poll covers filesystems where watch events are missing (network mounts, some containers).
 * Rotation (the live file renamed to <stem>.<n>.jsonl and a new one started) is noticed by the inode
 * changing: the old file is read to its end through the handle still open, then the new one from 0.
 */
import { type FSWatcher, watch } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { join } from "node:path";
import { logFileName } from "../../shared/io/names.js";

// How often to look when no watch event arrives: a human-scale delay, negligible load.
const kPollMs = 500;
// Read in chunks of this size so a burst of records is not loaded whole.
const kChunkBytes = 64 * 1024;
const NL = 0x0a;

export interface FollowOptions {
  logDir: string;
  stem: string;
  /** Byte offset in the live file already printed. */
  from: number;
  onLine(line: string): void;
  signal: AbortSignal;
  pollMs?: number;
}

export async function followLog(opts: FollowOptions): Promise<void> {
  const path = join(opts.logDir, logFileName(opts.stem));
  let handle: FileHandle | null = null;
  let ino = -1;
  let pos = opts.from;
  let partial: Buffer = Buffer.alloc(0);

  const emit = (chunk: Buffer): void => {
    let buf = partial.length ? Buffer.concat([partial, chunk]) : chunk;
    let nl = buf.indexOf(NL);
    while (nl >= 0) {
      const line = buf.subarray(0, nl).toString("utf8");
      if (line.trim() !== "") opts.onLine(line);
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(NL);
    }
    partial = Buffer.from(buf);
  };

  const drain = async (h: FileHandle): Promise<void> => {
    const chunk = Buffer.alloc(kChunkBytes);
    for (;;) {
      const { bytesRead } = await h.read(chunk, 0, kChunkBytes, pos);
      if (bytesRead === 0) return;
      pos += bytesRead;
      emit(chunk.subarray(0, bytesRead));
    }
  };

  const check = async (): Promise<void> => {
    const st = await stat(path, { bigint: false }).catch(() => null);
    if (handle && (!st || st.ino !== ino)) {
      // Rotated (or deleted): finish the old file through the open handle, then start over.
      await drain(handle);
      await handle.close();
      handle = null;
      if (partial.length) {
        opts.onLine(partial.toString("utf8"));
        partial = Buffer.alloc(0);
      }
      pos = 0;
    }
    if (!st) return;
    if (!handle) {
      handle = await open(path, "r");
      ino = st.ino;
    }
    if (st.size < pos) pos = 0; // truncated in place
    await drain(handle);
  };

  // One check at a time; a wake-up during a check runs one more afterwards.
  let running: Promise<void> | null = null;
  let again = false;
  const wake = (): void => {
    if (opts.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await check().catch(() => undefined);
      } while (again && !opts.signal.aborted);
      running = null;
    })();
  };

  let watcher: FSWatcher | null = null;
  try {
    watcher = watch(opts.logDir, { persistent: true }, (_event, name) => {
      if (name === null || String(name).startsWith(opts.stem)) wake();
    });
    watcher.on("error", () => undefined);
  } catch {
    watcher = null; // no watch support: the poll alone does the job
  }
  const timer = setInterval(wake, opts.pollMs ?? kPollMs);
  wake();
  try {
    await new Promise<void>((resolve) => {
      if (opts.signal.aborted) resolve();
      else opts.signal.addEventListener("abort", () => resolve(), { once: true });
    });
  } finally {
    clearInterval(timer);
    watcher?.close();
    await running;
    await (handle as FileHandle | null)?.close();
  }
}
