/**
 * OpenCode loads AGENTS.md itself; Atreides never injects its content again. When configured, the
 * block notes whether one exists. The path found is cached and re-checked with ONE stat per
 * transform (no walk of the tree, no timer); only when it disappears is the walk done again.
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";

// Directories walked up from the project before giving up (never past the worktree root).
const kMaxWalk = 8;

export function agentsMdNote(directory: string, worktree: string) {
  let found: string | null | undefined; // undefined: not looked yet
  let mtime = 0;
  const walk = (): string | null => {
    let dir = directory;
    for (let i = 0; i < kMaxWalk; i++) {
      const p = join(dir, "AGENTS.md");
      const st = statSync(p, { throwIfNoEntry: false });
      if (st?.isFile()) {
        mtime = st.mtimeMs;
        return p;
      }
      if (dir === worktree || dirname(dir) === dir) break;
      dir = dirname(dir);
    }
    return null;
  };
  const check = (): string | null => {
    if (found) {
      const st = statSync(found, { throwIfNoEntry: false });
      if (st?.isFile()) {
        mtime = st.mtimeMs;
        return found;
      }
    }
    // Walk on first use, and again only when the cached file disappeared. A project without one
    // is not re-walked on every turn; an AGENTS.md created later is seen by the next process.
    if (found !== null) found = walk();
    return found;
  };
  return {
    fingerprint(): string {
      const p = check();
      return p ? `agents:${p}:${mtime}` : "agents:none";
    },
    text(): string {
      return found
        ? "Project rules: AGENTS.md is loaded by OpenCode; follow it where it is more specific than these rules."
        : "";
    },
  };
}
