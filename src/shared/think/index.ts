/** Think mode: trigger detection in the user message and per-provider reasoning options. */
export { DEFAULT_THINK_BUDGETS, DEFAULT_THINK_TRIGGERS } from "./defaults.js";
export { detectThinkLevel, MAX_THINK_SCAN_CHARS, stripCode } from "./detect.js";
export {
  ANTHROPIC_MIN_BUDGET,
  fitMaxOutputTokens,
  GOOGLE_MAX_BUDGET,
  type ReasoningFamily,
  reasoningFamily,
  reasoningOptions,
} from "./reasoning.js";
export type { ReasoningTarget, ThinkBudgets, ThinkLevel, ThinkOptions } from "./types.js";
