import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  DEFAULT_THINK_TRIGGERS,
  detectThinkLevel,
  MAX_THINK_SCAN_CHARS,
  type ThinkLevel,
} from "../../../src/shared/think/index.js";

const opts = { triggers: DEFAULT_THINK_TRIGGERS };
const level = (text: string) => detectThinkLevel(text, opts);

describe("detectThinkLevel: triggers", () => {
  const cases: readonly (readonly [string, ThinkLevel])[] = [
    ["think", "think"],
    ["Think about the edge cases first.", "think"],
    ["Please think it through before editing.", "think"],
    ["Refactor the parser. Think hard.", "hard"],
    ["Fix the race, think harder", "hard"],
    ["ok so think deeply about the API", "hard"],
    ["megathink: why is this slow?", "hard"],
    ["fix the flaky test ultrathink", "max"],
    ["/ultrathink", "max"],
    ["THINK VERY HARD about this migration", "max"],
    ["- think really hard\n- then change it", "max"],
    ["(think) what breaks if we drop Node 18?", "think"],
    ["Fix it and think: what else calls this?", "think"],
    ["think harder than ever", "max"],
    ["think hard, then ultrathink", "max"],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(level(text), expected));
  }
});

describe("detectThinkLevel: no false triggers", () => {
  const cases: readonly string[] = [
    "I think the bug is in parser.ts",
    "What do you think?",
    "Let me think",
    "You think hard problems are fun",
    "Don't think hard about it, just rename it",
    "rethink the API",
    "Thinking about it, fix X",
    "use the `think hard` flag",
    "```\nultrathink\nthink very hard\n```\nfix it",
    "~~~md\nthink hard\n~~~",
    "the thinker module",
    "",
  ];
  for (const text of cases) {
    it(`${JSON.stringify(text)} → off`, () => assert.equal(level(text), "off"));
  }
});

describe("detectThinkLevel: options and bounds", () => {
  it("uses the triggers it is given", () => {
    const custom = { triggers: { think: ["ponder"], hard: ["deliberate carefully"], max: [] } };
    assert.equal(detectThinkLevel("ponder this", custom), "think");
    assert.equal(detectThinkLevel("fix it; deliberate carefully", custom), "hard");
    assert.equal(detectThinkLevel("ultrathink", custom), "off");
    assert.equal(detectThinkLevel("think", { triggers: { think: [], hard: [], max: [] } }), "off");
  });
  it("an unclosed fence hides the rest of the message", () => {
    assert.equal(level("see:\n```\nthink hard"), "off");
  });
  it("only scans the head of huge messages", () => {
    assert.equal(level(`think hard\n${"x ".repeat(MAX_THINK_SCAN_CHARS)}`), "hard");
    assert.equal(level(`${"x ".repeat(MAX_THINK_SCAN_CHARS)}\nultrathink`), "off");
  });
  it("handles adversarial input without blowing up", () => {
    const nasty = "`".repeat(20_000) + "~~~\n".repeat(5_000) + "think hard ".repeat(2_000);
    assert.equal(typeof level(nasty), "string");
    assert.equal(detectThinkLevel(undefined as unknown as string, opts), "off");
  });
});
