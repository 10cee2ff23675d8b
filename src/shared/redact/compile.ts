/**
 * compileRedactor: everything that can be compiled once is compiled here (the home-directory
 * pattern, escaped once; custom patterns, checked once). The result is plain data plus RegExp
 * objects, so each thread compiles its own from the same RedactorOptions (RegExps do not cross
 * postMessage with their flags and lastIndex intact, and compiling takes microseconds).
 */
import type { ConfigIssue } from "../errors.js";
import { compileCustomPatterns } from "./custom.js";
import { BUILTIN_RULES, kAnyBuiltinRe, type Rule } from "./rules.js";

export interface RedactorOptions {
  /** The user's home directory; occurrences at path boundaries become "~". */
  homeDir?: string;
  /** Extra JavaScript regular expressions (source text). Compiled with flag "g" (see custom.ts). */
  customPatterns?: string[];
  /** Where the options came from, for issues, e.g. ".opencode/atreides.jsonc". */
  source?: string;
}

export interface Redactor {
  /** Texts shorter than this cannot contain any match and are returned as they are. */
  readonly minLength: number;
  /** Necessary condition for any built-in rule (null: always run them). */
  readonly trigger: RegExp | null;
  readonly rules: readonly Rule[];
  /** Home-directory pattern (global), or null when no usable homeDir was given. */
  readonly home: RegExp | null;
  /** A literal that every home match contains (POSIX homes), or null to always run `home`. */
  readonly homeGate: string | null;
  /** Validated custom patterns, all global. */
  readonly custom: readonly RegExp[];
}

// The shortest built-in match is an email like "a@b.co" (6 chars); "1.2.3.4" is 7.
const kMinBuiltinMatch = 6;
// A home directory shorter than this ("/", "C:") would match everywhere; it is ignored.
const kMinHomeChars = 3;

export function compileRedactor(opts: RedactorOptions): { redactor: Redactor; issues: ConfigIssue[] } {
  const source = opts.source ?? "config";
  const { patterns, issues } = compileCustomPatterns(opts.customPatterns ?? [], source);
  const home = compileHome(opts.homeDir);
  let minLength = kMinBuiltinMatch;
  if (home) minLength = Math.min(minLength, home.minLength);
  if (patterns.length > 0) minLength = 1;
  const redactor: Redactor = {
    minLength,
    trigger: kAnyBuiltinRe,
    rules: BUILTIN_RULES,
    home: home?.re ?? null,
    homeGate: home?.gate ?? null,
    custom: patterns,
  };
  return { redactor, issues };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

interface CompiledHome {
  re: RegExp;
  gate: string | null;
  minLength: number;
}

/**
 * The home directory at path boundaries only: not preceded by a path character ("/data/home/u" is
 * not the home "/home/u") and not followed by one other than a separator ("/home/user2" is not
 * "/home/user"). Windows homes match case-insensitively, with "\" or "/" separators and with
 * doubled backslashes (a path inside JSON text).
 */
function compileHome(homeDir: string | undefined): CompiledHome | null {
  if (typeof homeDir !== "string") return null;
  const trimmed = homeDir.replace(/[\\/]+$/, "");
  if (trimmed.length < kMinHomeChars) return null;
  const windows = /^[A-Za-z]:[\\/]|\\/.test(trimmed);
  let alternatives: string[];
  if (windows) {
    const parts = trimmed.split(/[\\/]+/).map(escapeRe);
    alternatives = [parts.join("\\\\\\\\"), parts.join("\\\\"), parts.join("/")];
  } else {
    alternatives = [escapeRe(trimmed)];
  }
  const re = new RegExp(
    `(?<![\\w.~/\\\\-])(?:${alternatives.join("|")})(?![\\w-]|\\.\\w)`,
    windows ? "gi" : "g",
  );
  return { re, gate: windows ? null : trimmed, minLength: trimmed.length };
}
