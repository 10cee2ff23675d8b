/**
 * `atreides uninstall`: back up, then remove what init recorded. The confirmation is skipped only by
 * --yes; --json changes the output format, never the consent (the original skipped the prompt for
 * --json). Without a terminal to ask on and without --yes it refuses.
 */
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import { dirname, relative } from "node:path";
import { paint, type Status } from "../format.js";
import { writeFileAtomic } from "../fsx.js";
import { type BackupResult, createBackup, pruneBackups } from "../init/backup.js";
import { CliError, type CliIo, EXIT, useColor } from "../io.js";
import { planUninstall, type UninstallAction, type UninstallPlan } from "./plan.js";

export interface UninstallFlags {
  yes?: boolean;
  dryRun?: boolean;
  json?: boolean;
  global?: boolean;
  dir?: string;
}

const CHANGES: ReadonlySet<UninstallAction> = new Set(["delete", "modify", "restore"]);
const ACTION_STATUS: Record<UninstallAction, Status> = {
  delete: "error",
  modify: "warn",
  restore: "warn",
  keep: "info",
  gone: "info",
};

export async function runUninstall(flags: UninstallFlags, io: CliIo): Promise<number> {
  const plan = planUninstall({ global: flags.global === true, dir: flags.dir ?? io.cwd, env: io.env });
  const changing = plan.steps.filter((s) => CHANGES.has(s.action));
  const color = useColor(io, io.stdoutIsTTY);
  if (!flags.json) io.out(renderPlan(plan, color));
  if (flags.dryRun) {
    if (flags.json) io.out(`${JSON.stringify(report(plan, true, null), null, 2)}\n`);
    else io.out(`\nDry run: nothing was changed (${changing.length} file(s) would change).\n`);
    return EXIT.ok;
  }
  if (!flags.yes) {
    if (!io.stdinIsTTY) {
      throw new CliError(
        "refusing to uninstall without confirmation: stdin is not a terminal, so there is no one to ask",
        "pass --yes to confirm (add --dry-run first to see what would change); --json alone never confirms",
      );
    }
    if (flags.json) io.err(renderPlan(plan, useColor(io, io.stderrIsTTY)));
    const ok = await io.confirm(
      `Remove Atreides from ${plan.target.root} (${changing.length} file(s))?`,
      false,
    );
    if (!ok) throw new CliError("aborted: nothing was changed", "run again and answer yes, or pass --yes");
  }
  const backup = applyUninstall(plan);
  if (flags.json) {
    io.out(`${JSON.stringify(report(plan, false, backup), null, 2)}\n`);
  } else {
    if (backup)
      io.out(`\nBacked up ${backup.files.length} file(s) to ${relative(plan.target.root, backup.dir)}\n`);
    const kept = plan.steps.filter((s) => s.action === "keep");
    io.out(`\nDone: ${changing.length} file(s) changed, ${kept.length} kept.\n`);
    for (const k of kept)
      io.out(
        `  kept ${k.rel}: ${k.reason.replace(/^kept: /, "")}; delete it yourself if you do not want it\n`,
      );
  }
  return EXIT.ok;
}

export function applyUninstall(plan: UninstallPlan): BackupResult | null {
  const { target } = plan;
  const changing = plan.steps.filter((s) => CHANGES.has(s.action));
  const backup = createBackup(
    target.root,
    target.backupRoot,
    [...changing.map((s) => s.abs), target.manifest],
    "uninstall",
  );
  for (const s of changing) {
    if (s.action === "delete") rmSync(s.abs, { force: true });
    else if (s.content !== undefined) writeFileAtomic(s.abs, s.content);
  }
  rmSync(target.manifest, { force: true });
  // Directories init created for its files go when they are empty; a non-empty one is never touched.
  const dirs = new Set<string>();
  for (const s of plan.steps)
    if (s.action === "delete")
      for (let d = dirname(s.abs); d.startsWith(`${target.configDir}`); d = dirname(d)) dirs.add(d);
  dirs.add(target.configDir);
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) removeIfEmpty(d, target.root);
  if (backup) pruneBackups(target.backupRoot);
  return backup;
}

function removeIfEmpty(dir: string, root: string): void {
  if (dir === root || !dir.startsWith(root)) return;
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // Missing or not empty: leave it.
  }
}

function report(plan: UninstallPlan, dryRun: boolean, backup: BackupResult | null) {
  return {
    scope: plan.target.scope,
    root: plan.target.root,
    dryRun,
    backup: backup ? backup.dir : null,
    files: plan.steps.map((s) => ({ path: s.rel, action: s.action, reason: s.reason })),
  };
}

function renderPlan(plan: UninstallPlan, color: boolean): string {
  const width = Math.max(4, ...plan.steps.map((s) => s.rel.length));
  const lines = [`atreides uninstall: ${plan.target.scope} ${plan.target.root}`, ""];
  for (const s of plan.steps)
    lines.push(
      `  ${paint(s.action.padEnd(8), ACTION_STATUS[s.action], color)} ${s.rel.padEnd(width)}  ${s.reason}`,
    );
  return `${lines.join("\n")}\n`;
}
