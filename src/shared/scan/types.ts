/** Error categories; each has recovery advice in RECOVERY. */
export type ErrorCategory =
  | "command"
  | "permission"
  | "file"
  | "module"
  | "build"
  | "test"
  | "syntax"
  | "type"
  | "network"
  | "memory"
  | "timeout"
  | "generic";

export const ERROR_CATEGORIES: readonly ErrorCategory[] = [
  "command",
  "permission",
  "file",
  "module",
  "build",
  "test",
  "syntax",
  "type",
  "network",
  "memory",
  "timeout",
  "generic",
];

export interface ScanOptions {
  /** UTF-16 units kept from the start of the output. */
  headBytes: number;
  /** UTF-16 units kept from the end of the output. */
  tailBytes: number;
  /** Maximum length of ScanResult.excerpt. */
  excerptChars: number;
}

/**
 * Why these numbers:
 * - head 4 KiB: usage errors, "command not found" and immediate crashes print first.
 * - tail 4 KiB: summaries ("Tests: 1 failed"), final stack traces and `npm ERR!` blocks print last.
 *   The scan runs inline on the host thread (a pool round trip costs more than it), at ~2.7 ns/B:
 *   an 8 KiB window keeps it near 20 µs whatever the output size (bench: hook-latency at 50 KiB),
 *   where 16 KiB cost ~45 µs. Both ends are configurable (limits.scanHeadBytes / scanTailBytes).
 * - excerpt 300: the original's escalation context size; one error line plus a little context, small
 *   enough to go into the system prompt every turn.
 */
export const DEFAULT_SCAN_OPTIONS: ScanOptions = Object.freeze({
  headBytes: 4096,
  tailBytes: 4096,
  excerptChars: 300,
});

export interface ScanInput {
  /** Tool id as OpenCode reports it ("bash", "read", "edit", an MCP tool, …). */
  tool: string;
  /** Tool output text (for bash: stdout+stderr as OpenCode returns it). */
  output: string;
  /** bash `metadata.exit`; null when the process was killed by a signal. */
  exitCode?: number | null;
  /** The tool part itself errored (state "error"). */
  failed?: boolean;
}

export interface ScanResult {
  isError: boolean;
  category: ErrorCategory | null;
  /**
   * Id of the signature that decided the result, e.g. "enoent", "exit-code", "tool-failed".
   * null for a plain success. A success can still carry a signal: "user-abort" (the user stopped the
   * command; not a strike, but callers that continue work on their own should stand down).
   */
  signal: string | null;
  /** Bounded, sanitised text around the match (see sanitizeForPrompt); "" for a success. */
  excerpt: string;
}
