// `atreides state`: the list reads only each file's header; one session's summary parses the body.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { listStateFiles } from "../../../src/cli/state/files.js";
import { encodeStateFile, STATE_HEADER_MAX_BYTES } from "../../../src/shared/state/file-format.js";
import { createSessionState } from "../../../src/shared/state/session-state.js";
import { cli, isolatedEnv, tempDir } from "./helpers.js";

function fixture() {
  const root = tempDir("state");
  const env = isolatedEnv(root);
  const dir = join(root, "xdg-data", "atreides", "state");
  mkdirSync(dir, { recursive: true });
  const s = createSessionState("ses_one", Date.UTC(2026, 10, 24));
  s.phase = "implementation";
  s.strikes = 2;
  s.todos = [
    { content: "write the tests", status: "in_progress" },
    { content: "update the docs", status: "pending" },
    { content: "spike", status: "completed" },
  ];
  writeFileSync(
    join(dir, "ses_one.state.json"),
    encodeStateFile("ses_one", JSON.stringify(s), Date.UTC(2026, 10, 24, 1), 1),
  );
  // A valid header over a 2 MiB body that is not JSON at all: listing must not need the body.
  writeFileSync(
    join(dir, "ses_big.state.json"),
    encodeStateFile("ses_big", `{${"x".repeat(2 * 1024 * 1024)}`, Date.UTC(2026, 10, 24, 2), 1),
  );
  writeFileSync(join(dir, "ses_junk.state.json"), "garbage\n");
  writeFileSync(join(dir, ".ses_one.123-ab.1.tmp"), "temp file of a save in progress");
  return { root, env, dir };
}

test("lists via header-only reads: at most STATE_HEADER_MAX_BYTES per file, body never parsed", () => {
  const f = fixture();
  const files = listStateFiles(f.dir);
  assert.deepEqual(
    files.map((x) => x.stem).sort(),
    ["ses_big", "ses_junk", "ses_one"],
    "the temp file is not listed",
  );
  const order = files.map((x) => x.stem);
  assert.ok(order.indexOf("ses_big") < order.indexOf("ses_one"), "newest save first");
  for (const x of files)
    assert.ok(x.bytesRead <= STATE_HEADER_MAX_BYTES, `${x.stem} read ${x.bytesRead} bytes`);
  const big = files.find((x) => x.stem === "ses_big")!;
  assert.equal(big.header?.sessionID, "ses_big");
  assert.ok(big.size > 2 * 1024 * 1024);
  assert.equal(files.find((x) => x.stem === "ses_junk")!.header, null);
});

test("the list command shows each session, newest first, and marks unreadable files", async () => {
  const f = fixture();
  const r = await cli(["state"], { cwd: f.root, env: f.env });
  assert.equal(r.code, 0, r.err);
  assert.ok(r.out.indexOf("ses_big") < r.out.indexOf("ses_one"));
  assert.match(r.out, /ses_junk\s+\S+ B\s+unreadable header/);
  const json = JSON.parse((await cli(["state", "--json"], { cwd: f.root, env: f.env })).out);
  assert.equal(json.sessions.length, 3);
});

test("one session: saved at, phase, todos and strikes; --full prints the whole state", async () => {
  const f = fixture();
  const r = await cli(["state", "ses_o"], { cwd: f.root, env: f.env });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Phase\s+implementation/);
  assert.match(r.out, /Strikes\s+2/);
  assert.match(r.out, /Todos\s+3 \(1 in_progress, 1 pending, 1 completed\)/);
  assert.match(r.out, /\[pending\] update the docs/);
  assert.doesNotMatch(r.out, /spike/, "completed todos are counted, not listed");
  const full = JSON.parse(
    (await cli(["state", "ses_one", "--full", "--json"], { cwd: f.root, env: f.env })).out,
  );
  assert.equal(full.state.todos.length, 3);
  assert.equal(full.header.sessionID, "ses_one");
});

test("a file whose body is unreadable is an error with advice", async () => {
  const f = fixture();
  const r = await cli(["state", "ses_big"], { cwd: f.root, env: f.env });
  assert.equal(r.code, 1);
  assert.match(r.err, /not a readable Atreides state file/);
});
