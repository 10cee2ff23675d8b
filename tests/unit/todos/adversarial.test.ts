import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mergeTodos, normalizeTodos, parseChecklist, type Todo } from "../../../src/shared/todos/index.js";

/** Generous safety bound (noisy machine); a quadratic regex would take orders of magnitude longer. */
const LIMIT_MS = 2000;
const MIB = 1 << 20;

function ms(fn: () => unknown): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

describe("todos on adversarial input", () => {
  const inputs: [string, string][] = [
    ["1 MiB single line of quotes and verbs", 'completed "'.repeat(MIB / 11)],
    ["1 MiB of ✅ without newlines", "✅".repeat(MIB)],
    ["1 MiB of box lines", "- [ ] x\n".repeat(MIB / 8)],
    ["1 MiB single line of spaces then a box", `${" ".repeat(MIB)}- [ ] late`],
    ["1 MiB of fence markers", "```\n".repeat(MIB / 4)],
    ["1 MiB of negations", "not not not yet n't completed \"".repeat(MIB / 32)],
    ["1 MiB of task quotes", 'task "a" is task "'.repeat(MIB / 18)],
  ];
  for (const [name, text] of inputs) {
    it(`${name}: parseChecklist finishes quickly and stays capped`, () => {
      let items = 0;
      const t = ms(() => {
        const r = parseChecklist(text);
        items = r.items.length + r.completions.length;
      });
      assert.ok(t < LIMIT_MS, `took ${t} ms`);
      assert.ok(items <= 400);
    });
  }

  it("merging 200 phrases into 200 todos stays fast", () => {
    const todos: Todo[] = Array.from({ length: 200 }, (_, i) => ({
      content: `implement feature number ${i} with a longish description of the work`,
      status: "pending",
    }));
    const completions = Array.from({ length: 200 }, (_, i) => `unrelated words ${i} zebra quokka`);
    const t = ms(() => mergeTodos(todos, { items: [], completions }));
    assert.ok(t < LIMIT_MS);
  });

  it("normalizeTodos on an 8 MiB JSON string is refused cheaply", () => {
    const huge = JSON.stringify(
      Array.from({ length: 200_000 }, () => ({ content: "x".repeat(30), status: "pending" })),
    );
    let n = -1;
    const t = ms(() => {
      n = normalizeTodos(huge).length;
    });
    assert.equal(n, 0);
    assert.ok(t < LIMIT_MS);
  });
});
