/**
 * File names derived from session ids. Ids come from the host and are untrusted: anything outside
 * [A-Za-z0-9_-] is replaced, the length is capped, and a hash of the original keeps two different
 * ids from sharing a file. The result never contains a path separator, "..", or NUL.
 */
import { createHash } from "node:crypto";

// Long enough for OpenCode ids ("ses_" + 26 chars) with room; short enough for any filesystem.
const kMaxStem = 80;
const SAFE = /^[A-Za-z0-9_-]{1,80}$/;

export function sessionFileStem(sessionID: string): string {
  if (SAFE.test(sessionID)) return sessionID;
  const cleaned = sessionID.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, kMaxStem - 17) || "session";
  const hash = createHash("sha256").update(sessionID).digest("hex").slice(0, 16);
  return `${cleaned}-${hash}`;
}
