/**
 * Where init writes, for a project or for the global OpenCode config dir. OpenCode reads project
 * agents from .opencode/agent/, skills from .opencode/skill/<name>/SKILL.md and rules from AGENTS.md
 * in the project root; globally the same names live directly in ~/.config/opencode/.
 */
import { join, resolve } from "node:path";
import { globalConfigDir } from "../../shared/config/load.js";

export type Scope = "project" | "global";

export interface InstallTarget {
  scope: Scope;
  /** Project directory, or the global config dir. Manifest paths are relative to it. */
  root: string;
  /** .opencode/ of the project, or the global config dir itself. */
  configDir: string;
  agentDir: string;
  skillDir: string;
  agentsMd: string;
  atreidesConfig: string;
  manifest: string;
  backupRoot: string;
  /** OpenCode config files that may hold the plugin list, in the order they are checked. */
  opencodeConfigs: string[];
  /** The file init creates when none of the above exists. */
  defaultOpencodeConfig: string;
}

export const MANIFEST_NAME = "atreides-manifest.json";
export const BACKUP_DIR_NAME = ".atreides-backup";

export function installTarget(opts: { global: boolean; dir: string; env: NodeJS.ProcessEnv }): InstallTarget {
  if (opts.global) {
    const g = globalConfigDir(opts.env);
    return {
      scope: "global",
      root: g,
      configDir: g,
      agentDir: join(g, "agent"),
      skillDir: join(g, "skill"),
      agentsMd: join(g, "AGENTS.md"),
      atreidesConfig: join(g, "atreides.jsonc"),
      manifest: join(g, MANIFEST_NAME),
      backupRoot: join(g, BACKUP_DIR_NAME),
      opencodeConfigs: [join(g, "opencode.jsonc"), join(g, "opencode.json"), join(g, "config.json")],
      defaultOpencodeConfig: join(g, "opencode.json"),
    };
  }
  const root = resolve(opts.dir);
  const dot = join(root, ".opencode");
  return {
    scope: "project",
    root,
    configDir: dot,
    agentDir: join(dot, "agent"),
    skillDir: join(dot, "skill"),
    agentsMd: join(root, "AGENTS.md"),
    atreidesConfig: join(dot, "atreides.jsonc"),
    manifest: join(dot, MANIFEST_NAME),
    backupRoot: join(root, BACKUP_DIR_NAME),
    opencodeConfigs: [
      join(root, "opencode.jsonc"),
      join(root, "opencode.json"),
      join(dot, "opencode.jsonc"),
      join(dot, "opencode.json"),
    ],
    defaultOpencodeConfig: join(root, "opencode.json"),
  };
}
