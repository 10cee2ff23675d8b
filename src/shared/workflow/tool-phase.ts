/**
 * Which phase an OpenCode tool call suggests. The suggestion goes through nextPhase(), which
 * enforces the transition table.
 *
 * Decisions (the original engine ignored most OpenCode tools):
 * - Reading (read/grep/glob/list/webfetch/websearch/codesearch, and read-only shell commands)
 *   suggests exploration, except while implementing or verifying: reading is part of that work,
 *   and flipping the phase back and forth would rewrite the system prompt block on every read
 *   (a prompt-cache miss each time).
 * - `task` (a subagent) suggests exploration when no work has started yet (idle, intent,
 *   assessment): delegation at that point is research. Later it keeps the current phase, because
 *   a subagent may equally implement or verify and its own tool calls are not ours to see.
 * - `todowrite` suggests assessment (planning) only at the start of a task (idle/intent); a todo
 *   update in the middle of the work is bookkeeping, not a new plan.
 * - Shell commands go through classifyCommand(); "other" commands (cd, echo, curl …) suggest nothing.
 */
import { classifyCommand } from "./command.js";
import type { CommandClass, Phase } from "./types.js";

const READ_TOOLS = new Set(["read", "grep", "glob", "list", "webfetch", "websearch", "codesearch"]);
const WRITE_TOOLS = new Set(["edit", "write", "patch", "apply_patch", "multiedit"]);
const SHELL_TOOLS = new Set(["bash", "shell"]);

const COMMAND_PHASE: Readonly<Record<CommandClass, Phase | "read" | null>> = Object.freeze({
  test: "verification",
  build: "verification",
  lint: "verification",
  install: "implementation",
  "vcs-write": "implementation",
  "fs-write": "implementation",
  run: "implementation",
  "vcs-read": "read",
  "fs-read": "read",
  other: null,
});

function isBusy(current: Phase): boolean {
  return current === "implementation" || current === "verification";
}

function readPhase(current: Phase): Phase | null {
  return isBusy(current) ? null : "exploration";
}

/** The command string of a bash tool call: `{command}` (OpenCode), `{cmd}` or a bare string. */
export function commandOf(args: unknown): string {
  if (typeof args === "string") return args;
  if (args !== null && typeof args === "object") {
    const a = args as { command?: unknown; cmd?: unknown };
    if (typeof a.command === "string") return a.command;
    if (typeof a.cmd === "string") return a.cmd;
  }
  return "";
}

export function phaseForTool(tool: string, args: unknown, current: Phase): Phase | null {
  const name = typeof tool === "string" ? tool.toLowerCase() : "";
  if (READ_TOOLS.has(name)) return readPhase(current);
  if (WRITE_TOOLS.has(name)) return "implementation";
  if (SHELL_TOOLS.has(name)) {
    const phase = COMMAND_PHASE[classifyCommand(commandOf(args))];
    return phase === "read" ? readPhase(current) : phase;
  }
  if (name === "task")
    return current === "idle" || current === "intent" || current === "assessment" ? "exploration" : null;
  if (name === "todowrite") return current === "idle" || current === "intent" ? "assessment" : null;
  return null;
}
