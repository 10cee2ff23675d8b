/** Inputs of the Atreides system-prompt block and of the compaction context. */
import type { ErrorCategory } from "../scan/index.js";
import type { ThinkLevel } from "../think/index.js";
import type { Intent, Phase } from "../workflow/index.js";

export type { ErrorCategory };

/**
 * Everything the prompt block may depend on. Nothing time-varying (no timestamps, ids or
 * per-turn counters): equal views must give byte-identical blocks, or every turn misses the
 * provider's prompt cache.
 */
export interface PromptView {
  persona: string;
  phase: Phase;
  intent: Intent;
  strikes: number;
  maxStrikes: number;
  lastErrorCategory: ErrorCategory | null;
  /** Recovery advice for the last error category, passed in by the caller at strike ≥ 2. */
  recovery: { title: string; suggestions: readonly string[] } | null;
  /** Already sanitised by the caller (one line, no markup); capped and framed here. */
  lastErrorExcerpt: string | null;
  /** strikes ≥ maxStrikes. */
  escalated: boolean;
  pendingTodos: readonly { content: string; status: string }[];
  thinkLevel: ThinkLevel;
  /** One-line reason of the latest security block this turn, or null. */
  blockedRecently: string | null;
}

export interface CompactionView extends PromptView {
  /** Oldest first; only the last 10 are shown. */
  recentTools: readonly { tool: string; ok: boolean }[];
  todoProgress: { done: number; total: number };
}
