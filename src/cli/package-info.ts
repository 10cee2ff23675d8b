/**
 * Where this package lives on disk (templates, schema, bench runner) and its version. The CLI runs
 * from dist/cli in the published package and from <build dir>/src/cli in a clone, so the root is found by
 * walking up to the package.json named atreides-opencode rather than by a fixed relative path.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isFile } from "./fsx.js";

export const PACKAGE_NAME = "atreides-opencode";

export interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, "package.json");
    if (isFile(pj)) {
      try {
        const parsed = JSON.parse(readFileSync(pj, "utf8")) as { name?: unknown; version?: unknown };
        if (parsed.name === PACKAGE_NAME) {
          cached = { root: dir, version: typeof parsed.version === "string" ? parsed.version : "0.0.0" };
          return cached;
        }
      } catch {
        // Not our package.json (or unreadable): keep walking up.
      }
    }
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const templatesDir = (): string => join(packageInfo().root, "templates");
