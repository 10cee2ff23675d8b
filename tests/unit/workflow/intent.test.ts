import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyIntent, type Intent, MAX_INTENT_CHARS } from "../../../src/shared/workflow/index.js";

const SAMPLES: readonly (readonly [string, Intent])[] = [
  ["Implement a new /status endpoint", "feature"],
  ["add error handling to the fetch wrapper", "feature"],
  ["Fix the failing test in parser.ts", "bugfix"],
  ["The app crashes when the config file is missing", "bugfix"],
  ["Refactor the session manager and clean up dead code", "refactor"],
  ["Update the README with install steps", "documentation"],
  ["Add unit tests for the tokenizer", "test"],
  ["Increase coverage of the scanner", "test"],
  ["set up CI with GitHub Actions", "config"],
  ["Change the tsconfig target to ES2023", "config"],
  ["How does the cache invalidation work?", "exploration"],
  ["Explain what the lifecycle registry is for", "exploration"],
  ["hello there", "unknown"],
  ["", "unknown"],
];

describe("classifyIntent", () => {
  for (const [text, expected] of SAMPLES) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(classifyIntent(text), expected));
  }
  it("matches whole words, not substrings", () => {
    // "prefix" contains "fix", "latest"/"contest" contain "test", "address" contains "add", "docstore" "doc".
    assert.equal(classifyIntent("the prefix of the latest contest address"), "unknown");
  });
  it("is case-insensitive", () => {
    assert.equal(classifyIntent("FIX THE BUG"), "bugfix");
  });
  it("only scores the head of long messages", () => {
    const text = `${"lorem ipsum ".repeat(Math.ceil(MAX_INTENT_CHARS / 12))} fix the bug`;
    assert.equal(classifyIntent(text), "unknown");
    assert.equal(classifyIntent(`fix the bug ${"x ".repeat(100_000)}`), "bugfix");
  });
  it("tolerates non-string input", () => {
    assert.equal(classifyIntent(undefined as unknown as string), "unknown");
  });
});
