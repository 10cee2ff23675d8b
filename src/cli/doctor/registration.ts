/**
 * Which OpenCode config files list plugins, the way OpenCode looks for them: the global config dir,
 * then opencode.json(c) and .opencode/opencode.json(c) in every directory from the git worktree root
 * down to the project, then $OPENCODE_CONFIG.
 */
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { globalConfigDir } from "../../shared/config/load.js";
import { isDir, readTextIfExists } from "../fsx.js";
import { isAtreidesSpec, JsoncError, parseOpencodeConfig } from "../init/jsonc-edit.js";

export interface FoundPlugin {
  spec: string;
  options?: unknown;
  /** The config file that lists it. */
  source: string;
  atreides: boolean;
}

export interface ConfigScan {
  files: string[];
  plugins: FoundPlugin[];
  /** Files that exist but cannot be parsed (OpenCode refuses to start with them). */
  invalid: Array<{ file: string; message: string }>;
}

const NAMES = ["opencode.json", "opencode.jsonc"];
// Reasonable depth for a worktree walk; a project is never nested deeper than this below its root.
const kMaxWalk = 64;

export function scanOpencodeConfigs(projectDir: string, env: NodeJS.ProcessEnv): ConfigScan {
  const files: string[] = [];
  const g = globalConfigDir(env);
  files.push(join(g, "config.json"), ...NAMES.map((n) => join(g, n)));
  for (const dir of worktreeDirs(resolve(projectDir))) {
    files.push(...NAMES.map((n) => join(dir, n)), ...NAMES.map((n) => join(dir, ".opencode", n)));
  }
  if (env.OPENCODE_CONFIG) files.push(resolve(projectDir, env.OPENCODE_CONFIG));
  const scan: ConfigScan = { files: [], plugins: [], invalid: [] };
  for (const file of files) {
    const text = readTextIfExists(file);
    if (text === null) continue;
    scan.files.push(file);
    try {
      for (const e of parseOpencodeConfig(text, file).entries) {
        scan.plugins.push({
          spec: e.spec,
          options: e.options,
          source: file,
          atreides: isAtreidesSpec(e.spec),
        });
      }
    } catch (err) {
      if (!(err instanceof JsoncError)) throw err;
      scan.invalid.push({ file, message: err.message });
    }
  }
  return scan;
}

/** From the git worktree root (or the project itself outside git) down to the project dir. */
function worktreeDirs(project: string): string[] {
  const chain: string[] = [];
  let d = project;
  for (let i = 0; i < kMaxWalk; i++) {
    chain.push(d);
    if (isDir(join(d, ".git")) || readTextIfExists(join(d, ".git")) !== null) return chain.reverse();
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return [project];
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const LOCAL = /^(?:\.{1,2}\/|\/|~\/)/;

/** A local plugin spec as an absolute file URL (paths are relative to the config that lists them); null for npm names. */
export function localPluginUrl(spec: string, source: string, home: string | undefined): string | null {
  if (spec.startsWith("file:")) return spec;
  if (URL_SCHEME.test(spec) || !LOCAL.test(spec)) return null;
  const expanded = spec.startsWith("~/") && home ? join(home, spec.slice(2)) : spec;
  return pathToFileURL(isAbsolute(expanded) ? expanded : resolve(dirname(source), expanded)).href;
}
