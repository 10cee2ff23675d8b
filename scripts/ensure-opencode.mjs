// npm may skip install scripts (allowScripts policies, --ignore-scripts). opencode-ai then leaves a
// stub that prints "postinstall script was not run". Its platform binary arrives as an optional
// dependency, so running the postinstall by hand works offline.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function ensureOpencode(root) {
  const bin = join(root, "node_modules", ".bin", "opencode");
  // Even `opencode --version` creates $TMPDIR/opencode and XDG dirs: give it a throw-away home.
  const probe = () => {
    const home = mkdtempSync(join(tmpdir(), "atreides-probe-"));
    const env = {
      PATH: process.env.PATH,
      HOME: home,
      TMPDIR: home,
      XDG_CONFIG_HOME: join(home, "config"),
      XDG_DATA_HOME: join(home, "data"),
      XDG_CACHE_HOME: join(home, "cache"),
      XDG_STATE_HOME: join(home, "state"),
    };
    try {
      return spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 60_000, env });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
  let r = probe();
  if (r.status === 0 && /^\d+\.\d+\.\d+/.test(r.stdout.trim())) return r.stdout.trim();
  const post = join(root, "node_modules", "opencode-ai", "postinstall.mjs");
  if (existsSync(post))
    spawnSync(process.execPath, [post], { stdio: "inherit", cwd: join(root, "node_modules", "opencode-ai") });
  r = probe();
  if (r.status === 0) return r.stdout.trim();
  throw new Error(`opencode binary not usable at ${bin}: ${r.stderr || r.stdout}. Run: npm install`);
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(ensureOpencode(join(import.meta.dirname ?? ".", "..")));
