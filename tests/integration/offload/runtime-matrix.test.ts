// The pool and the I/O worker under both host runtimes: Node, and OpenCode's embedded Bun 1.3
// (BUN_BE_BUN=1 opencode <script>), where piscina with atomics "sync" would hang on close.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { opencodeBin } from "../../helpers/opencode-harness.js";

const PROBE = fileURLToPath(new URL("../../smoke/runtime-probe.js", import.meta.url));

function probe(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 60_000, env });
  assert.equal(r.status, 0, `probe failed (${cmd}): ${r.stdout}\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
  assert.equal(out.redacted, true);
  assert.equal(out.scanCategory, "command");
  assert.equal(out.todos, 2);
  assert.equal(out.pooled, 3, "all three tasks ran in the pool");
  assert.equal(out.ioAck, 1);
  assert.equal(out.ioInProcess, false, "the I/O worker thread started");
  assert.equal(out.logFiles, 1);
  assert.equal(out.stateFiles, 1);
  return out;
}

test("node: pool tasks, I/O worker writes, clean shutdown", () => {
  const out = probe(process.execPath, [PROBE], process.env);
  assert.match(out.runtime, /^node/);
});

test("OpenCode's embedded Bun: pool tasks, I/O worker writes, close does not hang", () => {
  const home = mkdtempSync(join(tmpdir(), "atreides-bun-"));
  try {
    const out = probe(opencodeBin(), [PROBE], {
      PATH: process.env.PATH,
      BUN_BE_BUN: "1",
      HOME: home,
      TMPDIR: home,
    });
    assert.match(out.runtime, /^bun 1\.3/);
    assert.ok(out.poolCloseMs < 10_000);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
