// Orchestration features in the real opencode binary: the security block, strikes in the prompt,
// think mode in the request body, compaction context, todo continuation and its loop breaker.
import assert from "node:assert/strict";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type ChatBody, messageText, type Reply, text, toolCall } from "../helpers/fake-llm.js";
import {
  createSession,
  createWorkspace,
  prompt,
  readJsonLines,
  repoRoot,
  runOpencode,
  type Serve,
  startServe,
  summarize,
  type Workspace,
  waitFor,
} from "../helpers/opencode-harness.js";

const PLUGIN = repoRoot();
const MARKER = "[Atreides: todo continuation]";
// biome-ignore lint/suspicious/noExplicitAny: pino records
const records = (ws: Workspace): any[] => {
  const dir = join(ws.dataHome, "atreides", "logs");
  return existsSync(dir) ? readdirSync(dir).flatMap((f) => readJsonLines(join(dir, f))) : [];
};

describe("opencode run: guard, strikes, think mode", () => {
  let ws: Workspace;
  before(() => {
    ws = createWorkspace({ plugin: [PLUGIN, { notifications: { minSeverity: "info" } }] });
  });
  after(() => ws.cleanup());

  test("rm -rf ~/ is blocked, the HOME sentinel survives; three failures escalate; think reaches the body", async () => {
    const sentinel = join(ws.home, "sentinel.txt");
    writeFileSync(sentinel, "keep me");
    const script = [
      "ultrathink: clean up the workspace",
      'CALL bash {"command":"rm -rf ~/","description":"clean"}',
      'CALL bash {"command":"ls /nonexistent-a","description":"1"}',
      'CALL bash {"command":"ls /nonexistent-b","description":"2"}',
      'CALL bash {"command":"ls /nonexistent-c","description":"3"}',
      'CALL atreides_status {"verbose":true}',
    ].join("\n");
    const r = await runOpencode(ws, script);
    assert.equal(r.code, 0);
    assert.ok(existsSync(sentinel), "the sentinel file in the isolated HOME survived");
    const toolUses = r.events.filter((e) => e.type === "tool_use");
    const blocked = toolUses.find((e) => e.part?.state?.input?.command === "rm -rf ~/");
    assert.equal(blocked?.part?.state?.status, "error", "the rm call ended in error");
    assert.match(String(blocked.part.state.error), /Atreides security guard blocked/);
    const recs = records(ws);
    assert.ok(
      recs.some((x) => x.event === "security.blocked"),
      "block logged",
    );
    const strikes = recs.filter((x) => x.event === "error.strike" || x.event === "error.escalation");
    assert.equal(
      strikes.length,
      3,
      `three strikes, not counting the block: ${JSON.stringify(strikes.map((s) => s.msg))}`,
    );
    assert.equal(strikes[2].event, "error.escalation");
    // After strike 2 the next request's Atreides block carries the recovery advice; after 3, escalation.
    const build = r.requests.filter((q) => q.tools.length > 0);
    const last = build[build.length - 1]!.systemPrompt;
    assert.match(last, /strike|Strike/);
    // ultrathink → reasoning options in the body of the build requests (openai-compatible provider).
    const body = build[0]!.body as ChatBody;
    assert.ok(
      JSON.stringify(body).includes("reasoning_effort") || JSON.stringify(body).includes("reasoningEffort"),
      `reasoning option in the request body: ${Object.keys(body).join(",")}`,
    );
    // The status tool reports what Atreides sees, to the model and so to the user.
    const status = toolUses.find((e) => e.part?.tool === "atreides_status");
    assert.equal(status?.part?.state?.status, "completed");
    assert.match(String(status.part.state.output), /strikes: 3\/3 \(escalated\)/);
    assert.match(String(status.part.state.output), /security: 1 blocked/);
    const title = r.requests.find((q) => q.tools.length === 0);
    if (title)
      assert.ok(!title.systemPrompt.includes("<!-- atreides"), "no Atreides block in the title request");
  });
});

describe("opencode serve: compaction and todo continuation", () => {
  let ws: Workspace;
  let serve: Serve;
  let stubborn = false;
  let nudges = 0;
  const onRequest = (body: ChatBody): Reply | undefined => {
    if (!stubborn) return undefined;
    const msgs = body.messages ?? [];
    const lastUser = [...msgs].reverse().find((m) => m.role === "user");
    const lastMsg = msgs[msgs.length - 1];
    if (!body.tools?.length || !messageText(lastUser).includes(MARKER)) return undefined;
    // A stubborn agent: each nudge rewrites the todo list but never finishes it.
    if (lastMsg?.role === "user")
      return toolCall("todowrite", {
        todos: [{ content: `step ${++nudges}`, status: "pending", priority: "high" }],
      });
    return text("still working on it");
  };
  before(async () => {
    ws = createWorkspace({ plugin: [PLUGIN, { todos: { backoffMs: 0, maxContinuations: 2 } }] });
    serve = await startServe(ws, { llmOptions: { onRequest } });
  });
  after(async () => {
    await serve?.stop();
    ws.cleanup();
  });

  test("compaction context carries the preserved state to the summary request", async () => {
    const id = await createSession(serve.client);
    await prompt(
      serve.client,
      id,
      'TODO [{"content":"write the migration","status":"in_progress","priority":"high"}]',
    );
    const before = serve.llm.requests.length;
    assert.ok(await summarize(serve.client, id));
    const summaryReq = await waitFor(
      () => serve.llm.requests.slice(before).find((q) => JSON.stringify(q.body).includes("ATREIDES STATE")),
      10_000,
      "a summary request carrying the Atreides state",
    );
    const s = JSON.stringify(summaryReq.body);
    assert.match(s, /write the migration/);
    assert.match(s, /Muad'Dib|Muad\\u0027Dib/);
  });

  test("cooperative agent: one continuation, the todo gets done, no further continuation", async () => {
    const id = await createSession(serve.client);
    await prompt(
      serve.client,
      id,
      [
        'TODO [{"content":"write the fix","status":"pending","priority":"high"}]',
        "SAY I will stop here.",
        'TODO [{"content":"write the fix","status":"completed","priority":"high"}]',
      ].join("\n"),
    );
    await waitFor(
      () => records(ws).some((x) => x.sessionID === id && x.event === "todo.continuation"),
      15_000,
      "a continuation",
    );
    await waitFor(
      () =>
        records(ws).some((x) => x.sessionID === id && x.event === "todo.updated" && x.data?.pending === 0),
      15_000,
      "the todo completed after the continuation",
    );
    await new Promise((r) => setTimeout(r, 1500));
    const conts = records(ws).filter((x) => x.sessionID === id && x.event === "todo.continuation");
    assert.equal(conts.length, 1, "exactly one continuation");
  });

  test("stubborn agent: continuation stops at the maximum", async () => {
    stubborn = true;
    const id = await createSession(serve.client);
    await prompt(serve.client, id, 'TODO [{"content":"step 0","status":"pending","priority":"high"}]');
    await waitFor(
      () => records(ws).some((x) => x.sessionID === id && x.event === "todo.continuation-stopped"),
      20_000,
      "the loop breaker",
    );
    await new Promise((r) => setTimeout(r, 1000));
    const recs = records(ws).filter((x) => x.sessionID === id);
    assert.equal(recs.filter((x) => x.event === "todo.continuation").length, 2);
    assert.match(recs.find((x) => x.event === "todo.continuation-stopped").msg, /maximum of 2/);
    stubborn = false;
  });
});
