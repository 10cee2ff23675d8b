/**
 * State files on disk. Listing uses only the header line (the first STATE_HEADER_MAX_BYTES bytes of
 * each file), never the body: hundreds of sessions list in one small read each.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { isStateFileName } from "../../shared/io/names.js";
import {
  decodeStateHeader,
  STATE_FILE_EXT,
  STATE_HEADER_MAX_BYTES,
  type StateHeader,
} from "../../shared/state/file-format.js";

export interface StateFileInfo {
  stem: string;
  path: string;
  size: number;
  mtimeMs: number;
  /** null when the first line is not an Atreides state header. */
  header: StateHeader | null;
  /** Bytes read to get the header (at most STATE_HEADER_MAX_BYTES). */
  bytesRead: number;
}

export function readStateHead(path: string): { header: StateHeader | null; bytesRead: number } {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(STATE_HEADER_MAX_BYTES);
    const bytesRead = readSync(fd, buf, 0, buf.length, 0);
    return { header: decodeStateHeader(buf.subarray(0, bytesRead).toString("utf8")), bytesRead };
  } finally {
    closeSync(fd);
  }
}

/** Every state file in `stateDir`, most recently saved first; [] when the dir is missing. */
export function listStateFiles(stateDir: string): StateFileInfo[] {
  let names: string[];
  try {
    names = readdirSync(stateDir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: StateFileInfo[] = [];
  for (const name of names) {
    if (!isStateFileName(name)) continue;
    const path = join(stateDir, name);
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    let head: { header: StateHeader | null; bytesRead: number };
    try {
      head = readStateHead(path);
    } catch {
      head = { header: null, bytesRead: 0 };
    }
    out.push({
      stem: name.slice(0, -STATE_FILE_EXT.length),
      path,
      size: st.size,
      mtimeMs: st.mtimeMs,
      ...head,
    });
  }
  const when = (f: StateFileInfo) => f.header?.savedAt ?? f.mtimeMs;
  return out.sort((a, b) => when(b) - when(a) || a.stem.localeCompare(b.stem));
}
