/** Think mode vocabulary. */

export type ThinkLevel = "off" | "think" | "hard" | "max";

export interface ThinkOptions {
  /** Trigger phrases per level, matched as whole words (see detect.ts for the rules). */
  triggers: { think: string[]; hard: string[]; max: string[] };
}

/** The model a request goes to, from chat.params `input.model` (`providerID`, `id`, `api.npm`). */
export interface ReasoningTarget {
  providerID: string;
  modelID: string;
  /** AI SDK provider package, e.g. "@ai-sdk/anthropic", "@ai-sdk/openai-compatible". */
  npm?: string;
  /**
   * The model's output-token limit (`input.model.limit.output`), when known. Token budgets are
   * capped to half of it so a visible answer still fits (see reasoning.ts).
   */
  outputLimit?: number;
}

/** Reasoning token budgets per level. */
export interface ThinkBudgets {
  think: number;
  hard: number;
  max: number;
}
