/** Carry out an init plan: back up what changes, write atomically, record it all in the manifest. */
import { isDeepStrictEqual } from "node:util";
import { readTextIfExists, sha256, writeFileAtomic } from "../fsx.js";
import { type BackupResult, createBackup, pruneBackups } from "./backup.js";
import {
  absPath,
  emptyManifest,
  type ManifestEntry,
  mergeEntries,
  relPath,
  writeManifest,
} from "./manifest.js";
import type { InitPlan } from "./plan.js";

export interface ApplyResult {
  written: string[];
  backup: BackupResult | null;
  manifestWritten: boolean;
  prunedBackups: string[];
}

export function applyInitPlan(plan: InitPlan, packageVersion: string, now: Date = new Date()): ApplyResult {
  const { target } = plan;
  const changing = plan.files.filter((f) => f.action !== "skip" && f.content !== undefined);
  const existingChanged = changing
    .filter((f) => f.action === "modify" || f.action === "overwrite")
    .map((f) => f.abs);
  const backup = createBackup(
    target.root,
    target.backupRoot,
    [...existingChanged, target.manifest],
    "init",
    now,
  );

  const updates: ManifestEntry[] = [];
  const writtenAt = now.toISOString();
  for (const f of plan.files) {
    if (f.action === "skip") {
      // A skipped file init claims (identical to what it writes) is recorded with its current hash.
      if (f.entry && !plan.manifest?.files.some((e) => e.path === f.rel)) {
        const text = readTextIfExists(f.abs);
        if (text !== null) updates.push({ ...f.entry, sha256: sha256(text), writtenAt });
      }
      continue;
    }
    if (f.content === undefined || !f.entry) continue;
    writeFileAtomic(f.abs, f.content);
    const entry: ManifestEntry = { ...f.entry, sha256: sha256(f.content), writtenAt };
    if (f.action === "overwrite" && entry.origin === "overwritten" && backup?.files.includes(f.rel)) {
      entry.backup = relPath(target.root, absPath(backup.dir, f.rel));
    }
    updates.push(entry);
  }

  const base = plan.manifest ?? emptyManifest(target.scope, packageVersion);
  const next = mergeEntries({ ...base, packageVersion }, updates);
  const manifestWritten = !isDeepStrictEqual(next, plan.manifest);
  if (manifestWritten) writeManifest(target.manifest, next);
  const prunedBackups = backup ? pruneBackups(target.backupRoot) : [];
  return { written: changing.map((f) => f.rel), backup, manifestWritten, prunedBackups };
}
