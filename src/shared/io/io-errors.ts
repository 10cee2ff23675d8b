/**
 * Disk errors are data, not exceptions: they become a drop reason, a retry, and a short lastError.
 */

// Longest lastError kept: enough for the operation, the code and the file name.
const kMaxErrorText = 200;
const WHITESPACE_RUN = /\s+/g;

export type DiskDropReason = "disk-full" | "disk-error";

export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** ENOSPC/EDQUOT mean "no room"; everything else (EACCES, EROFS, EIO, …) is a generic refusal. */
export function dropReasonFor(err: unknown): DiskDropReason {
  const code = errorCode(err);
  return code === "ENOSPC" || code === "EDQUOT" ? "disk-full" : "disk-error";
}

/** "log write: ENOSPC: no space left on device, write" — one line, bounded. */
export function describeError(where: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const code = errorCode(err);
  const text = `${where}: ${code && !msg.startsWith(code) ? `${code}: ` : ""}${msg}`.replace(
    WHITESPACE_RUN,
    " ",
  );
  return text.length > kMaxErrorText ? `${text.slice(0, kMaxErrorText - 1)}…` : text;
}
