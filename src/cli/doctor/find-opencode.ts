/** Locate executables without running a shell: PATH, then node_modules/.bin above the project. */
import { accessSync, constants } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { isFile } from "../fsx.js";

export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

export function isExecutable(p: string): boolean {
  if (!isFile(p)) return false;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface Found {
  path: string;
  /** "PATH", "project node_modules", "atreides node_modules", "--opencode". */
  source: string;
}

export function findOpencode(
  projectDir: string,
  packageRoot: string,
  env: NodeJS.ProcessEnv,
  explicit?: string,
): Found | null {
  if (explicit)
    return isExecutable(resolve(explicit)) ? { path: resolve(explicit), source: "--opencode" } : null;
  const onPath = findOnPath("opencode", env);
  if (onPath) return { path: onPath, source: "PATH" };
  for (let d = resolve(projectDir); ; d = dirname(d)) {
    const p = join(d, "node_modules", ".bin", "opencode");
    if (isExecutable(p)) return { path: p, source: "project node_modules" };
    if (dirname(d) === d) break;
  }
  const own = join(packageRoot, "node_modules", ".bin", "opencode");
  return isExecutable(own) ? { path: own, source: "atreides node_modules" } : null;
}
