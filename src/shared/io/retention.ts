/**
 * Background retention for one directory: delete the oldest owned files (by mtime) until the
 * directory is within maxFiles and maxTotalBytes, plus any older than maxAgeDays (0 = no age rule),
 * plus stray temp files over an hour old. Never a file the owner reports busy, never a name the
 * owner does not claim. stat and unlink run in bounded chunks with a yield to the event loop
 * between chunks, so 10k files never hold up the thread's message handling for long.
 */
import { join } from "node:path";
import type { RetentionPolicy } from "../contracts/io-api.js";
import type { FsLike, StatLike } from "./fs-seam.js";
import { errorCode } from "./io-errors.js";
import { isTempFileName } from "./names.js";

// Files stat'ed or unlinked at once: keeps libuv's pool busy without flooding it or the fd table.
const kChunk = 64;
// A temp file this old belongs to a save that died (a crash or kill); live saves take milliseconds.
const kStrayTempAgeMs = 60 * 60_000;
const kDayMs = 86_400_000;

export interface RetentionTarget {
  dir: string;
  policy: RetentionPolicy;
  owns(name: string): boolean;
  isBusy(name: string): boolean;
}

export interface RetentionHooks {
  /** Checked between chunks: set when the service closes. */
  aborted(): boolean;
  deleted(name: string): void;
  error(err: unknown): void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Entry {
  name: string;
  st: StatLike;
}

async function statAll(fs: FsLike, dir: string, names: string[], hooks: RetentionHooks): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let i = 0; i < names.length && !hooks.aborted(); i += kChunk) {
    const chunk = names.slice(i, i + kChunk);
    const stats = await Promise.all(chunk.map((n) => fs.stat(join(dir, n)).catch(() => null)));
    stats.forEach((st, j) => {
      if (st?.isFile()) out.push({ name: chunk[j]!, st });
    });
    await yieldToEventLoop();
  }
  return out;
}

/** Which owned files to delete, oldest first. Busy files are kept but still count towards the limits. */
export function chooseDeletions(
  files: Entry[],
  policy: RetentionPolicy,
  now: number,
  isBusy: (n: string) => boolean,
) {
  const sorted = [...files].sort((a, b) => a.st.mtimeMs - b.st.mtimeMs || (a.name < b.name ? -1 : 1));
  let count = sorted.length;
  let total = 0;
  for (const f of sorted) total += f.st.size;
  const maxAgeMs = policy.maxAgeDays > 0 ? policy.maxAgeDays * kDayMs : Number.POSITIVE_INFINITY;
  const doomed: string[] = [];
  for (const f of sorted) {
    const tooOld = now - f.st.mtimeMs > maxAgeMs;
    // Sorted oldest first: once a file is young enough and the limits hold, so do all later ones.
    if (!tooOld && count <= policy.maxFiles && total <= policy.maxTotalBytes) break;
    if (isBusy(f.name)) continue;
    doomed.push(f.name);
    count--;
    total -= f.st.size;
  }
  return doomed;
}

export async function applyRetention(
  fs: FsLike,
  target: RetentionTarget,
  now: number,
  hooks: RetentionHooks,
) {
  let names: string[];
  try {
    names = await fs.readdir(target.dir);
  } catch (err) {
    if (errorCode(err) !== "ENOENT") hooks.error(err);
    return;
  }
  const owned = names.filter((n) => target.owns(n));
  const temps = names.filter((n) => isTempFileName(n));
  const entries = await statAll(fs, target.dir, owned.concat(temps), hooks);
  const ownedEntries = entries.filter((e) => !isTempFileName(e.name));
  const doomed = chooseDeletions(ownedEntries, target.policy, now, (n) => target.isBusy(n));
  for (const e of entries) {
    if (isTempFileName(e.name) && now - e.st.mtimeMs > kStrayTempAgeMs) doomed.push(e.name);
  }
  for (let i = 0; i < doomed.length && !hooks.aborted(); i += kChunk) {
    const chunk = doomed.slice(i, i + kChunk);
    await Promise.all(
      chunk.map(async (name) => {
        // Re-checked: a session may have started writing this file while we were stat'ing.
        if (target.isBusy(name)) return;
        try {
          await fs.unlink(join(target.dir, name));
          hooks.deleted(name);
        } catch (err) {
          if (errorCode(err) !== "ENOENT") hooks.error(err);
        }
      }),
    );
    await yieldToEventLoop();
  }
}
