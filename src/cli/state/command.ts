/** `atreides state [session]`: list saved session state (headers only), or show one session. */
import { readFileSync } from "node:fs";
import { decodeStateFileText } from "../../shared/state/persisted.js";
import type { SessionState } from "../../shared/state/session-state.js";
import { dataDirs } from "../data-dirs.js";
import { formatAge, formatBytes, formatTime, table } from "../format.js";
import { CliError, type CliIo, EXIT } from "../io.js";
import { matchSession } from "../session-match.js";
import { listStateFiles, type StateFileInfo } from "./files.js";

export interface StateFlags {
  full?: boolean;
  json?: boolean;
  dir?: string;
}

// A state file is a few KiB; one far past this is not one of ours and is not read whole.
const kMaxStateBytes = 64 * 1024 * 1024;
// Pending todos shown in the summary; the rest is counted.
const kTodosShown = 10;

export async function runState(session: string | undefined, flags: StateFlags, io: CliIo): Promise<number> {
  const { stateDir } = dataDirs(flags.dir ?? io.cwd, io.env);
  const files = listStateFiles(stateDir);
  if (session === undefined) return list(files, stateDir, flags, io);
  const stem = matchSession(
    session,
    files.map((f) => f.stem),
    "saved state",
    "atreides state",
  );
  const file = files.find((f) => f.stem === stem)!;
  if (file.size > kMaxStateBytes) {
    throw new CliError(
      `${file.path} is ${formatBytes(file.size)}, too large to be an Atreides state file`,
      "inspect it by hand",
    );
  }
  const state = decodeStateFileText(readFileSync(file.path, "utf8"));
  if (!state) {
    throw new CliError(
      `${file.path} is not a readable Atreides state file (torn, hand-edited or from another version)`,
      "the plugin ignores such a file and starts the session fresh; delete it to silence this",
    );
  }
  if (flags.json) {
    io.out(
      `${JSON.stringify(flags.full ? { header: file.header, state } : { header: file.header, summary: summarize(state) }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  io.out(renderSummary(file, state));
  if (flags.full) io.out(`\n${JSON.stringify(state, null, 2)}\n`);
  return EXIT.ok;
}

function list(files: StateFileInfo[], stateDir: string, flags: StateFlags, io: CliIo): number {
  if (flags.json) {
    const rows = files.map((f) => ({
      session: f.header?.sessionID ?? null,
      file: f.path,
      bytes: f.size,
      savedAt: f.header ? new Date(f.header.savedAt).toISOString() : null,
      version: f.header?.v ?? null,
    }));
    io.out(`${JSON.stringify({ stateDir, sessions: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (files.length === 0) {
    io.out(`No saved session state in ${stateDir}.\n`);
    return EXIT.ok;
  }
  const now = Date.now();
  const rows = files.map((f) =>
    f.header
      ? [
          f.header.sessionID,
          formatBytes(f.size),
          `${formatTime(f.header.savedAt)} (${formatAge(f.header.savedAt, now)})`,
        ]
      : [f.stem, formatBytes(f.size), "unreadable header"],
  );
  io.out(`Saved session state in ${stateDir} (newest first):\n\n`);
  io.out(table(["SESSION", "SIZE", "SAVED"], rows));
  io.out("\nShow one: atreides state <session or unique prefix> [--full]\n");
  return EXIT.ok;
}

export function summarize(s: SessionState) {
  const byStatus: Record<string, number> = {};
  for (const t of s.todos) byStatus[t.status] = (byStatus[t.status] ?? 0) + 1;
  return {
    sessionID: s.sessionID,
    phase: s.phase,
    intent: s.intent,
    lastActivityAt: new Date(s.lastActivityAt).toISOString(),
    strikes: s.strikes,
    escalated: s.escalated,
    lastError: s.lastError
      ? { tool: s.lastError.tool, category: s.lastError.category, at: new Date(s.lastError.at).toISOString() }
      : null,
    todos: { total: s.todos.length, ...byStatus },
    toolCalls: s.stats.toolCalls,
    toolErrors: s.stats.toolErrors,
    blocked: s.security.blocked,
    think: s.think.level,
  };
}

function renderSummary(file: StateFileInfo, s: SessionState): string {
  const sum = summarize(s);
  const open = s.todos.filter(
    (t) => t.status === "pending" || t.status === "in_progress" || t.status === "blocked",
  );
  const todoCounts = Object.entries(sum.todos)
    .filter(([k]) => k !== "total")
    .map(([k, v]) => `${v} ${k}`)
    .join(", ");
  const lines = [
    `Session   ${s.sessionID}`,
    `File      ${file.path} (${formatBytes(file.size)})`,
    `Saved at  ${file.header ? formatTime(file.header.savedAt) : "-"}`,
    `Activity  ${formatTime(s.lastActivityAt)}`,
    `Phase     ${s.phase} (intent: ${s.intent})`,
    `Strikes   ${s.strikes}${s.escalated ? " (escalated)" : ""}${s.lastError ? `; last error: ${s.lastError.category} in ${s.lastError.tool}` : ""}`,
    `Todos     ${s.todos.length}${todoCounts ? ` (${todoCounts})` : ""}`,
    ...open.slice(0, kTodosShown).map((t) => `          [${t.status}] ${t.content}`),
    ...(open.length > kTodosShown ? [`          … ${open.length - kTodosShown} more`] : []),
    `Tools     ${s.stats.toolCalls} calls, ${s.stats.toolErrors} errors; ${s.security.blocked} blocked by the guard`,
    `Think     ${s.think.level}${s.think.sticky ? " (sticky)" : ""}`,
  ];
  return `${lines.join("\n")}\n`;
}
