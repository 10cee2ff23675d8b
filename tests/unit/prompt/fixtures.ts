import type { CompactionView, PromptView } from "../../../src/shared/prompt/index.js";

/** A representative view: mid-task, no errors. */
export function baseView(overrides: Partial<PromptView> = {}): PromptView {
  return {
    persona: "Muad'Dib",
    phase: "implementation",
    intent: "bugfix",
    strikes: 0,
    maxStrikes: 3,
    lastErrorCategory: null,
    recovery: null,
    lastErrorExcerpt: null,
    escalated: false,
    pendingTodos: [
      { content: "Reproduce the parser bug", status: "completed" },
      { content: "Fix the tokenizer", status: "in_progress" },
      { content: "Add a regression test", status: "pending" },
    ],
    thinkLevel: "off",
    blockedRecently: null,
    ...overrides,
  };
}

/** A view with an active error streak. */
export function failingView(overrides: Partial<PromptView> = {}): PromptView {
  return baseView({
    strikes: 2,
    lastErrorCategory: "test",
    recovery: {
      title: "Failing tests",
      suggestions: ["Read the first failing assertion.", "Run only the failing test file."],
    },
    lastErrorExcerpt: "AssertionError: expected 2 to equal 3 at parser.test.ts:42",
    ...overrides,
  });
}

export function compactionView(overrides: Partial<CompactionView> = {}): CompactionView {
  return {
    ...failingView(),
    recentTools: [
      { tool: "read", ok: true },
      { tool: "edit", ok: true },
      { tool: "bash", ok: false },
    ],
    todoProgress: { done: 1, total: 3 },
    ...overrides,
  };
}
