/**
 * What to merge into chat.params `output.options` for a think level. OpenCode passes those
 * options to the AI SDK as providerOptions under the provider's own key, so the names here are
 * the AI SDK provider option names (checked against the provider sources, 2025):
 *
 * - @ai-sdk/anthropic: `thinking: { type: "enabled", budgetTokens }`. Budget ≥ 1 024. The SDK sends
 *   `max_tokens = maxOutputTokens + budgetTokens` and drops temperature/topP/topK while thinking.
 * - @ai-sdk/openai (and azure): `reasoningEffort: "low" | "medium" | "high"` (Responses API
 *   `reasoning.effort`, Chat API `reasoning_effort`).
 * - @ai-sdk/openai-compatible: `reasoningEffort`, sent in the request body as `reasoning_effort`.
 * - @ai-sdk/google (and google-vertex): `thinkingConfig: { thinkingBudget }`. `includeThoughts` is
 *   left alone: whether thoughts are shown is the host's choice; merge thinkingConfig deeply.
 * - anything else: `reasoningEffort`, the most widely understood name; providers whose option
 *   schema lacks it ignore it.
 */

import { DEFAULT_THINK_BUDGETS } from "./defaults.js";
import type { ReasoningTarget, ThinkBudgets, ThinkLevel } from "./types.js";

/** Anthropic rejects thinking budgets below 1 024 tokens. */
export const ANTHROPIC_MIN_BUDGET = 1_024;
/** Gemini 2.5 Flash accepts at most 24 576 thinking tokens (Pro: 32 768); one value valid for both. */
export const GOOGLE_MAX_BUDGET = 24_576;
/** Of a model's output limit, at most this share goes to reasoning, so the answer still fits. */
const MAX_BUDGET_SHARE_OF_OUTPUT = 0.5;

export type ReasoningFamily = "anthropic" | "openai" | "openai-compatible" | "google" | "unknown";

const EFFORT: Readonly<Record<Exclude<ThinkLevel, "off">, "low" | "medium" | "high">> = Object.freeze({
  think: "low",
  hard: "medium",
  max: "high",
});

const NPM_FAMILY: ReadonlyMap<string, ReasoningFamily> = new Map<string, ReasoningFamily>([
  ["@ai-sdk/anthropic", "anthropic"],
  ["@ai-sdk/google-vertex/anthropic", "anthropic"],
  ["@ai-sdk/openai", "openai"],
  ["@ai-sdk/azure", "openai"],
  ["@ai-sdk/openai-compatible", "openai-compatible"],
  ["@ai-sdk/google", "google"],
  ["@ai-sdk/google-vertex", "google"],
]);

const PROVIDER_FAMILY: ReadonlyMap<string, ReasoningFamily> = new Map<string, ReasoningFamily>([
  ["anthropic", "anthropic"],
  ["openai", "openai"],
  ["azure", "openai"],
  ["google", "google"],
  ["google-vertex", "google"],
]);

/** The provider family: by npm package when known, else by well-known provider id. */
export function reasoningFamily(target: ReasoningTarget): ReasoningFamily {
  const byNpm = typeof target.npm === "string" ? NPM_FAMILY.get(target.npm) : undefined;
  if (byNpm) return byNpm;
  if (typeof target.npm === "string" && target.npm.length > 0) return "unknown";
  return PROVIDER_FAMILY.get(String(target.providerID).toLowerCase()) ?? "unknown";
}

function budgetFor(
  level: Exclude<ThinkLevel, "off">,
  budgets: ThinkBudgets,
  target: ReasoningTarget,
): number {
  const raw = budgets?.[level];
  let n =
    typeof raw === "number" && Number.isFinite(raw) && raw > 0
      ? Math.floor(raw)
      : DEFAULT_THINK_BUDGETS[level];
  const limit = target.outputLimit;
  if (typeof limit === "number" && Number.isFinite(limit) && limit > 0) {
    n = Math.min(n, Math.floor(limit * MAX_BUDGET_SHARE_OF_OUTPUT));
  }
  return n;
}

/** Options to merge into chat.params `output.options`; `{}` for "off". Never throws. */
export function reasoningOptions(
  level: ThinkLevel,
  target: ReasoningTarget,
  budgets: ThinkBudgets,
): Record<string, unknown> {
  if (level === "off" || !(level in EFFORT)) return {};
  switch (reasoningFamily(target)) {
    case "anthropic":
      return {
        thinking: {
          type: "enabled",
          budgetTokens: Math.max(ANTHROPIC_MIN_BUDGET, budgetFor(level, budgets, target)),
        },
      };
    case "google":
      return {
        thinkingConfig: { thinkingBudget: Math.min(GOOGLE_MAX_BUDGET, budgetFor(level, budgets, target)) },
      };
    default:
      return { reasoningEffort: EFFORT[level] };
  }
}

/**
 * With Anthropic thinking on, the AI SDK requests `maxOutputTokens + budgetTokens`, and the API
 * rejects a total above the model's output limit. Returns the maxOutputTokens to use so the sum
 * fits (unchanged when there is no thinking budget or no known limit; never below 1).
 */
export function fitMaxOutputTokens(
  maxOutputTokens: number,
  options: Record<string, unknown>,
  outputLimit: number | undefined,
): number {
  const thinking = options.thinking as { budgetTokens?: unknown } | undefined;
  const budget = thinking?.budgetTokens;
  if (typeof budget !== "number" || typeof outputLimit !== "number" || !Number.isFinite(outputLimit)) {
    return maxOutputTokens;
  }
  return Math.max(1, Math.min(maxOutputTokens, outputLimit - budget));
}
