// The built executable, spawned like a user would run it: shebang, exit codes, stdin not a TTY.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { isolatedEnv, snapshot, tempDir, writeTree } from "../../unit/cli/helpers.js";

// Compiled next to this file's build output: <outDir>/tests/integration/cli → <outDir>/src/cli/index.js.
const CLI = fileURLToPath(new URL("../../../src/cli/index.js", import.meta.url));

function atreides(args: string[], cwd: string, env: NodeJS.ProcessEnv, input = "") {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("the built entry starts with a node shebang", () => {
  assert.ok(readFileSync(CLI, "utf8").startsWith("#!/usr/bin/env node\n"));
});

test("init then uninstall through the executable: JSONC and AGENTS.md come back byte-identical", () => {
  const root = tempDir("spawn");
  const dir = join(root, "p");
  const jsonc = '{\n  // keep\n  "plugin": ["other"] /* and this */\n}\n';
  writeTree(dir, { "opencode.jsonc": jsonc, "AGENTS.md": "# mine\n", "Cargo.toml": "[package]\n" });
  const env = isolatedEnv(root);
  const before = snapshot(dir);

  const dry = atreides(["init", "--dry-run"], dir, env);
  assert.equal(dry.code, 0, dry.err);
  assert.deepEqual(snapshot(dir), before, "--dry-run wrote nothing");

  const init = atreides(["init"], dir, env); // stdin is a pipe: non-interactive
  assert.equal(init.code, 0, init.err);
  assert.equal(
    readFileSync(join(dir, "opencode.jsonc"), "utf8"),
    '{\n  // keep\n  "plugin": ["other", "atreides-opencode"] /* and this */\n}\n',
  );
  assert.match(readFileSync(join(dir, "AGENTS.md"), "utf8"), /cargo test/);

  const refused = atreides(["uninstall", "--json"], dir, env);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /refusing/);

  const un = atreides(["uninstall", "--yes"], dir, env);
  assert.equal(un.code, 0, un.err);
  assert.equal(readFileSync(join(dir, "opencode.jsonc"), "utf8"), jsonc);
  assert.equal(readFileSync(join(dir, "AGENTS.md"), "utf8"), "# mine\n");
  assert.ok(!existsSync(join(dir, ".opencode")));
});

test("usage errors exit 2 with a pointer to --help; --version exits 0", () => {
  const cwd = tempDir("spawn");
  const bad = atreides(["logs", "--lines"], cwd, isolatedEnv(cwd));
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--help/);
  const v = atreides(["--version"], cwd, isolatedEnv(cwd));
  assert.equal(v.code, 0);
  assert.match(v.out, /atreides-opencode \d/);
});
