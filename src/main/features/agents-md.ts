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
      if (statSync(p, { throwIfNoEntry: false })?.isFile()) return p;
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
    if (found === undefined || found !== null) found = walk();
    return found;
  };
  return {
    counters: { stats: 0 },
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
