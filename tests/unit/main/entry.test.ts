// OpenCode calls every exported function of the entry module as a plugin and fails the load on any
// non-function export: the entry must export exactly one thing, the plugin.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

test("the entry module's only runtime export is the plugin function", async () => {
  const mod = (await import("../../../src/index.js")) as Record<string, unknown>;
  assert.deepEqual(Object.keys(mod), ["default"]);
  assert.equal(typeof mod.default, "function");
});

test("the package's exports map points at that entry", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../../../package.json", import.meta.url), "utf8"));
  assert.equal(pkg.exports["."].default, "./dist/index.js");
  assert.equal(pkg.type, "module");
});

test("plugin init returns hooks without starting threads or touching the disk", async () => {
  const { createAtreides } = await import("../../../src/main/plugin.js");
  const { mkdtempSync, rmSync, existsSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "atreides-entry-"));
  try {
    const env = { HOME: dir, XDG_DATA_HOME: join(dir, "data"), XDG_CONFIG_HOME: join(dir, "cfg") };
    const a = createAtreides({ directory: dir, worktree: dir, client: {} } as never, undefined, { env });
    assert.equal(typeof a.hooks["tool.execute.before"], "function");
    assert.equal(typeof a.hooks.dispose, "function");
    assert.equal(a.runtime?.pool?.started ?? false, false, "no pool started by init");
    assert.equal(existsSync(join(dir, "data")), false, "no data dir created by init");
    await a.hooks.dispose!();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
