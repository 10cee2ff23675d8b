/**
 * A modest stand-in for the original's command guard (blocked-pattern regexes plus a 100-entry
 * verdict cache), so the naive tool.execute.before does comparable work to ours. The review did
 * not criticise this part; it is here only so "before" is not free for the baseline.
 */

const BLOCKED: readonly RegExp[] = [
  /\brm\s+(-[a-z]*r[a-z]*f|-[a-z]*f[a-z]*r)\s+\/(\s|$)/i,
  /\bmkfs(\.\w+)?\b/i,
  /\bdd\s+if=.*\bof=\/dev\/(sd|nvme|hd)/i,
  /:\(\)\s*\{\s*:\|:&\s*\};:/,
  /\bchmod\s+-R\s+777\s+\//i,
  /\bcurl\b[^|]*\|\s*(ba|z)?sh\b/i,
  /\bwget\b[^|]*\|\s*(ba|z)?sh\b/i,
  /\bsudo\s+rm\b/i,
  /\bshutdown\b|\breboot\b/i,
  />\s*\/dev\/(sd|nvme|hd)/i,
  /\bgit\s+push\s+.*--force\b/i,
  /\bcat\s+.*\.(pem|key)\b/i,
  /\.ssh\/id_(rsa|ed25519)/i,
  /\/etc\/(shadow|passwd)\b/i,
  /\beval\s+"?\$\(/i,
];

// The original's LRU size.
const kCacheSize = 100;

export class NaiveGuard {
  private readonly cache = new Map<string, boolean>();

  /** True when the command is allowed. Cache hits move to the back (LRU order). */
  check(tool: string, args: unknown): boolean {
    const cmd =
      typeof (args as { command?: unknown })?.command === "string"
        ? (args as { command: string }).command
        : "";
    const key = `${tool}:${cmd}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    // The original normalised the command (quotes, backslashes) before matching.
    const normalised = cmd.replace(/["'\\]/g, "").replace(/\s+/g, " ");
    const ok = !BLOCKED.some((re) => re.test(normalised));
    this.cache.set(key, ok);
    if (this.cache.size > kCacheSize) this.cache.delete(this.cache.keys().next().value as string);
    return ok;
  }
}
