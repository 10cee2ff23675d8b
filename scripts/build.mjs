// Build: one tsc pass over src, tests and bench into build/, then copy build/src to dist/ (the package).
// Every worker entry stays its own .js file next to the code that starts it, so Node and Bun can load it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json")], { stdio: "inherit", cwd: root });
} catch {
  process.exitCode = 1;
  throw new Error("build failed: tsc reported errors (see above)");
}
rmSync(join(root, "dist"), { recursive: true, force: true });
cpSync(join(root, "build", "src"), join(root, "dist"), { recursive: true });

// The JSON Schema for editors is generated from the zod schema, so the two cannot drift.
const schemaModule = pathToFileURL(join(root, "build", "src", "shared", "config", "json-schema.js")).href;
const { buildJsonSchema } = await import(schemaModule);
mkdirSync(join(root, "schema"), { recursive: true });
writeFileSync(
  join(root, "schema", "atreides.schema.json"),
  `${JSON.stringify(buildJsonSchema(), null, 2)}\n`,
);
