// Every command has --help with a usage line and examples; --version; usage errors exit 2.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cli, tempDir } from "./helpers.js";

const COMMANDS = ["init", "doctor", "logs", "state", "bench", "uninstall"];

test("--help for every command: usage, options, examples; exit 0", async () => {
  const cwd = tempDir("help");
  for (const c of COMMANDS) {
    const r = await cli([c, "--help"], { cwd, env: {} });
    assert.equal(r.code, 0, c);
    assert.match(r.out, new RegExp(`^Usage: atreides ${c} `), c);
    assert.match(r.out, /-h, --help/, c);
    assert.match(r.out, /Examples:/, c);
  }
  const top = await cli(["--help"], { cwd, env: {} });
  for (const c of COMMANDS) assert.match(top.out, new RegExp(`\\n  ${c} `));
});

test("no arguments prints help; --version prints the package version", async () => {
  const cwd = tempDir("help");
  assert.match((await cli([], { cwd, env: {} })).out, /^Usage: atreides/);
  assert.match((await cli(["--version"], { cwd, env: {} })).out, /^atreides-opencode \d+\.\d+\.\d+/);
});

test("unknown commands and options exit 2 and point at --help", async () => {
  const cwd = tempDir("help");
  const a = await cli(["frobnicate"], { cwd, env: {} });
  assert.equal(a.code, 2);
  assert.match(a.err, /unknown command/);
  assert.match(a.err, /--help/);
  const b = await cli(["init", "--frobnicate"], { cwd, env: {} });
  assert.equal(b.code, 2);
  assert.match(b.err, /unknown option/);
});
