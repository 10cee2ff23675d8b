/**
 * Tool-call arguments → what to judge. Every path-like argument of every known OpenCode 1.18 tool is
 * extracted (not only the first); a grep `pattern` is a regex and is never treated as a path.
 * Unknown tools yield null (nothing to judge).
 */
import type { PathAccess } from "./types.js";

export interface JudgedPath {
  path: string;
  access: PathAccess;
}

export interface ToolTargets {
  command: { text: string; workdir: string | null } | null;
  paths: JudgedPath[];
}

// A patch names at most this many files we judge; more is not a real edit (each one is judged).
const MAX_PATCH_PATHS = 1_000;
const PATCH_FILE = /^\*\*\* (?:Add|Update|Delete) File:\s*(.+?)\s*$/;
const PATCH_MOVE = /^\*\*\* Move to:\s*(.+?)\s*$/;
const DIFF_FILE = /^(?:\+\+\+|---) (.+?)(?:\t.*)?\s*$/;
const GIT_DIFF = /^diff --git (\S+) (\S+)\s*$/;
const GIT_RENAME = /^(?:rename|copy) (?:from|to) (.+?)\s*$/;

function str(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? v : null;
}

function field(args: Record<string, unknown>, ...names: string[]): string | null {
  for (const n of names) {
    const v = str(args[n]);
    if (v !== null) return v;
  }
  return null;
}

function stripDiffPrefix(p: string): string | null {
  const t = p.trim().replace(/^"(.*)"$/, "$1");
  if (t === "/dev/null" || t.length === 0) return null;
  return /^[ab]\//.test(t) ? t.slice(2) : t;
}

/** Every file a patch touches: apply_patch headers and unified/git diff headers. */
export function patchPaths(patchText: string): string[] {
  const out = new Set<string>();
  const addPath = (p: string | null): void => {
    if (p !== null && out.size < MAX_PATCH_PATHS) out.add(p);
  };
  for (const rawLine of patchText.split("\n")) {
    const line = rawLine.endsWith("\r") ? rawLine.slice(0, -1) : rawLine;
    if (line.length === 0) continue;
    const c = line[0];
    if (c === "*") {
      const m = PATCH_FILE.exec(line) ?? PATCH_MOVE.exec(line);
      if (m) addPath(m[1]!);
    } else if (c === "+" || c === "-") {
      if (line.startsWith("+++ ") || line.startsWith("--- ")) {
        const m = DIFF_FILE.exec(line);
        if (m) addPath(stripDiffPrefix(m[1]!));
      }
    } else if (c === "d") {
      const m = GIT_DIFF.exec(line);
      if (m) {
        addPath(stripDiffPrefix(m[1]!));
        addPath(stripDiffPrefix(m[2]!));
      }
    } else if (c === "r" || c === "c") {
      const m = GIT_RENAME.exec(line);
      if (m) addPath(m[1]!);
    }
  }
  return [...out];
}

function join(dir: string | null, rel: string): string {
  if (rel.startsWith("/") || rel.startsWith("~") || rel.startsWith("$HOME") || dir === null) return rel;
  return `${dir.replace(/\/+$/, "")}/${rel}`;
}

/** What a tool call asks us to judge; null for tools we do not guard. */
export function toolTargets(tool: string, rawArgs: unknown): ToolTargets | null {
  const name = String(tool).toLowerCase();
  const args: Record<string, unknown> =
    rawArgs !== null && typeof rawArgs === "object" ? (rawArgs as Record<string, unknown>) : {};
  const paths: JudgedPath[] = [];
  const push = (path: string | null, access: PathAccess): void => {
    if (path !== null) paths.push({ path, access });
  };
  switch (name) {
    case "bash": {
      const text = typeof rawArgs === "string" ? rawArgs : str(args.command);
      const workdir = field(args, "workdir", "cwd");
      push(workdir, "list");
      return { command: text === null ? null : { text, workdir }, paths };
    }
    case "read":
      push(field(args, "filePath", "file_path", "path"), "read");
      break;
    case "write":
    case "edit":
      push(field(args, "filePath", "file_path", "path"), "write");
      break;
    case "multiedit": {
      push(field(args, "filePath", "file_path", "path"), "write");
      if (Array.isArray(args.edits)) {
        for (const e of args.edits) {
          if (e !== null && typeof e === "object")
            push(field(e as Record<string, unknown>, "filePath", "file_path"), "write");
        }
      }
      break;
    }
    case "patch":
    case "apply_patch": {
      const text = field(args, "patchText", "patch", "input");
      if (text !== null) for (const p of patchPaths(text)) push(p, "write");
      break;
    }
    case "glob": {
      const dir = field(args, "path");
      push(dir, "list");
      const pattern = field(args, "pattern");
      if (pattern !== null) push(join(dir ?? ".", pattern), "search");
      break;
    }
    case "grep": {
      const dir = field(args, "path");
      push(dir, "search");
      const include = field(args, "include");
      if (include !== null) push(join(dir ?? ".", `**/${include}`), "search");
      break;
    }
    case "list":
    case "ls":
      push(field(args, "path"), "list");
      break;
    default:
      return null;
  }
  return { command: null, paths };
}
