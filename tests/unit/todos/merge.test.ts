import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type ChecklistParse,
  MAX_TODOS,
  mergeTodos,
  parseChecklist,
  pendingTodos,
  type Todo,
  todoKey,
  todosFingerprint,
} from "../../../src/shared/todos/index.js";

const parse = (items: Todo[] = [], completions: string[] = []): ChecklistParse => ({ items, completions });

describe("todoKey", () => {
  it("normalises case, whitespace, wrappers and trailing punctuation", () => {
    assert.equal(todoKey("  Fix   the\tBUG.  "), "fix the bug");
    assert.equal(todoKey("**Write tests**!"), "write tests");
    assert.equal(todoKey("`npm test` passes?!…"), "`npm test` passes");
    assert.equal(todoKey("..."), "");
    assert.equal(todoKey("~~Drop IE~~"), "drop ie");
  });

  it("is linear on punctuation-heavy text", () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) todoKey(`${". ".repeat(499)}x`);
    assert.ok(Number(process.hrtime.bigint() - started) < 2e9);
  });

  it("distinguishes different todos", () => {
    assert.notEqual(todoKey("Fix bug 1"), todoKey("Fix bug 2"));
  });
});

describe("mergeTodos: checklist items", () => {
  const base: Todo[] = [
    { content: "Write the parser", status: "pending", priority: "high" },
    { content: "Add CI", status: "in_progress" },
    { content: "Old task", status: "completed" },
  ];

  it("updates the status of an exact (normalised) match and keeps priority", () => {
    const r = mergeTodos(base, parse([{ content: "write the parser.", status: "in_progress" }]));
    assert.equal(r.changed, true);
    assert.deepEqual(r.todos[0], { content: "Write the parser", status: "in_progress", priority: "high" });
    assert.equal(base[0]!.status, "pending", "input must not be mutated");
  });

  it("never re-opens a completed or cancelled todo from text", () => {
    const r = mergeTodos(base, parse([{ content: "Old task", status: "pending" }]));
    assert.equal(r.changed, false);
    assert.equal(r.todos, base);
    const cancelled = mergeTodos(base, parse([{ content: "Old task", status: "cancelled" }]));
    assert.equal(cancelled.todos[2]!.status, "cancelled");
  });

  it("adds unknown items, and an unknown checked item completes a paraphrased open todo instead", () => {
    const r = mergeTodos(
      base,
      parse([
        { content: "Publish release notes", status: "pending" },
        { content: "Wrote the parser", status: "completed" },
      ]),
    );
    assert.deepEqual(
      r.todos.map((t) => [t.content, t.status]),
      [
        ["Write the parser", "pending"],
        ["Add CI", "in_progress"],
        ["Old task", "completed"],
        ["Publish release notes", "pending"],
        ["Wrote the parser", "completed"],
      ],
      "one shared word ('parser') is not enough, so the checked item is added",
    );
    const para = mergeTodos(
      base,
      parse([{ content: "Parser written, all tests green", status: "completed" }]),
    );
    assert.equal(para.todos.length, 4, "still only one shared word");
    const close = mergeTodos(base, parse([{ content: "Write parser", status: "completed" }]));
    assert.equal(close.todos.length, 3);
    assert.equal(close.todos[0]!.status, "completed");
  });

  it("reports no change for a no-op update", () => {
    const r = mergeTodos(base, parse([{ content: "Add CI", status: "in_progress" }]));
    assert.equal(r.changed, false);
  });

  it("keeps the list within 200", () => {
    const full = Array.from({ length: MAX_TODOS }, (_, i): Todo => ({ content: `t${i}`, status: "pending" }));
    const r = mergeTodos(full, parse([{ content: "one more", status: "pending" }]));
    assert.equal(r.todos.length, MAX_TODOS);
    assert.equal(r.changed, false);
  });
});

describe("mergeTodos: completion phrases", () => {
  const todos: Todo[] = [
    { content: "Write unit tests for the config loader", status: "pending" },
    { content: "Refactor the session registry", status: "in_progress" },
    { content: "Deploy", status: "blocked" },
    { content: "Update the changelog", status: "completed" },
    { content: "Remove dead code", status: "cancelled" },
  ];
  const statuses = (r: { todos: Todo[] }) => r.todos.map((t) => t.status);

  it("completes by containment", () => {
    const r = mergeTodos(todos, parse([], ["refactor the session registry module"]));
    assert.deepEqual(statuses(r), ["pending", "completed", "blocked", "completed", "cancelled"]);
  });

  it("completes by ≥50% overlap of meaningful words", () => {
    const r = mergeTodos(todos, parse([], ["config loader unit tests"]));
    assert.equal(r.todos[0]!.status, "completed");
  });

  it("does not complete on weak overlap or stopwords alone", () => {
    assert.equal(mergeTodos(todos, parse([], ["tests for the API"])).changed, false);
    assert.equal(mergeTodos(todos, parse([], ["the and for with"])).changed, false);
  });

  it("one phrase completes at most one todo, the best match", () => {
    const twins: Todo[] = [
      { content: "Fix login bug", status: "pending" },
      { content: "Fix login bug in the admin panel", status: "pending" },
    ];
    const r = mergeTodos(twins, parse([], ["fix login bug in the admin panel"]));
    assert.deepEqual(statuses(r), ["pending", "completed"]);
    const both = mergeTodos(twins, parse([], ["Fix login bug", "admin panel login bug fixed"]));
    assert.deepEqual(statuses(both), ["completed", "completed"]);
  });

  it("can complete a blocked todo but ignores finished ones", () => {
    const r = mergeTodos(todos, parse([], ["Deploy"]));
    assert.equal(r.todos[2]!.status, "completed");
    const noop = mergeTodos(todos, parse([], ["Update the changelog", "Remove dead code"]));
    assert.equal(noop.changed, false);
  });

  it("works end to end with parseChecklist", () => {
    const text =
      'Done. I completed "Write unit tests for the config loader".\n- [x] Refactor the session registry';
    const r = mergeTodos(todos, parseChecklist(text));
    assert.deepEqual(pendingTodos(r.todos), []);
  });
});

describe("pendingTodos", () => {
  it("keeps pending and in-progress only", () => {
    const all: Todo[] = [
      { content: "a", status: "pending" },
      { content: "b", status: "in_progress" },
      { content: "c", status: "completed" },
      { content: "d", status: "cancelled" },
      { content: "e", status: "blocked" },
    ];
    assert.deepEqual(
      pendingTodos(all).map((t) => t.content),
      ["a", "b"],
    );
  });
});

describe("todosFingerprint", () => {
  const list: Todo[] = [
    { content: "Write tests", status: "pending", priority: "high" },
    { content: "Ship", status: "in_progress" },
  ];

  it("is stable and short", () => {
    const fp = todosFingerprint(list);
    assert.equal(fp, todosFingerprint(structuredClone(list)));
    assert.match(fp, /^[0-9a-z]+-[0-9a-f]{8}$/);
    assert.equal(todosFingerprint([]), "0-811c9dc5");
  });

  it("ignores what todoKey ignores and priority", () => {
    const same: Todo[] = [
      { content: "write  TESTS.", status: "pending" },
      { content: "Ship", status: "in_progress", priority: "low" },
    ];
    assert.equal(todosFingerprint(same), todosFingerprint(list));
  });

  it("changes with status, content, order or count", () => {
    const fp = todosFingerprint(list);
    const variants: Todo[][] = [
      [{ ...list[0]!, status: "completed" }, list[1]!],
      [{ ...list[0]!, content: "Write more tests" }, list[1]!],
      [list[1]!, list[0]!],
      [list[0]!],
      [...list, { content: "x", status: "pending" }],
    ];
    const fps = variants.map(todosFingerprint);
    for (const v of fps) assert.notEqual(v, fp);
    assert.equal(new Set(fps).size, fps.length);
  });
});
