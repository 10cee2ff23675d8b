/**
 * Errors as data. Config and pattern problems are collected, never thrown at the host: each one
 * names where it came from, the key path, the value received, what was expected and how to fix it.
 */
export interface ConfigIssue {
  /** Where the value came from: a file path, "plugin options", "env ATREIDES_POOL_SIZE", … */
  source: string;
  /** Dotted key path, e.g. "offload.poolSize" or "logging.redact.customPatterns[2]". */
  path: string;
  /** The value received, rendered short (JSON, ≤ 80 chars). */
  received: string;
  /** What was expected, in words. */
  expected: string;
  /** How to fix it, in words. */
  fix: string;
}

/** Render any value short and safe for a one-line message. */
export function renderValue(value: unknown, max = 80): string {
  let s: string;
  try {
    s =
      value === undefined
        ? "undefined"
        : typeof value === "string"
          ? JSON.stringify(value)
          : (JSON.stringify(value) ?? String(value));
  } catch {
    s = Object.prototype.toString.call(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One line per issue: `<source>: <path>: expected <expected>, received <received>. Fix: <fix>` */
export function formatIssue(i: ConfigIssue): string {
  return `${i.source}: ${i.path || "(root)"}: expected ${i.expected}, received ${i.received}. Fix: ${i.fix}`;
}

/** An Error rebuilt from data that crossed a thread boundary. */
export interface ErrorData {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export function toErrorData(err: unknown): ErrorData {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return {
      name: err.name,
      message: err.message,
      stack: err.stack,
      ...(typeof code === "string" ? { code } : {}),
    };
  }
  return { name: "Error", message: String(err) };
}
