// Runs the whole suite with node's test runner over the compiled tests in build/tests.
// `npm test` builds first (pretest). Optional arguments filter test files by substring:
//   npm test -- unit security
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureOpencode } from "./ensure-opencode.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const testsDir = join(root, "build", "tests");

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith(".test.js")) out.push(p);
  }
  return out;
}

ensureOpencode(root);
const filters = process.argv.slice(2);
const files = walk(testsDir)
  .filter((f) => filters.length === 0 || filters.some((s) => relative(testsDir, f).includes(s)))
  .sort();
if (files.length === 0) {
  console.error(`no test files matched ${JSON.stringify(filters)} under ${relative(root, testsDir)}`);
  process.exit(1);
}
// Two files at a time: e2e files mostly wait on the opencode binary; CI has 2 cores.
const args = ["--test", "--test-concurrency=2", "--test-reporter=spec", ...files];
const r = spawnSync(process.execPath, args, { stdio: "inherit", cwd: root, env: process.env });
process.exit(r.status ?? 1);
