/**
 * Default triggers and budgets.
 *
 * Triggers: "think" alone is the light level; "hard"/"harder"/"deeply" phrasings and the coined
 * "megathink" ask for more; "ultrathink" and the emphatic phrasings ask for the most. Longer
 * phrases share words with shorter ones ("think harder than ever" contains "think harder"); the
 * highest matching level wins, so that is fine.
 *
 * Budgets (reasoning tokens):
 * - 4 000 for "think": a short planning pass, four times Anthropic's minimum budget of 1 024.
 * - 16 000 for "hard": room to reason across several files without dominating latency.
 * - 32 000 for "max": about where Anthropic reports diminishing returns for extended thinking,
 *   and 32 000 budget + OpenCode's 32 000 output cap = 64 000, the output ceiling of current
 *   Sonnet-class models (the AI SDK adds the budget on top of maxOutputTokens).
 * The config schema (src/shared/config/schema.ts) uses the same defaults.
 */
import type { ThinkBudgets, ThinkOptions } from "./types.js";

export const DEFAULT_THINK_TRIGGERS: ThinkOptions["triggers"] = Object.freeze({
  think: Object.freeze(["think"]) as string[],
  hard: Object.freeze(["think hard", "think harder", "think deeply", "megathink"]) as string[],
  max: Object.freeze([
    "ultrathink",
    "think very hard",
    "think really hard",
    "think super hard",
    "think harder than ever",
  ]) as string[],
});

export const DEFAULT_THINK_BUDGETS: Readonly<ThinkBudgets> = Object.freeze({
  think: 4_000,
  hard: 16_000,
  max: 32_000,
});
