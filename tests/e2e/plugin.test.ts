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
  startServe,
  type Serve,
  type Workspace,
  waitFor,
} from "../helpers/opencode-harness.js";

// The package directory: OpenCode resolves its package.json "exports" to dist/index.js, as for users.
const PLUGIN = repoRoot();
const HOOK_WAIT_MS = 10_000;

function logFiles(ws: Workspace): string[] {
  const dir = join(ws.dataHome, "atreides", "logs");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".jsonl")).map((f) => join(dir, f)) : [];
}
function stateFiles(ws: Workspace): string[] {
  const dir = join(ws.dataHome, "atreides", "state");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".state.json")).map((f) => join(dir, f)) : [];
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
    const r = await runOpencode(ws, 'run a command\nCALL bash {"command":"echo atreides-e2e","description":"echo"}');
    assert.equal(r.code, 0, r.logText.slice(-2000));
    const build = r.requests.filter((q) => q.tools.length > 0);
    assert.ok(build.length >= 2, "two model requests: the tool call and the final answer");
    assert.ok(build.every((q) => q.systemPrompt.includes("atreides")), "the Atreides block reaches every build request");
    const recs = records(ws);
    const call = recs.find((x) => x.event === "tool.after" && x.data?.tool === "bash");
    assert.ok(call, `tool.after record for bash in ${JSON.stringify(recs.map((x) => x.event))}`);
    assert.equal(call.data.command, "echo atreides-e2e");
    assert.equal(call.level, 30);
    assert.equal(typeof call.time, "number");
    assert.ok(recs.some((x) => x.event === "session.created"), "session.created logged");
    const states = stateFiles(ws);
    assert.equal(states.length, 1, "one state file");
    const [header, body] = readFileSync(states[0]!, "utf8").trim().split("\n");
    assert.equal(JSON.parse(header!).kind, "atreides-state");
    const st = JSON.parse(body!);
    assert.equal(st.stats.toolCalls, 1);
    assert.equal(st.toolHistory[0].tool, "bash");
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
    await waitFor(() => records(ws).some((x) => x.sessionID === id && x.event === "tool.after"), HOOK_WAIT_MS, "tool.after logged");
    assert.ok(await deleteSession(serve.client, id));
    const line = await waitFor(
      () => serve.logText().split("\n").find((l) => l.includes(`session ${id} deleted; registry now holds`)),
      HOOK_WAIT_MS,
      "registry report after session.deleted",
    );
    assert.match(line!, /registry now holds 0 sessions, 0 entries/);
    await waitFor(() => records(ws).some((x) => x.sessionID === id && x.event === "session.deleted"), HOOK_WAIT_MS, "session.deleted flushed to the log");
  });

  test("dispose flushes: records written right before shutdown are on disk", async () => {
    const id = await createSession(serve.client);
    await prompt(serve.client, id, 'CALL bash {"command":"echo last","description":"x"}');
    const stopped = await serve.stop();
    assert.ok(stopped.disposed, "dispose ran");
    const recs = records(ws).filter((x) => x.sessionID === id);
    assert.ok(recs.some((x) => x.event === "tool.after" && x.data?.command === "echo last"), "last tool call flushed");
    assert.ok(stateFiles(ws).some((f) => readFileSync(f, "utf8").includes(id)), "state saved on dispose");
  });
});
