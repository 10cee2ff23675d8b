// Atreides inside the real opencode binary (offline, fake model): it loads, records tool calls in its
// session log, writes and reloads state, reaches the model request, and clears sessions on delete.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  createSession,
  createWorkspace,
  deleteSession,
  prompt,
  readJsonLines,
  repoRoot,
  runOpencode,
  type Serve,
  startServe,
  type Workspace,
  waitFor,
} from "../helpers/opencode-harness.js";

// The package directory: OpenCode resolves its package.json "exports" to dist/index.js, as for users.
const PLUGIN = repoRoot();
const HOOK_WAIT_MS = 10_000;

function logFiles(ws: Workspace): string[] {
  const dir = join(ws.dataHome, "atreides", "logs");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".jsonl"))
        .map((f) => join(dir, f))
    : [];
}
function stateFiles(ws: Workspace): string[] {
  const dir = join(ws.dataHome, "atreides", "state");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".state.json"))
        .map((f) => join(dir, f))
    : [];
}
// biome-ignore lint/suspicious/noExplicitAny: pino records
const records = (ws: Workspace): any[] => logFiles(ws).flatMap((f) => readJsonLines(f));

describe("atreides in opencode run", () => {
  let ws: Workspace;
  before(() => {
    ws = createWorkspace({ plugin: PLUGIN });
  });
  after(() => ws.cleanup());

  test("loads, logs the bash call, adds its block to the model request, writes state", async () => {
    const r = await runOpencode(
      ws,
      'run a command\nCALL bash {"command":"echo atreides-e2e","description":"echo"}',
    );
    assert.equal(r.code, 0, r.logText.slice(-2000));
    const build = r.requests.filter((q) => q.tools.length > 0);
    assert.ok(build.length >= 2, "two model requests: the tool call and the final answer");
    assert.ok(
      build.every((q) => q.systemPrompt.includes("atreides")),
      "the Atreides block reaches every build request",
    );
    const recs = records(ws);
    const call = recs.find((x) => x.event === "tool.after" && x.data?.tool === "bash");
    assert.ok(call, `tool.after record for bash in ${JSON.stringify(recs.map((x) => x.event))}`);
    assert.equal(call.data.command, "echo atreides-e2e");
    assert.equal(call.level, 30);
    assert.equal(typeof call.time, "number");
    assert.ok(
      recs.some((x) => x.event === "session.created"),
      "session.created logged",
    );
    const states = stateFiles(ws);
    assert.equal(states.length, 1, "one state file");
    const [header, body] = readFileSync(states[0]!, "utf8").trim().split("\n");
    assert.equal(JSON.parse(header!).kind, "atreides-state");
    const st = JSON.parse(body!);
    assert.equal(st.stats.toolCalls, 1);
    assert.equal(st.toolHistory[0].tool, "bash");
  });
});

describe("a broken config does not stop the plugin", () => {
  let ws: Workspace;
  before(() => {
    ws = createWorkspace({
      plugin: PLUGIN,
      files: {
        "project/.opencode/atreides.jsonc":
          '{ // project settings\n "offload": { "poolSize": "two" }, "bogus": 1 }',
      },
    });
  });
  after(() => ws.cleanup());

  test("each problem reaches OpenCode's log with key, value and fix; the plugin runs on defaults", async () => {
    const r = await runOpencode(ws, 'CALL bash {"command":"echo still-working","description":"x"}');
    assert.equal(r.code, 0);
    const lines = r.logText.split("\n").filter((l) => l.includes("config: ") && l.includes("atreides.jsonc"));
    const pool = lines.find((l) => l.includes("offload.poolSize"));
    assert.ok(pool, `config issue in OpenCode's log:\n${lines.join("\n")}`);
    assert.match(pool!, /expected a number, received \\?"two\\?"/);
    assert.match(pool!, /Fix: set offload\.poolSize/);
    assert.ok(
      lines.some((l) => l.includes("bogus")),
      "unknown key reported",
    );
    assert.ok(records(ws).some((x) => x.event === "tool.after" && x.data?.command === "echo still-working"));
  });
});

describe("atreides in opencode serve (SDK)", () => {
  let ws: Workspace;
  let serve: Serve;
  before(async () => {
    ws = createWorkspace({ plugin: PLUGIN });
    serve = await startServe(ws);
  });
  after(async () => {
    await serve?.stop();
    ws.cleanup();
  });

  test("session.created / idle / deleted reach the registry, and delete clears every entry", async () => {
    const id = await createSession(serve.client);
    await prompt(serve.client, id, 'hello\nCALL bash {"command":"ls","description":"list"}');
    await waitFor(
      () => records(ws).some((x) => x.sessionID === id && x.event === "tool.after"),
      HOOK_WAIT_MS,
      "tool.after logged",
    );
    assert.ok(await deleteSession(serve.client, id));
    const line = await waitFor(
      () =>
        serve
          .logText()
          .split("\n")
          .find((l) => l.includes(`session ${id} deleted; registry now holds`)),
      HOOK_WAIT_MS,
      "registry report after session.deleted",
    );
    assert.match(line!, /registry now holds 0 sessions, 0 entries/);
    await waitFor(
      () => records(ws).some((x) => x.sessionID === id && x.event === "session.deleted"),
      HOOK_WAIT_MS,
      "session.deleted flushed to the log",
    );
  });

  test("dispose flushes: records written right before shutdown are on disk", async () => {
    const id = await createSession(serve.client);
    await prompt(serve.client, id, 'CALL bash {"command":"echo last","description":"x"}');
    const stopped = await serve.stop();
    assert.ok(stopped.disposed, "dispose ran");
    const recs = records(ws).filter((x) => x.sessionID === id);
    assert.ok(
      recs.some((x) => x.event === "tool.after" && x.data?.command === "echo last"),
      "last tool call flushed",
    );
    assert.ok(
      stateFiles(ws).some((f) => readFileSync(f, "utf8").includes(id)),
      "state saved on dispose",
    );
  });
});

describe("secrets never reach disk; state reloads when a session resumes", () => {
  let ws: Workspace;
  before(() => {
    ws = createWorkspace({ plugin: PLUGIN });
  });
  after(() => ws.cleanup());

  // Fake credentials in realistic formats (AWS's documented example key, a GitHub-shaped token,
  // a Stripe-shaped secret key and an email address).
  const SECRETS = [
    "AKIAIOSFODNN7EXAMPLE",
    "ghp_R8s2nXk4Lq9Vt1Zw3Yb6Mc0Pd5Ef7Gh2Ij4K",
    "sk_live_51HxQ2aBcDeFgHiJkLmNoPqRsTuVwXyZ01234",
    "jane.doe@example.com",
  ];

  test("a bash call printing an AWS key, a GitHub token, a Stripe key and an email leaves no raw secret", async () => {
    const cmd = `printf '%s\\n' ${SECRETS.join(" ")}; exit 3`;
    const r = await runOpencode(ws, `CALL bash ${JSON.stringify({ command: cmd, description: "print" })}`);
    assert.equal(r.code, 0);
    const toolUse = r.events.find((e) => e.type === "tool_use");
    assert.ok(
      String(toolUse?.part?.state?.output ?? "").includes(SECRETS[0]!),
      "the tool really printed the secrets",
    );
    const recs = records(ws);
    assert.ok(
      recs.some((x) => x.event === "tool.after" && x.data?.exit === 3),
      "the call is in the session log",
    );
    const written = [...logFiles(ws), ...stateFiles(ws)].map((f) => readFileSync(f, "utf8"));
    assert.ok(written.length >= 2);
    for (const text of written)
      for (const s of SECRETS) assert.ok(!text.includes(s), `raw secret ${s.slice(0, 6)}… found on disk`);
    assert.ok(
      written.some((t) => t.includes("[REDACTED")),
      "redaction markers are present",
    );
  });

  test("the state file is reloaded by a resumed session (new process, --session)", async () => {
    const first = await runOpencode(ws, 'CALL bash {"command":"echo one","description":"x"}');
    const sessionID = first.events.find((e) => typeof e.sessionID === "string")?.sessionID as string;
    assert.ok(sessionID, "session id from the first run");
    const second = await runOpencode(ws, 'CALL bash {"command":"echo two","description":"x"}', {
      extraArgs: ["--session", sessionID],
    });
    assert.equal(second.code, 0);
    const recs = records(ws).filter((x) => x.sessionID === sessionID);
    assert.ok(
      recs.some((x) => x.event === "state.restored"),
      `state.restored in ${JSON.stringify(recs.map((x) => x.event))}`,
    );
    const file = stateFiles(ws).find((f) => readFileSync(f, "utf8").includes(sessionID))!;
    const body = JSON.parse(readFileSync(file, "utf8").trim().split("\n")[1]!);
    assert.equal(body.stats.toolCalls, 2, "history continued across processes");
  });
});
