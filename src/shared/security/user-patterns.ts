/**
 * User-configured patterns (security.blockedPatterns / askPatterns / allowPatterns / blockedFiles).
 * Each entry is a JavaScript regular expression source, tested unanchored and case-sensitively.
 * blockedFiles entries may instead be globs written "glob:<pattern>": `*` stays within one path
 * component, `**` crosses components, `?` is one character; a glob without "/" matches a file name
 * anywhere, one starting with "/" or "~/" is anchored at that absolute path, any other is matched
 * as a path suffix. An invalid entry becomes a ConfigIssue and is skipped; the others still apply.
 */
import { type ConfigIssue, renderValue } from "../errors.js";
import { catastrophicReason } from "../redact/catastrophic.js";
import { expandHome } from "./paths.js";

export interface UserPattern {
  re: RegExp;
  /** Config path of the entry, e.g. "security.blockedPatterns[2]". */
  label: string;
}

const GLOB_PREFIX = "glob:";
const REGEX_SPECIAL = /[.+^${}()|[\]\\]/g;

function globToRegex(glob: string, home: string): RegExp {
  const g = expandHome(glob.trim(), home);
  let body = "";
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === "*" && g[i + 1] === "*") {
      body += ".*";
      i++;
      if (g[i + 1] === "/") i++;
    } else if (c === "*") body += "[^/]*";
    else if (c === "?") body += "[^/]";
    else body += c.replace(REGEX_SPECIAL, "\\$&");
  }
  return new RegExp(g.startsWith("/") ? `^${body}$` : `(?:^|/)${body}$`);
}

/** Compile a list; bad entries become issues. `kind` is the key under "security". */
export function compileUserPatterns(
  list: unknown,
  kind: string,
  source: string,
  home: string,
  globs: boolean,
  issues: ConfigIssue[],
): UserPattern[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    issues.push({
      source,
      path: `security.${kind}`,
      received: renderValue(list),
      expected: "an array of strings",
      fix: `Set security.${kind} to a list such as ["^docker system prune"].`,
    });
    return [];
  }
  const out: UserPattern[] = [];
  list.forEach((entry: unknown, k: number) => {
    const label = `security.${kind}[${k}]`;
    if (typeof entry !== "string" || entry.length === 0) {
      issues.push({
        source,
        path: label,
        received: renderValue(entry),
        expected: "a non-empty string",
        fix: "Write the pattern as a JSON string, or remove the entry.",
      });
      return;
    }
    const isGlob = globs && entry.startsWith(GLOB_PREFIX);
    // These run synchronously in tool.execute.before, on the host thread, with no deadline: a
    // pattern that backtracks exponentially would hang OpenCode on an ordinary command.
    const catastrophic = isGlob ? null : catastrophicReason(entry);
    if (catastrophic !== null) {
      issues.push({
        source,
        path: label,
        received: renderValue(entry),
        expected: "a regular expression without catastrophic backtracking",
        fix: `The pattern was rejected (${catastrophic}). Avoid repeating a group that itself contains a repeat or overlapping alternatives, e.g. write (x+)y instead of (x+x+)+y.`,
      });
      return;
    }
    try {
      out.push({
        re: isGlob ? globToRegex(entry.slice(GLOB_PREFIX.length), home) : new RegExp(entry),
        label,
      });
    } catch (err) {
      issues.push({
        source,
        path: label,
        received: renderValue(entry),
        expected: "a valid JavaScript regular expression",
        fix: `Fix the syntax (${(err as Error).message.slice(0, 80)}); escape literal characters such as \\. \\( \\[ with a backslash${globs ? ', or write a glob as "glob:*.pem"' : ""}.`,
      });
    }
  });
  return out;
}

/** First pattern matching any of the texts, or null. */
export function firstMatch(patterns: readonly UserPattern[], texts: readonly string[]): UserPattern | null {
  for (const p of patterns) for (const t of texts) if (p.re.test(t)) return p;
  return null;
}
