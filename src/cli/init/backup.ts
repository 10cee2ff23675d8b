/**
 * Backups before init or uninstall change a file: <root>/.atreides-backup/<timestamp>/ holds a copy
 * of every file about to be modified or deleted (same relative paths) and backup.json listing them.
 * Only the newest few backups are kept, and pruning removes only directories this code created.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { exists, isFile } from "../fsx.js";
import { absPath, relPath } from "./manifest.js";

// Enough history to undo a few runs; bounded so repeated runs do not fill the project (the original
// kept every backup forever).
export const BACKUPS_KEPT = 5;
export const BACKUP_META = "backup.json";
const BACKUP_NAME = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z(?:-\d+)?$/;
const TIME_CHARS = /[:.]/g;

export interface BackupResult {
  /** Absolute backup directory. */
  dir: string;
  /** Backed-up files, relative to the install root. */
  files: string[];
}

export function createBackup(
  root: string,
  backupRoot: string,
  absFiles: readonly string[],
  command: string,
  now: Date = new Date(),
): BackupResult | null {
  const files = absFiles.filter(isFile);
  if (files.length === 0) return null;
  const base = now.toISOString().replace(TIME_CHARS, "-");
  let dir = join(backupRoot, base);
  for (let n = 1; exists(dir); n++) dir = join(backupRoot, `${base}-${n}`);
  mkdirSync(dir, { recursive: true });
  const rels = files.map((f) => relPath(root, f));
  rels.forEach((rel, i) => {
    const to = absPath(dir, rel);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(files[i]!, to);
  });
  const meta = { createdAt: now.toISOString(), command, root, files: rels };
  writeFileSync(join(dir, BACKUP_META), `${JSON.stringify(meta, null, 2)}\n`);
  return { dir, files: rels };
}

/** Delete all but the newest `keep` backup directories created by createBackup. */
export function pruneBackups(backupRoot: string, keep: number = BACKUPS_KEPT): string[] {
  let names: string[];
  try {
    names = readdirSync(backupRoot);
  } catch {
    return [];
  }
  const ours = names.filter((n) => BACKUP_NAME.test(n) && isFile(join(backupRoot, n, BACKUP_META))).sort();
  const removed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const n of removed) rmSync(join(backupRoot, n), { recursive: true, force: true });
  return removed;
}
