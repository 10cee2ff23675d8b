/**
 * A throw-away home for running the real `opencode` binary: HOME, TMPDIR and every XDG dir point
 * into one temp directory, and the OPENCODE_DISABLE_* switches keep it offline and inside it. The
 * config dirs are pre-seeded so OpenCode skips its npm install of @opencode-ai/plugin (offline that
 * install stalls for about 70 s before giving up).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DISABLE = [
  "AUTOUPDATE",
  "SHARE",
  "MODELS_FETCH",
  "LSP_DOWNLOAD",
  "DEFAULT_PLUGINS",
  "CLAUDE_CODE",
  "EXTERNAL_SKILLS",
  "FFF",
];

/** Every OPENCODE_DISABLE_* switch that keeps a run offline and inside its own directories. */
export const OPENCODE_OFFLINE_ENV: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(DISABLE.map((f) => [`OPENCODE_DISABLE_${f}`, "1"])),
);

export interface Sandbox {
  root: string;
  project: string;
  /** $XDG_CONFIG_HOME/opencode inside the sandbox. */
  globalConfigDir: string;
  dataHome: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function createSandbox(hostEnv: NodeJS.ProcessEnv): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "atreides-doctor-"));
  const d = (...p: string[]) => join(root, ...p);
  const dirs = {
    home: d("home"),
    tmp: d("tmp"),
    project: d("project"),
    config: d("xdg", "config"),
    data: d("xdg", "data"),
    cache: d("xdg", "cache"),
    state: d("xdg", "state"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: hostEnv.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: hostEnv.LANG ?? "C.UTF-8",
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    ...OPENCODE_OFFLINE_ENV,
  };
  return {
    root,
    project: dirs.project,
    globalConfigDir: join(dirs.config, "opencode"),
    dataHome: dirs.data,
    env,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Make OpenCode believe @opencode-ai/plugin is installed in this config dir. */
export function seedConfigDir(dir: string, opencodeVersion: string): void {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  const deps = { "@opencode-ai/plugin": opencodeVersion };
  if (!existsSync(join(dir, "package.json")))
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ dependencies: deps })}\n`);
  const lock = { lockfileVersion: 3, packages: { "": { dependencies: deps } } };
  if (!existsSync(join(dir, "package-lock.json")))
    writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lock)}\n`);
}
