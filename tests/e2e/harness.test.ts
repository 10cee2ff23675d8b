// The e2e harness itself: the fake LLM's protocol (in-process, fast), then the real opencode binary in
// run mode, with a broken plugin, and in serve mode driven through the SDK.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { type FakeLlm, type Reply, startFakeLlm, text } from "../helpers/fake-llm.js";
import {
  createSession,
  createWorkspace,
  deleteSession,
  fixturePlugin,
  groupAlive,
  prompt,
  readJsonLines,
  runOpencode,
  startServe,
  summarize,
  waitFor,
} from "../helpers/opencode-harness.js";

const BASH_CALL = 'CALL bash {"command":"echo hi","description":"x"}';
const TOOLS = [{ type: "function", function: { name: "bash", parameters: {} } }];
// Generous bound for hooks that fire asynchronously after an SDK call returns.
const HOOK_WAIT_MS = 10_000;

// biome-ignore lint/suspicious/noExplicitAny: parsed SSE chunks
async function chat(llm: FakeLlm, body: Record<string, unknown>): Promise<{ status: number; chunks: any[] }> {
  const res = await fetch(`${llm.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "fake-model", stream: true, tools: TOOLS, ...body }),
  });
  const raw = await res.text();
  if (!res.headers.get("content-type")?.includes("event-stream"))
    return { status: res.status, chunks: [JSON.parse(raw)] };
  const chunks = raw
    .split("\n\n")
    .filter((l) => l.startsWith("data: ") && l !== "data: [DONE]")
    .map((l) => JSON.parse(l.slice(6)));
  return { status: res.status, chunks };
}

// biome-ignore lint/suspicious/noExplicitAny: parsed SSE chunks
const deltas = (chunks: any[]) => chunks.flatMap((c) => c.choices.map((ch: any) => ch.delta));
const streamedText = (chunks: unknown[]) =>
  deltas(chunks as never[])
    .map((d) => d.content ?? "")
    .join("");
const streamedArgs = (chunks: unknown[]) =>
  deltas(chunks as never[])
    .flatMap((d) => d.tool_calls ?? [])
    .map((t: { function?: { arguments?: string } }) => t.function?.arguments ?? "")
    .join("");

describe("fake LLM protocol", () => {
  let llm: FakeLlm;
  let override: Reply | undefined;
  before(async () => {
    llm = await startFakeLlm({ onRequest: () => override });
  });
  after(() => llm.close());

  test("plays CALL, TODO and SAY steps in order, continuing across a follow-up user message", async () => {
    const script = `${BASH_CALL}\nTODO [{"content":"a","status":"pending","priority":"high"}]\nSAY - [ ] write tests\\n- [ ] ship`;
    const user = { role: "user", content: script };
    const call = { role: "assistant", content: null, tool_calls: [{ id: "c1" }] };
    const result = { role: "tool", tool_call_id: "c1", content: "ok" };

    const first = await chat(llm, { messages: [{ role: "system", content: "S1" }, user] });
    const head = deltas(first.chunks)[0].tool_calls[0];
    assert.equal(head.function.name, "bash");
    const pieces = deltas(first.chunks).filter((d) => d.tool_calls && !d.tool_calls[0].id);
    assert.ok(pieces.length >= 2, "arguments arrive in at least two pieces");
    assert.deepEqual(JSON.parse(streamedArgs(first.chunks)), { command: "echo hi", description: "x" });
    assert.equal(first.chunks.at(-1).usage.total_tokens > 0, true);

    const second = await chat(llm, { messages: [user, call, result] });
    assert.equal(deltas(second.chunks)[0].tool_calls[0].function.name, "todowrite");
    assert.equal(JSON.parse(streamedArgs(second.chunks)).todos[0].content, "a");

    const third = await chat(llm, { messages: [user, call, result, call, result] });
    assert.equal(streamedText(third.chunks), "- [ ] write tests\n- [ ] ship");
    assert.ok(deltas(third.chunks).filter((d) => d.content).length >= 5, "one chunk per word");

    const said = { role: "assistant", content: "- [ ] write tests" };
    const nudge = { role: "user", content: "Continue with your todos." };
    const fourth = await chat(llm, { messages: [user, call, result, call, result, said, nudge] });
    assert.equal(streamedText(fourth.chunks), "DONE: 2 tool results seen");

    const rec = llm.requests.find((r) => r.systemPrompt === "S1");
    assert.ok(rec, "request recorded with its system prompt");
    assert.deepEqual(rec.tools, ["bash"]);
    assert.equal(rec.lastUserText, script);
  });

  test("title, HTTP400, positional quoting, non-stream, onRequest and 404", async () => {
    const title = await chat(llm, { tools: undefined, messages: [{ role: "user", content: BASH_CALL }] });
    assert.equal(streamedText(title.chunks), "Fake title");

    const bad = await chat(llm, { messages: [{ role: "user", content: "please HTTP400" }] });
    assert.equal(bad.status, 400);
    assert.equal(bad.chunks[0].error.type, "invalid_request_error");

    const quoted = `"CALL read {\\"filePath\\":\\"/x y\\"}"`;
    const q = await chat(llm, { stream: false, messages: [{ role: "user", content: quoted }] });
    const tc = q.chunks[0].choices[0].message.tool_calls[0];
    assert.equal(tc.function.name, "read");
    assert.deepEqual(JSON.parse(tc.function.arguments), { filePath: "/x y" });

    override = text("stubborn");
    try {
      const o = await chat(llm, { messages: [{ role: "user", content: BASH_CALL }] });
      assert.equal(streamedText(o.chunks), "stubborn");
    } finally {
      override = undefined;
    }
    assert.equal((await fetch(`${llm.url}/nope`)).status, 404);
    const models = (await (await fetch(`${llm.url}/models`)).json()) as { data: Array<{ id: string }> };
    assert.equal(models.data[0]?.id, "fake-model");
  });
});

/** /tmp entries OpenCode leaks without TMPDIR and OPENCODE_DISABLE_FFF (reference §5). */
function tmpLeaks(): Set<string> {
  return new Set(readdirSync("/tmp").filter((n) => /^\..*\.so$/.test(n) || n === "opencode"));
}

describe("opencode e2e harness", () => {
  let tmpBefore: Set<string>;
  before(() => {
    tmpBefore = tmpLeaks();
  });
  after(() => {
    const added = [...tmpLeaks()].filter((n) => !tmpBefore.has(n));
    assert.deepEqual(added, [], "no new /tmp/.*.so or /tmp/opencode");
  });

  test("run mode: plugin loads, a scripted bash call runs, hooks and dispose fire", async (t) => {
    const ws = createWorkspace({ plugin: fixturePlugin("marker-plugin.mjs") });
    t.after(() => ws.cleanup());
    const marker = join(ws.root, "marker.jsonl");
    const r = await runOpencode(ws, `${BASH_CALL}\n`, { env: { MARKER_FILE: marker } });
    t.diagnostic(`opencode run: ${r.durationMs} ms`);
    assert.equal(r.code, 0, r.logText.slice(-2000));

    const marks = readJsonLines(marker);
    const beforeCall = marks.find((m) => m.hook === "tool.execute.before");
    const afterCall = marks.find((m) => m.hook === "tool.execute.after");
    assert.equal(beforeCall?.tool, "bash");
    assert.ok(beforeCall.callID, "callID present");
    assert.equal(afterCall?.callID, beforeCall.callID);
    assert.ok(
      marks.some((m) => m.hook === "event" && m.type === "session.idle"),
      "events reach the plugin",
    );
    const idleAt = marks.findLastIndex((m) => m.type === "session.idle");
    assert.ok(marks.findIndex((m) => m.hook === "dispose") > idleAt, "dispose after session.idle");

    const toolUse = r.events.find((e) => e.type === "tool_use");
    assert.equal(toolUse?.part?.state?.status, "completed");
    assert.equal(toolUse.part.state.output.trim(), "hi");
    assert.equal(toolUse.part.callID, beforeCall.callID);
    const build = r.requests.filter((q) => q.tools.includes("bash"));
    assert.ok(build.length >= 2, "tool call and final answer requests");
    assert.ok(build[0]?.systemPrompt.includes("MARKER-SYSTEM"), "system.transform output reached the model");
    assert.ok(r.events.some((e) => e.type === "text" && e.part?.text === "DONE: 1 tool results seen"));
  });

  test("a plugin with a non-function export makes runOpencode throw", async (t) => {
    const ws = createWorkspace({ plugin: fixturePlugin("broken-plugin.mjs") });
    t.after(() => ws.cleanup());
    await assert.rejects(runOpencode(ws, "hello"), /failed to load plugin[\s\S]*broken-plugin/);
  });

  test("serve mode: SDK session, prompt, summarize, delete, stop", async (t) => {
    const ws = createWorkspace({ plugin: fixturePlugin("marker-plugin.mjs") });
    t.after(() => ws.cleanup());
    const marker = join(ws.root, "marker.jsonl");
    const started = Date.now();
    const serve = await startServe(ws, { env: { MARKER_FILE: marker } });
    t.after(() => serve.stop());
    t.diagnostic(`serve up: ${Date.now() - started} ms`);
    const marks = () => readJsonLines(marker);

    const id = await createSession(serve.client);
    const parts = await prompt(serve.client, id, BASH_CALL);
    const finalText = parts.find((p) => p.type === "text");
    assert.equal(finalText?.type === "text" && finalText.text, "DONE: 1 tool results seen");
    const afterCall = marks().find((m) => m.hook === "tool.execute.after");
    assert.equal(afterCall?.sessionID, id);
    assert.ok(marks().some((m) => m.hook === "event" && m.type === "session.created" && m.sessionID === id));

    assert.equal(await summarize(serve.client, id), true);
    await waitFor(
      () => marks().some((m) => m.hook === "experimental.session.compacting" && m.sessionID === id),
      HOOK_WAIT_MS,
      "experimental.session.compacting in the marker file",
    );
    assert.equal(await deleteSession(serve.client, id), true);
    await waitFor(
      () => marks().some((m) => m.hook === "event" && m.type === "session.deleted" && m.sessionID === id),
      HOOK_WAIT_MS,
      "session.deleted event in the marker file",
    );
    serve.checkPlugins();

    const stopped = await serve.stop();
    t.diagnostic(`serve total: ${Date.now() - started} ms`);
    assert.equal(stopped.graceful, true);
    assert.equal(stopped.disposed, true, "server.instance.disposed seen");
    assert.equal(groupAlive(serve.pid), false, "no process of the serve group is left");
    const tailMarks = marks()
      .slice(-3)
      .map((m) => `${m.hook}:${m.type ?? ""}`);
    assert.ok(tailMarks.includes("dispose:"), `dispose among the last hooks: ${tailMarks.join(", ")}`);
    ws.cleanup();
    assert.equal(existsSync(ws.root), false);
  });
});
