/**
 * The log and state directories the plugin uses for a project: the same config resolution as the
 * plugin (global and project atreides.jsonc, ATREIDES_* variables), so `atreides logs` looks where
 * the plugin writes.
 */
import { join, resolve } from "node:path";
import { defaultDataDir, type LoadedConfig, loadConfig } from "../shared/config/load.js";

export interface DataDirs {
  dataDir: string;
  logDir: string;
  stateDir: string;
  config: LoadedConfig;
}

export function dataDirs(dir: string, env: NodeJS.ProcessEnv): DataDirs {
  const config = loadConfig({ directory: resolve(dir), env });
  const dataDir = defaultDataDir(env);
  return {
    dataDir,
    logDir: config.config.logging.dir ?? join(dataDir, "logs"),
    stateDir: config.config.persistence.dir ?? join(dataDir, "state"),
    config,
  };
}
