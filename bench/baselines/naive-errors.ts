/**
 * The original's error detection for the naive baseline: 25 independent regexes run over the
 * whole, untruncated output text; when one matches, the list is scanned again from the start to
 * find the category (so found errors cost two passes). Patterns follow the inventory in
 * atreides-original-behaviour.md §3.2 (the review counts "~25").
 */

interface Pattern {
  re: RegExp;
  category: string;
}

const PATTERNS: readonly Pattern[] = [
  { re: /command not found/i, category: "command" },
  { re: /permission denied/i, category: "permission" },
  { re: /no such file or directory/i, category: "file" },
  { re: /ENOENT/i, category: "file" },
  { re: /EACCES/i, category: "permission" },
  { re: /EPERM/i, category: "permission" },
  { re: /cannot find module/i, category: "module" },
  { re: /module not found/i, category: "module" },
  { re: /import .* not found/i, category: "module" },
  { re: /failed to compile/i, category: "build" },
  { re: /compilation failed/i, category: "build" },
  { re: /build failed/i, category: "build" },
  { re: /test.*failed/i, category: "test" },
  { re: /tests? (failed|failing)/i, category: "test" },
  { re: /FAILED/, category: "test" },
  { re: /SyntaxError/i, category: "syntax" },
  { re: /TypeError/i, category: "type" },
  { re: /ReferenceError/i, category: "type" },
  { re: /null pointer/i, category: "type" },
  { re: /segmentation fault/i, category: "memory" },
  { re: /undefined is not/i, category: "type" },
  { re: /connection refused/i, category: "network" },
  { re: /\bexception\b/i, category: "generic" },
  { re: /traceback \(most recent call last\)/i, category: "generic" },
  { re: /\berror:(?!\s*0\b)/i, category: "generic" },
];

export const NAIVE_ERROR_PATTERN_COUNT = PATTERNS.length;

/** The original's extractOutputText for a tool.execute.after output object. */
export function extractOutputText(output: unknown): string {
  if (typeof output === "string") return output;
  if (!output || typeof output !== "object") return "";
  const o = output as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of ["stdout", "stderr", "output", "message"])
    if (typeof o[k] === "string") parts.push(o[k] as string);
  const e = o.error;
  if (typeof e === "string") parts.push(e);
  else if (e && typeof e === "object") {
    const eo = e as { message?: unknown; stack?: unknown };
    if (typeof eo.message === "string") parts.push(eo.message);
    if (typeof eo.stack === "string") parts.push(eo.stack);
  }
  return parts.join("\n");
}

export function detectErrorPattern(text: string): boolean {
  return PATTERNS.some((p) => p.re.test(text));
}

export function errorCategory(text: string): string {
  for (const p of PATTERNS) if (p.re.test(text)) return p.category;
  return "generic";
}

/** Structural error (exit code / error field) or any pattern; the category costs a second pass. */
export function detectError(
  output: unknown,
  exitCode: number | null,
): { isError: boolean; category: string | null } {
  const text = extractOutputText(output);
  const structural = exitCode !== null && exitCode !== 0;
  if (!structural && !detectErrorPattern(text)) return { isError: false, category: null };
  return { isError: true, category: errorCategory(text) };
}
