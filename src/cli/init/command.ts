/** `atreides init`: print the plan, confirm when interactive, apply it, say what happened. */
import { relative } from "node:path";
import { paint, type Status } from "../format.js";
import { CliError, type CliIo, EXIT, useColor } from "../io.js";
import { packageInfo } from "../package-info.js";
import { applyInitPlan } from "./apply.js";
import { type FileAction, type InitPlan, planInit } from "./plan.js";

export interface InitFlags {
  global?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  force?: boolean;
  dir?: string;
  model?: string;
}

const ACTION_STATUS: Record<FileAction, Status> = {
  create: "ok",
  modify: "warn",
  overwrite: "error",
  skip: "info",
};

export async function runInit(flags: InitFlags, io: CliIo): Promise<number> {
  const plan = planInit({
    global: flags.global === true,
    dir: flags.dir ?? io.cwd,
    force: flags.force === true,
    model: flags.model,
    env: io.env,
  });
  const color = useColor(io, io.stdoutIsTTY);
  io.out(renderPlan(plan, color));
  const changes = plan.files.filter((f) => f.action !== "skip");
  const claims = plan.files.filter(
    (f) => f.action === "skip" && f.entry && !plan.manifest?.files.some((e) => e.path === f.rel),
  );
  if (flags.dryRun) {
    io.out(`\nDry run: nothing was written (${changes.length} file(s) would change).\n`);
    return EXIT.ok;
  }
  if (changes.length === 0 && claims.length === 0) {
    io.out("\nNothing to do: Atreides is already set up here.\n");
    return EXIT.ok;
  }
  if (changes.length > 0 && !flags.yes && io.stdinIsTTY) {
    const ok = await io.confirm(`Apply these ${changes.length} change(s)?`, true);
    if (!ok) throw new CliError("aborted: nothing was changed", "run again and answer yes, or pass --yes");
  }
  const result = applyInitPlan(plan, packageInfo().version);
  const root = plan.target.root;
  if (result.backup) {
    io.out(
      `\nBacked up ${result.backup.files.length} file(s) to ${relative(root, result.backup.dir) || result.backup.dir}\n`,
    );
  }
  const count = (a: FileAction) => plan.files.filter((f) => f.action === a).length;
  io.out(
    `\nDone: ${count("create")} created, ${count("modify")} modified, ${count("overwrite")} replaced, ${count("skip")} unchanged.\n`,
  );
  const kept = plan.files.filter((f) => f.action === "skip" && f.reason.startsWith("kept"));
  if (kept.length > 0)
    io.out(`${kept.length} file(s) kept as they are; --force replaces them (after a backup).\n`);
  const scopeFlag = plan.target.scope === "global" ? " --global" : relativeDirFlag(io.cwd, root);
  const next: Array<[string, string]> = [
    [
      `atreides doctor${plan.target.scope === "global" ? "" : relativeDirFlag(io.cwd, root)}`,
      "check that OpenCode really loads the plugin",
    ],
    ["opencode", "start OpenCode; press Tab to switch to the stilgar agent"],
    [`atreides uninstall${scopeFlag}`, "remove exactly what init added"],
  ];
  const w = Math.max(...next.map(([c]) => c.length));
  io.out(`\nNext:\n${next.map(([c, d]) => `  ${c.padEnd(w)}  ${d}`).join("\n")}\n`);
  return EXIT.ok;
}

function relativeDirFlag(cwd: string, root: string): string {
  const rel = relative(cwd, root);
  return rel === "" ? "" : ` --dir ${JSON.stringify(rel)}`;
}

export function renderPlan(plan: InitPlan, color: boolean): string {
  const t = plan.target;
  const p = plan.project;
  const what = p
    ? `${p.type}${p.packageManager ? `, ${p.packageManager}` : ""}${p.evidence.length ? ` (from ${p.evidence.join(", ")})` : ""}`
    : "global OpenCode config";
  const width = Math.max(...plan.files.map((f) => f.rel.length));
  const lines = [`atreides init: ${t.scope} ${t.root}`, `  detected: ${what}`, ""];
  for (const f of plan.files) {
    lines.push(
      `  ${paint(f.action.padEnd(9), ACTION_STATUS[f.action], color)} ${f.rel.padEnd(width)}  ${f.reason}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
