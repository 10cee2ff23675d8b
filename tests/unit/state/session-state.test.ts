// Per-session state: caps on history and metadata, the persisted form, reload through the schema,
// and the merge of a resumed session's saved state with the new turn.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodeStateHeader,
  encodeStateFile,
  STATE_HEADER_MAX_BYTES,
} from "../../../src/shared/state/file-format.js";
import { decodeStateFileText } from "../../../src/shared/state/persisted.js";
import {
  createSessionState,
  mergeResumed,
  metadataBytes,
  recordTool,
  setMetadata,
  toPersisted,
} from "../../../src/shared/state/session-state.js";

const limits = { metadataValueBytes: 100, metadataTotalBytes: 200 };

test("metadata: a value over the per-value cap or the total cap is refused, nothing stored", () => {
  const st = createSessionState("s", 0);
  assert.equal(setMetadata(st, "a", "x".repeat(80), limits), true);
  assert.equal(setMetadata(st, "big", "x".repeat(200), limits), false, "over the per-value cap");
  assert.equal(setMetadata(st, "b", "y".repeat(80), limits), true);
  assert.equal(setMetadata(st, "c", "z".repeat(80), limits), false, "over the total cap");
  assert.equal(setMetadata(st, "a", "short", limits), true, "replacing a value frees its bytes");
  assert.equal(
    setMetadata(
      st,
      "cyc",
      (() => {
        const o: Record<string, unknown> = {};
        o.o = o;
        return o;
      })(),
      limits,
    ),
    false,
  );
  assert.deepEqual(Object.keys(st.metadata).sort(), ["a", "b"]);
  assert.ok(metadataBytes(st) <= limits.metadataTotalBytes);
});

test("tool history is capped in memory and cut further when persisted", () => {
  const st = createSessionState("s", 0);
  for (let i = 0; i < 250; i++) recordTool(st, { tool: `t${i % 100}`, ok: i % 3 !== 0, at: i, ms: 1 }, 100);
  assert.equal(st.toolHistory.length, 100);
  assert.equal(st.stats.toolCalls, 250);
  assert.ok(Object.keys(st.stats.byTool).length <= 65, "distinct tool names are capped");
  const p = toPersisted(st, 50, 50);
  assert.equal(p.toolHistory.length, 50);
  assert.equal(p.toolHistory[49]!.at, 249, "the newest are kept");
});

test("state file: header readable from its first bytes; body reloads; bad fields fall back alone", () => {
  const st = createSessionState("ses_x", 5);
  st.phase = "implementation";
  st.strikes = 2;
  const text = encodeStateFile("ses_x", JSON.stringify(st), 1234, 1);
  const header = decodeStateHeader(text.slice(0, STATE_HEADER_MAX_BYTES));
  assert.equal(header?.sessionID, "ses_x");
  assert.equal(header?.savedAt, 1234);
  const back = decodeStateFileText(text)!;
  assert.equal(back.phase, "implementation");
  assert.equal(back.strikes, 2);
  const hurt = JSON.parse(JSON.stringify(st));
  hurt.phase = "flying";
  hurt.todos = [{ content: "ok", status: "pending" }, { content: 5 }];
  const back2 = decodeStateFileText(encodeStateFile("ses_x", JSON.stringify(hurt), 1, 1))!;
  assert.equal(back2.phase, "idle");
  assert.equal(back2.strikes, 2, "other fields survive");
  assert.deepEqual(
    back2.todos.map((t) => t.content),
    ["ok"],
  );
  assert.equal(decodeStateFileText("garbage"), null);
  assert.equal(decodeStateFileText(`${text.slice(0, text.length / 2)}`), null, "a torn file is not trusted");
});

test("resume: saved history and the new turn are merged, neither lost", () => {
  const saved = createSessionState("s", 0);
  recordTool(saved, { tool: "bash", ok: true, at: 1, ms: 1 }, 100);
  saved.todos = [{ content: "old", status: "pending" }];
  saved.phase = "implementation";
  const now = createSessionState("s", 10);
  recordTool(now, { tool: "read", ok: true, at: 11, ms: 1 }, 100);
  const m = mergeResumed(saved, now, { toolHistory: 100, phaseHistory: 50 });
  assert.deepEqual(
    m.toolHistory.map((t) => t.tool),
    ["bash", "read"],
  );
  assert.equal(m.stats.toolCalls, 2);
  assert.deepEqual(m.todos, saved.todos, "todos from disk when the new turn has none");
  assert.equal(m.phase, "idle", "the new turn's phase once it has activity");
  const fresh = mergeResumed(saved, createSessionState("s", 10), { toolHistory: 100, phaseHistory: 50 });
  assert.equal(fresh.phase, "implementation", "a turn with no activity yet keeps the saved phase");
});
