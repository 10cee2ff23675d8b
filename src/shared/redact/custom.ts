/**
 * Custom patterns (logging.redact.customPatterns). Each entry is the SOURCE of a JavaScript
 * regular expression (no slashes, no flags). It is compiled with flag "g"; with "gu" when it uses
 * \p{…}/\P{…} property escapes (which need unicode mode); and a leading "(?i)" (not JavaScript
 * syntax, our convention) is removed and adds flag "i". Every match becomes "[REDACTED:custom]".
 *
 * Rejected, each with a ConfigIssue: a non-string, a pattern the RegExp constructor refuses, one
 * that isCatastrophicPattern() flags, and one that matches the empty string (it would match at
 * every position).
 */
import { type ConfigIssue, renderValue } from "../errors.js";
import { catastrophicReason } from "./catastrophic.js";

const kCaseInsensitiveMarker = "(?i)";
const kPropertyEscapeRe = /\\[pP]\{/;

export function compileCustomPatterns(
  patterns: readonly unknown[],
  source: string,
): { patterns: RegExp[]; issues: ConfigIssue[] } {
  const out: RegExp[] = [];
  const issues: ConfigIssue[] = [];
  patterns.forEach((p, i) => {
    const path = `logging.redact.customPatterns[${i}]`;
    const issue = (expected: string, fix: string): void => {
      issues.push({ source, path, received: renderValue(p), expected, fix });
    };
    if (typeof p !== "string" || p.length === 0) {
      issue(
        "a valid JavaScript regular expression",
        'Give the pattern as a non-empty string, e.g. "ACME-[0-9]{6}".',
      );
      return;
    }
    let body = p;
    let flags = "g";
    if (body.startsWith(kCaseInsensitiveMarker)) {
      body = body.slice(kCaseInsensitiveMarker.length);
      flags += "i";
    }
    if (kPropertyEscapeRe.test(body)) flags += "u";
    let re: RegExp;
    try {
      re = new RegExp(body, flags);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      issue(
        "a valid JavaScript regular expression",
        `Fix the syntax (${why.slice(0, 120)}). Write only the pattern source, without /slashes/ or flags; escape literal characters such as ( [ . + * ? with a backslash.`,
      );
      return;
    }
    const reason = catastrophicReason(p);
    if (reason !== null) {
      issue(
        "a regular expression without catastrophic backtracking",
        `The pattern was rejected (${reason}). Avoid repeating a group that itself contains a repeat or overlapping alternatives: use one character class with one quantifier, e.g. [\\w\\s]+ instead of (\\w+\\s?)*, and bound lengths, e.g. [A-Za-z0-9]{20,64}.`,
      );
      return;
    }
    if (new RegExp(body, flags.replace("g", "")).test("")) {
      issue(
        "a regular expression that cannot match the empty string",
        "Require at least one character, e.g. use + instead of * for the main repeat.",
      );
      return;
    }
    out.push(re);
  });
  return { patterns: out, issues };
}
