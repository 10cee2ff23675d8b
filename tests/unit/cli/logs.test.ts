// `atreides logs`: list sessions, pretty-print one (a torn last line is skipped and counted), filter
// by level, keep the last N, raw JSONL, and follow a live file across a rotation.
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { listLogSessions } from "../../../src/cli/logs/files.js";
import { main } from "../../../src/cli/program.js";
import { cli, isolatedEnv, memIo, tempDir, waitFor } from "./helpers.js";

const rec = (level: number, time: number, event: string, msg: string, data?: object) =>
  `${JSON.stringify({ level, time, sessionID: "ses_alpha", event, ...(data ? { data } : {}), msg })}\n`;

function fixture() {
  const root = tempDir("logs");
  const env = isolatedEnv(root);
  const logDir = join(root, "xdg-data", "atreides", "logs");
  mkdirSync(logDir, { recursive: true });
  const t0 = Date.UTC(2026, 10, 24, 6, 0, 0);
  writeFileSync(
    join(logDir, "ses_alpha.1.jsonl"),
    rec(30, t0, "session.start", "first record") +
      rec(40, t0 + 1, "tool.after", "bash failed", { tool: "bash" }),
  );
  writeFileSync(
    join(logDir, "ses_alpha.jsonl"),
    rec(20, t0 + 2, "tool.before", "debug detail") +
      rec(50, t0 + 3, "strike", "third strike") +
      '{"level":30,"time":17955',
  );
  writeFileSync(join(logDir, "ses_beta.jsonl"), rec(30, t0, "session.start", "beta"));
  writeFileSync(join(logDir, "unrelated.txt"), "not a log");
  return { root, env, logDir, cwd: root };
}

describe("logs", () => {
  test("lists sessions with size, file count and last activity", async () => {
    const f = fixture();
    const sessions = listLogSessions(f.logDir);
    assert.deepEqual(sessions.map((s) => s.stem).sort(), ["ses_alpha", "ses_beta"]);
    const alpha = sessions.find((s) => s.stem === "ses_alpha")!;
    assert.deepEqual(
      alpha.files.map((x) => x.name),
      ["ses_alpha.1.jsonl", "ses_alpha.jsonl"],
      "oldest first",
    );
    const r = await cli(["logs"], { cwd: f.cwd, env: f.env });
    assert.equal(r.code, 0);
    assert.match(r.out, /SESSION\s+SIZE\s+FILES\s+LAST ACTIVITY/);
    assert.match(r.out, /ses_alpha\s+\d+ B\s+2\s/);
    const json = JSON.parse((await cli(["logs", "--json"], { cwd: f.cwd, env: f.env })).out);
    assert.equal(json.sessions.length, 2);
  });

  test("pretty-prints a session by unique prefix, in order, skipping the torn last line", async () => {
    const f = fixture();
    const r = await cli(["logs", "ses_al"], { cwd: f.cwd, env: f.env });
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split("\n");
    assert.equal(lines.length, 4);
    assert.match(lines[0]!, /INFO.*\[session\.start\] first record/);
    assert.match(lines[1]!, /WARN.*\[tool\.after\] bash failed.*"tool":"bash"/);
    assert.match(lines[3]!, /ERROR.*\[strike\] third strike/);
    assert.match(r.err, /1 incomplete line/);
  });

  test("--level, --lines and --json", async () => {
    const f = fixture();
    const warn = await cli(["logs", "ses_alpha", "--level", "warn", "--json"], { cwd: f.cwd, env: f.env });
    const records = warn.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      records.map((x) => x.msg),
      ["bash failed", "third strike"],
    );
    const last = await cli(["logs", "ses_alpha", "--lines", "1", "--json"], { cwd: f.cwd, env: f.env });
    assert.equal(JSON.parse(last.out).msg, "third strike");
    assert.equal((await cli(["logs", "ses_alpha", "--level", "loud"], { cwd: f.cwd, env: f.env })).code, 2);
  });

  test("an ambiguous or unknown session is an error that says what to do", async () => {
    const f = fixture();
    const amb = await cli(["logs", "ses_"], { cwd: f.cwd, env: f.env });
    assert.equal(amb.code, 1);
    assert.match(amb.err, /matches 2 sessions/);
    const none = await cli(["logs", "nope"], { cwd: f.cwd, env: f.env });
    assert.match(none.err, /atreides logs/);
  });

  test("--follow prints appended records, completes a record written in two parts, and survives rotation", async () => {
    const f = fixture();
    const live = join(f.logDir, "ses_beta.jsonl");
    const ac = new AbortController();
    const m = memIo({ cwd: f.cwd, env: f.env, signal: ac.signal });
    const done = main(["logs", "ses_beta", "--follow", "--json"], m.io);
    await waitFor(() => m.stdout().includes('"beta"'), 10_000, "the existing record");
    appendFileSync(live, rec(30, 1, "x", "appended"));
    await waitFor(() => m.stdout().includes("appended"), 10_000, "the appended record");
    renameSync(live, join(f.logDir, "ses_beta.1.jsonl"));
    const half = rec(30, 2, "x", "after rotation");
    writeFileSync(live, half.slice(0, 20));
    await new Promise((r) => setTimeout(r, 50));
    appendFileSync(live, half.slice(20));
    await waitFor(() => m.stdout().includes("after rotation"), 10_000, "the record after rotation");
    ac.abort();
    assert.equal(await done, 0);
    const msgs = m
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).msg);
    assert.deepEqual(msgs, ["beta", "appended", "after rotation"]);
  });
});
