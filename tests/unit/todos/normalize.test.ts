import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  MAX_TODO_CONTENT,
  MAX_TODOS,
  normalizeStatus,
  normalizeTodos,
} from "../../../src/shared/todos/index.js";

describe("normalizeTodos", () => {
  it("reads OpenCode's todo.updated shape (no id)", () => {
    const todos = normalizeTodos([
      { content: "Write tests", status: "in_progress", priority: "high" },
      { content: "Ship", status: "pending", priority: "low" },
    ]);
    assert.deepEqual(todos, [
      { content: "Write tests", status: "in_progress", priority: "high" },
      { content: "Ship", status: "pending", priority: "low" },
    ]);
  });

  it("reads todowrite args/metadata objects and their JSON text", () => {
    const list = [{ content: "A", status: "completed" }];
    assert.deepEqual(normalizeTodos({ todos: list }), [{ content: "A", status: "completed" }]);
    assert.deepEqual(normalizeTodos(JSON.stringify(list, null, 2)), [{ content: "A", status: "completed" }]);
    assert.deepEqual(normalizeTodos(JSON.stringify({ todos: list })), [
      { content: "A", status: "completed" },
    ]);
  });

  it("skips junk items and survives junk input", () => {
    const todos = normalizeTodos([
      null,
      7,
      "a string",
      [],
      { status: "pending" },
      { content: 42 },
      { content: "   " },
      { content: "\u200b\u0007" },
      { content: "kept", status: 3, priority: { x: 1 } },
    ]);
    assert.deepEqual(todos, [{ content: "kept", status: "pending" }]);
    for (const junk of [
      undefined,
      null,
      0,
      "",
      "not json",
      "{bad json",
      {},
      { todos: "x" },
      Symbol.iterator,
    ]) {
      assert.deepEqual(normalizeTodos(junk), []);
    }
  });

  it("accepts text/description/title when content is missing", () => {
    assert.deepEqual(
      normalizeTodos([{ text: "t" }, { description: "d" }, { title: "x" }]).map((t) => t.content),
      ["t", "d", "x"],
    );
  });

  it("maps statuses: known kept, synonyms folded, unknown → pending", () => {
    const cases: [unknown, string][] = [
      ["pending", "pending"],
      ["in_progress", "in_progress"],
      ["In Progress", "in_progress"],
      ["in-progress", "in_progress"],
      ["completed", "completed"],
      ["DONE", "completed"],
      ["cancelled", "cancelled"],
      ["canceled", "cancelled"],
      ["blocked", "blocked"],
      ["on hold", "blocked"],
      ["weird", "pending"],
      [undefined, "pending"],
      [1, "pending"],
      ["x".repeat(1000), "pending"],
    ];
    for (const [raw, expected] of cases)
      assert.equal(normalizeStatus(raw), expected, String(raw).slice(0, 20));
  });

  it("cleans content and caps it at 500 chars", () => {
    const [t] = normalizeTodos([{ content: `  multi\n  line\ttext \u202e ${"y".repeat(2000)}` }]);
    assert.ok(t);
    assert.ok(t.content.startsWith("multi line text y"));
    assert.equal(t.content.length, MAX_TODO_CONTENT);
    assert.ok(t.content.endsWith("…"));
  });

  it("caps priority length and drops empty priority", () => {
    const [a, b] = normalizeTodos([
      { content: "a", priority: "p".repeat(100) },
      { content: "b", priority: "  " },
    ]);
    assert.equal(a?.priority?.length, 32);
    assert.equal(b?.priority, undefined);
    assert.ok(b && !("priority" in b));
  });

  it("caps the list at 200 items and bounds the work on huge junk arrays", () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ content: `todo ${i}`, status: "pending" }));
    const todos = normalizeTodos(many);
    assert.equal(todos.length, MAX_TODOS);
    assert.equal(todos[199]?.content, "todo 199");
    const junk = new Array(5_000_000).fill(null);
    junk.push({ content: "late" });
    assert.deepEqual(normalizeTodos(junk), []);
  });
});
