// One linter/formatter for the whole repo: biome check must pass (style drift fails the suite).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));

test("biome check passes on the repository", () => {
  const bin = join(root, "node_modules", ".bin", "biome");
  const r = spawnSync(bin, ["check", "."], { cwd: root, encoding: "utf8", timeout: 60_000 });
  assert.equal(
    r.status,
    0,
    `biome check failed (run: npm run format):\n${(r.stdout + r.stderr).slice(-3000)}`,
  );
});
