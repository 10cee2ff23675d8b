/**
 * Public entry points: compile a policy once, then judge commands, paths and tool calls. No entry
 * point throws: an internal failure is itself a "deny" verdict (fail closed), and the caller's own
 * try/catch stays a second line of defence.
 */
import { Buffer } from "node:buffer";
import type { ConfigIssue } from "../errors.js";
import { renderValue } from "../errors.js";
import type { CompiledPolicy } from "./compiled.js";
import { toolTargets } from "./extract.js";
import { judgeCommandLine, newState } from "./judge.js";
import { MAX_COMMAND_BYTES, MAX_SUBJECT } from "./limits.js";
import { deobfuscate } from "./normalize.js";
import { judgePath } from "./path-rules.js";
import { lexicalNormalize, resolvePath } from "./paths.js";
import { hit, worst } from "./rules.js";
import { ParseLimitError } from "./shell-parse.js";
import { oneLine, q } from "./text.js";
import type { Finding, PathAccess, SecurityOptions, SecurityPolicy, SecurityVerdict } from "./types.js";
import { compileUserPatterns, firstMatch } from "./user-patterns.js";

// Used when homeDir / projectDir are missing or relative: paths that exist nowhere, so nothing is
// mistaken for the real home or project, while "~" still has a home to expand to.
const FALLBACK_HOME = "/nonexistent-home";
const FALLBACK_PROJECT = "/nonexistent-project";

function absoluteDir(
  value: unknown,
  key: string,
  fallback: string,
  source: string,
  issues: ConfigIssue[],
): string {
  if (typeof value === "string" && value.startsWith("/")) return lexicalNormalize(value);
  issues.push({
    source,
    path: `security.${key}`,
    received: renderValue(value),
    expected: "an absolute directory path",
    fix: `Pass an absolute ${key} (e.g. from os.homedir() or the OpenCode worktree).`,
  });
  return fallback;
}

export function compileSecurityPolicy(
  opts: SecurityOptions,
  source = "security options",
): { policy: SecurityPolicy; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const o = (opts !== null && typeof opts === "object" ? opts : {}) as Partial<SecurityOptions>;
  const home = absoluteDir(o.homeDir, "homeDir", FALLBACK_HOME, source, issues);
  const project = absoluteDir(o.projectDir, "projectDir", FALLBACK_PROJECT, source, issues);
  const user = home.slice(home.lastIndexOf("/") + 1);
  const patterns = (key: keyof SecurityOptions, globs: boolean) =>
    compileUserPatterns(o[key], key, source, home, globs, issues);
  const policy: CompiledPolicy = {
    __securityPolicy: true,
    home,
    project,
    blocked: patterns("blockedPatterns", false),
    ask: patterns("askPatterns", false),
    allow: patterns("allowPatterns", false),
    vars: [
      ["HOME", home],
      ["IFS", " \t\n"],
      ["TMPDIR", "/tmp"],
      ["USER", user],
      ["LOGNAME", user],
    ],
    paths: {
      home,
      project,
      blockedFiles: patterns("blockedFiles", true),
      homeParts: home
        .toLowerCase()
        .split("/")
        .filter((x) => x !== ""),
    },
  };
  return { policy, issues };
}

function verdict(findings: readonly Finding[], subject: string): SecurityVerdict {
  const w = worst(findings);
  if (!w) return { action: "allow", rule: null, reason: "allowed: no security rule matched", subject };
  return { action: w.action, rule: w.rule, reason: oneLine(w.reason, MAX_SUBJECT), subject };
}

function failure(err: unknown, subject: string): SecurityVerdict {
  if (err instanceof ParseLimitError) {
    const f =
      err.limit === "nesting"
        ? hit("command-too-nested", "command with substitutions or shells nested beyond the limit")
        : hit("command-too-complex", "command with more simple commands than the limit");
    return verdict([f], subject);
  }
  const msg = err instanceof Error ? err.message : String(err);
  return verdict([hit("validator-error", `internal error ${q(msg)}`)], subject);
}

function commandSubject(command: string): string {
  const head = command.length > MAX_SUBJECT * 4 ? command.slice(0, MAX_SUBJECT * 4) : command;
  return oneLine(deobfuscate(head), MAX_SUBJECT);
}

function judgeCommandIn(
  p: CompiledPolicy,
  command: string,
  cwd: string,
): { findings: Finding[]; subject: string } {
  const subject = commandSubject(command);
  // UTF-8 bytes: at most 3 per UTF-16 unit, so short strings skip the exact count.
  const bytes = command.length * 3 <= MAX_COMMAND_BYTES ? command.length : Buffer.byteLength(command, "utf8");
  if (bytes > MAX_COMMAND_BYTES) {
    return {
      findings: [hit("command-too-long", `command of ${bytes} bytes > ${MAX_COMMAND_BYTES}`)],
      subject,
    };
  }
  const st = newState(p, cwd);
  const findings = judgeCommandLine(st, command);
  const blocked = firstMatch(p.blocked, st.texts);
  if (blocked)
    findings.push(hit("user-blocked-command", `command matching ${blocked.label} ${q(blocked.re.source)}`));
  const asked = firstMatch(p.ask, st.texts);
  if (asked) findings.push(hit("user-ask-command", `command matching ${asked.label} ${q(asked.re.source)}`));
  return { findings, subject };
}

function judgePathIn(
  p: CompiledPolicy,
  path: string,
  access: PathAccess,
): { finding: Finding | null; subject: string } {
  const abs = resolvePath(path, p.home, p.project);
  const subject = oneLine(abs, MAX_SUBJECT);
  let finding = judgePath(p.paths, path, abs, access);
  if (finding?.overridable && firstMatch(p.allow, [abs, path]) !== null) finding = null;
  return { finding, subject };
}

export function evaluateCommand(policy: SecurityPolicy, command: string): SecurityVerdict {
  const p = policy as CompiledPolicy;
  try {
    if (typeof command !== "string") return verdict([], "");
    const { findings, subject } = judgeCommandIn(p, command, p.project);
    return verdict(findings, subject);
  } catch (err) {
    return failure(err, typeof command === "string" ? commandSubject(command) : "");
  }
}

export function evaluatePath(
  policy: SecurityPolicy,
  path: string,
  access: "read" | "write",
): SecurityVerdict {
  const p = policy as CompiledPolicy;
  try {
    if (typeof path !== "string" || path.length === 0) return verdict([], "");
    const { finding, subject } = judgePathIn(p, path, access === "write" ? "write" : "read");
    return verdict(finding ? [finding] : [], subject);
  } catch (err) {
    return failure(err, typeof path === "string" ? oneLine(path, MAX_SUBJECT) : "");
  }
}

export function evaluateToolCall(policy: SecurityPolicy, tool: string, args: unknown): SecurityVerdict {
  const p = policy as CompiledPolicy;
  try {
    const targets = toolTargets(tool, args);
    if (!targets) return verdict([], "");
    let best: SecurityVerdict | null = null;
    const consider = (v: SecurityVerdict): void => {
      if (best === null || rank(v.action) > rank(best.action)) best = v;
    };
    if (targets.command) {
      const wd = targets.command.workdir;
      const cwd = wd ? resolvePath(wd, p.home, p.project) : p.project;
      const { findings, subject } = judgeCommandIn(p, targets.command.text, cwd);
      consider(verdict(findings, subject));
    }
    for (const t of targets.paths) {
      const { finding, subject } = judgePathIn(p, t.path, t.access);
      consider(verdict(finding ? [finding] : [], subject));
    }
    return best ?? verdict([], "");
  } catch (err) {
    return failure(err, "");
  }
}

function rank(a: SecurityVerdict["action"]): number {
  return a === "deny" ? 2 : a === "ask" ? 1 : 0;
}

/**
 * Stable key of exactly the fields judged (bash: command + workdir; path tools: the paths with their
 * access; patch: the files it touches; write content and grep patterns are not part of it).
 * null = unknown tool or nothing to judge, so the caller does not cache.
 */
export function cacheKeyFor(tool: string, args: unknown): string | null {
  try {
    const targets = toolTargets(tool, args);
    if (!targets || (targets.command === null && targets.paths.length === 0)) return null;
    // An oversized command is denied cheaply anyway; keeping megabyte keys in the LRU is not worth it.
    if (targets.command && targets.command.text.length > MAX_COMMAND_BYTES) return null;
    const parts = [String(tool).toLowerCase()];
    if (targets.command) parts.push(`c:${targets.command.workdir ?? ""}\u0000${targets.command.text}`);
    for (const t of targets.paths) parts.push(`${t.access}:${t.path}`);
    return parts.join("\u0001");
  } catch {
    return null;
  }
}
