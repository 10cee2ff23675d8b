/**
 * Read the config sources: global and project files (JSON with comments), plugin tuple options and
 * ATREIDES_* environment overrides. Synchronous on purpose: at most four tiny files, read once at
 * plugin start, because the hook table depends on them. Never throws: problems become issues.
 */
import { readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { type ParseError, parse, printParseErrorCode } from "jsonc-parser";
import type { ConfigIssue } from "../errors.js";
import { type ConfigSource, type ResolvedConfig, resolveConfig } from "./resolve.js";

export const CONFIG_BASENAMES = ["atreides.jsonc", "atreides.json"] as const;
// A config file larger than this is not a config file; refuse it rather than parse megabytes at start-up.
const kMaxConfigBytes = 256 * 1024;

export interface LoadConfigInput {
  /** Project directory (OpenCode's `directory`). */
  directory?: string;
  /** Project worktree (OpenCode's `worktree`; "/" outside git). */
  worktree?: string;
  /** Second argument of the plugin function (tuple options). */
  options?: unknown;
  env?: NodeJS.ProcessEnv;
}

export interface LoadedConfig extends ResolvedConfig {
  /** The files that were found and read, in merge order. */
  files: string[];
}

export function globalConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), ".config");
  return join(base, "opencode");
}

export function projectConfigDirs(directory?: string, worktree?: string): string[] {
  const dirs: string[] = [];
  if (directory) dirs.push(join(directory, ".opencode"));
  if (worktree && worktree !== "/" && worktree !== directory) dirs.push(join(worktree, ".opencode"));
  return dirs;
}

export function loadConfig(input: LoadConfigInput): LoadedConfig {
  const env = input.env ?? process.env;
  const sources: ConfigSource[] = [];
  const issues: ConfigIssue[] = [];
  const files: string[] = [];

  const readFirst = (dir: string): void => {
    for (const name of CONFIG_BASENAMES) {
      const file = join(dir, name);
      const r = readConfigFile(file);
      if (r === null) continue;
      files.push(file);
      if (r.issue) issues.push(r.issue);
      else sources.push({ source: file, value: r.value });
      return; // .jsonc wins over .json in the same dir
    }
  };
  readFirst(globalConfigDir(env));
  // The nearest project dir wins: read the outer one first so the inner one overrides it.
  for (const dir of projectConfigDirs(input.directory, input.worktree).reverse()) readFirst(dir);
  if (input.options !== undefined) sources.push({ source: "plugin options", value: input.options });
  const fromEnv = envOverrides(env);
  sources.push(...fromEnv.sources);
  issues.push(...fromEnv.issues);

  const resolved = resolveConfig(sources);
  return { config: resolved.config, issues: [...issues, ...resolved.issues], files };
}

/** null when the file does not exist; otherwise the parsed value or an issue. */
export function readConfigFile(file: string): { value?: unknown; issue?: ConfigIssue } | null {
  let text: string;
  try {
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st) return null;
    if (!st.isFile())
      return {
        issue: fileIssue(
          file,
          "not a regular file",
          "a JSON or JSONC file",
          "replace it with a file or remove it",
        ),
      };
    if (st.size > kMaxConfigBytes)
      return {
        issue: fileIssue(
          file,
          `${st.size} bytes`,
          `a config file under ${kMaxConfigBytes} bytes`,
          "shrink it",
        ),
      };
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    return {
      issue: fileIssue(
        file,
        `unreadable (${code})`,
        "a readable file",
        `check its permissions (e.g. chmod 644 ${file})`,
      ),
    };
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0]!;
    const { line, column } = lineCol(text, e.offset);
    return {
      issue: fileIssue(
        file,
        `invalid JSONC: ${printParseErrorCode(e.error)} at line ${line}, column ${column}`,
        "valid JSON with comments",
        `fix the syntax at line ${line}; the whole file is ignored until then`,
      ),
    };
  }
  return { value };
}

function fileIssue(file: string, received: string, expected: string, fix: string): ConfigIssue {
  return { source: file, path: "", received, expected, fix };
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

interface EnvKnob {
  name: string;
  path: string[];
  kind: "int" | "bool" | "enum" | "string";
  values?: readonly string[];
}

/** The few knobs operators tune without touching files. */
export const ENV_KNOBS: readonly EnvKnob[] = [
  { name: "ATREIDES_POOL_SIZE", path: ["offload", "poolSize"], kind: "int" },
  { name: "ATREIDES_INLINE_THRESHOLD", path: ["offload", "inlineThresholdBytes"], kind: "int" },
  {
    name: "ATREIDES_LOG_LEVEL",
    path: ["logging", "level"],
    kind: "enum",
    values: ["debug", "info", "warn", "error"],
  },
  { name: "ATREIDES_LOG_DIR", path: ["logging", "dir"], kind: "string" },
  { name: "ATREIDES_STATE_DIR", path: ["persistence", "dir"], kind: "string" },
  { name: "ATREIDES_ENABLED", path: ["enabled"], kind: "bool" },
];

function envOverrides(env: NodeJS.ProcessEnv): { sources: ConfigSource[]; issues: ConfigIssue[] } {
  const sources: ConfigSource[] = [];
  const issues: ConfigIssue[] = [];
  for (const knob of ENV_KNOBS) {
    const raw = env[knob.name];
    if (raw === undefined || raw === "") continue;
    const value = parseEnv(raw.trim(), knob);
    if (value === undefined) {
      issues.push({
        source: `env ${knob.name}`,
        path: knob.path.join("."),
        received: JSON.stringify(raw),
        expected:
          knob.kind === "int"
            ? "an integer"
            : knob.kind === "bool"
              ? "true/false/1/0"
              : `one of ${knob.values}`,
        fix: `set ${knob.name} to a valid value or unset it`,
      });
      continue;
    }
    let obj: unknown = value;
    for (const key of [...knob.path].reverse()) obj = { [key]: obj };
    sources.push({ source: `env ${knob.name}`, value: obj });
  }
  return { sources, issues };
}

function parseEnv(raw: string, knob: EnvKnob): unknown {
  switch (knob.kind) {
    case "int":
      return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
    case "bool":
      return /^(1|true|yes|on)$/i.test(raw) ? true : /^(0|false|no|off)$/i.test(raw) ? false : undefined;
    case "enum":
      return knob.values?.includes(raw.toLowerCase()) ? raw.toLowerCase() : undefined;
    case "string":
      return raw;
  }
}

/** XDG data dir for Atreides: $XDG_DATA_HOME/atreides, default ~/.local/share/atreides. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), ".local", "share");
  return join(base, "atreides");
}
