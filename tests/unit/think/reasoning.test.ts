import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ANTHROPIC_MIN_BUDGET,
  DEFAULT_THINK_BUDGETS,
  fitMaxOutputTokens,
  GOOGLE_MAX_BUDGET,
  reasoningFamily,
  reasoningOptions,
} from "../../../src/shared/think/index.js";

const budgets = { think: 4_000, hard: 16_000, max: 32_000 };

describe("reasoningOptions", () => {
  it("returns nothing for off", () => {
    assert.deepEqual(
      reasoningOptions("off", { providerID: "anthropic", modelID: "claude-sonnet-4" }, budgets),
      {},
    );
  });
  it("anthropic: thinking with a token budget", () => {
    const t = { providerID: "anthropic", modelID: "claude-sonnet-4-5", npm: "@ai-sdk/anthropic" };
    assert.deepEqual(reasoningOptions("think", t, budgets), {
      thinking: { type: "enabled", budgetTokens: 4_000 },
    });
    assert.deepEqual(reasoningOptions("max", t, budgets), {
      thinking: { type: "enabled", budgetTokens: 32_000 },
    });
  });
  it("anthropic: budget never below the API minimum, capped to half the output limit", () => {
    const t = { providerID: "anthropic", modelID: "m", npm: "@ai-sdk/anthropic" };
    const low = reasoningOptions("think", t, { ...budgets, think: 100 }) as {
      thinking: { budgetTokens: number };
    };
    assert.equal(low.thinking.budgetTokens, ANTHROPIC_MIN_BUDGET);
    const capped = reasoningOptions("max", { ...t, outputLimit: 32_000 }, budgets) as {
      thinking: { budgetTokens: number };
    };
    assert.equal(capped.thinking.budgetTokens, 16_000);
  });
  it("openai and openai-compatible: reasoningEffort low/medium/high", () => {
    const openai = { providerID: "openai", modelID: "o4-mini", npm: "@ai-sdk/openai" };
    const compat = { providerID: "local", modelID: "qwen3", npm: "@ai-sdk/openai-compatible" };
    assert.deepEqual(reasoningOptions("think", openai, budgets), { reasoningEffort: "low" });
    assert.deepEqual(reasoningOptions("hard", compat, budgets), { reasoningEffort: "medium" });
    assert.deepEqual(reasoningOptions("max", compat, budgets), { reasoningEffort: "high" });
  });
  it("google: thinkingConfig.thinkingBudget, within Gemini's limit", () => {
    const g = { providerID: "google", modelID: "gemini-2.5-pro", npm: "@ai-sdk/google" };
    assert.deepEqual(reasoningOptions("hard", g, budgets), { thinkingConfig: { thinkingBudget: 16_000 } });
    assert.deepEqual(reasoningOptions("max", g, budgets), {
      thinkingConfig: { thinkingBudget: GOOGLE_MAX_BUDGET },
    });
  });
  it("unknown providers get reasoningEffort", () => {
    const t = { providerID: "openrouter", modelID: "x", npm: "@openrouter/ai-sdk-provider" };
    assert.deepEqual(reasoningOptions("max", t, budgets), { reasoningEffort: "high" });
    assert.deepEqual(reasoningOptions("think", { providerID: "mystery", modelID: "y" }, budgets), {
      reasoningEffort: "low",
    });
  });
  it("falls back to the provider id when npm is missing, and to defaults for bad budgets", () => {
    assert.equal(reasoningFamily({ providerID: "anthropic", modelID: "x" }), "anthropic");
    assert.equal(reasoningFamily({ providerID: "google", modelID: "x" }), "google");
    const out = reasoningOptions(
      "hard",
      { providerID: "anthropic", modelID: "x" },
      { ...budgets, hard: Number.NaN },
    );
    assert.deepEqual(out, { thinking: { type: "enabled", budgetTokens: DEFAULT_THINK_BUDGETS.hard } });
  });
});

describe("fitMaxOutputTokens", () => {
  it("keeps maxOutputTokens + budget within the model's output limit", () => {
    const opts = { thinking: { type: "enabled", budgetTokens: 16_000 } };
    assert.equal(fitMaxOutputTokens(32_000, opts, 32_000), 16_000);
    assert.equal(fitMaxOutputTokens(4_096, opts, 64_000), 4_096);
    assert.equal(fitMaxOutputTokens(32_000, { reasoningEffort: "high" }, 32_000), 32_000);
    assert.equal(fitMaxOutputTokens(32_000, opts, undefined), 32_000);
  });
});
