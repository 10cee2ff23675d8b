// Project type and package manager detection from marker files.
import assert from "node:assert/strict";
import { test } from "node:test";
import { detectProject } from "../../../src/cli/init/detect.js";
import { tempDir, writeTree } from "./helpers.js";

function detect(files: Record<string, string>) {
  const d = tempDir("detect");
  writeTree(d, files);
  return detectProject(d);
}

test("typescript + pnpm, commands from package.json scripts", () => {
  const p = detect({
    "package.json": JSON.stringify({ scripts: { test: "vitest", lint: "eslint ." } }),
    "tsconfig.json": "{}",
    "pnpm-lock.yaml": "",
  });
  assert.equal(p.type, "typescript");
  assert.equal(p.packageManager, "pnpm");
  assert.equal(p.commands.test, "pnpm test");
  assert.equal(p.commands.lint, "pnpm run lint");
  assert.equal(p.commands.typecheck, "pnpm exec tsc --noEmit");
  assert.equal(p.commands.build, undefined);
});

test("node by lockfile: bun, yarn, npm; no lockfile means unknown manager", () => {
  assert.equal(detect({ "package.json": "{}", "bun.lock": "" }).packageManager, "bun");
  assert.equal(detect({ "package.json": "{}", "yarn.lock": "" }).packageManager, "yarn");
  assert.equal(detect({ "package.json": "{}", "package-lock.json": "{}" }).packageManager, "npm");
  const none = detect({ "package.json": "{}" });
  assert.equal(none.type, "node");
  assert.equal(none.packageManager, null);
});

test("rust, go, python (uv), generic", () => {
  assert.equal(detect({ "Cargo.toml": "" }).commands.test, "cargo test");
  assert.equal(detect({ "go.mod": "" }).commands.test, "go test ./...");
  const py = detect({ "pyproject.toml": "", "uv.lock": "" });
  assert.deepEqual([py.type, py.packageManager, py.commands.test], ["python", "uv", "uv run pytest"]);
  assert.equal(detect({ "requirements.txt": "" }).commands.test, "pytest");
  assert.equal(detect({ "README.md": "" }).type, "generic");
});

test("a broken package.json is not fatal", () => {
  const p = detect({ "package.json": "{not json", "package-lock.json": "" });
  assert.equal(p.type, "node");
  assert.equal(p.commands.test, undefined);
});
