/**
 * Normalisation of a PromptView into exactly the values the system block prints, with every cap
 * and every cleanup applied. buildSystemBlock renders this; viewFingerprint serialises it. Sharing
 * one function guarantees that equal fingerprints mean byte-identical blocks, and that changes the
 * block does not show (todo list, think level, recovery text while there are no strikes) do not
 * change the fingerprint.
 */
import type { ErrorCategory } from "../scan/index.js";
import type { Intent, Phase } from "../workflow/index.js";
import { INTENTS, PHASES, phaseGuidance } from "../workflow/index.js";
import { DEFAULT_PERSONA, MAX_PERSONA_CHARS } from "./rules.js";
import { blockText, inlineText } from "./text.js";
import type { PromptView } from "./types.js";

/** The excerpt of untrusted tool output is capped hard: it is an injection channel. */
export const MAX_EXCERPT_CHARS = 300;
/** Recovery advice: a title and a few suggestions are enough to steer the next attempt. */
export const MAX_RECOVERY_TITLE_CHARS = 100;
export const MAX_SUGGESTIONS = 4;
export const MAX_SUGGESTION_CHARS = 200;
/** A block reason is one line; 200 chars name the rule and the offending part. */
export const MAX_BLOCK_REASON_CHARS = 200;
/** Strike counts beyond this are shown as this (a count, not a log). */
const MAX_SHOWN_STRIKES = 99;

const PHASE_SET = new Set<Phase>(PHASES);
const INTENT_SET = new Set<Intent>(INTENTS);

export const CATEGORY_LABEL: Readonly<Record<ErrorCategory, string>> = Object.freeze({
  command: "command not found",
  permission: "permission denied",
  file: "missing file or wrong path",
  module: "module or import resolution",
  build: "build failure",
  test: "failing tests",
  syntax: "syntax error",
  type: "type error",
  network: "network error",
  memory: "out of memory",
  timeout: "timeout",
  generic: "error",
});

export interface BlockInputs {
  persona: string;
  phase: Phase;
  intent: Intent;
  guidance: string;
  recovery: null | {
    strikes: number;
    maxStrikes: number;
    category: string | null;
    title: string | null;
    suggestions: string[];
    excerpt: string | null;
    escalated: boolean;
  };
  blocked: string | null;
}

function count(n: unknown, min: number): number {
  return typeof n === "number" && Number.isFinite(n)
    ? Math.min(MAX_SHOWN_STRIKES, Math.max(min, Math.floor(n)))
    : min;
}

export function personaOf(view: Pick<PromptView, "persona">): string {
  return inlineText(view.persona, MAX_PERSONA_CHARS) || DEFAULT_PERSONA;
}

export function categoryLabel(category: unknown): string | null {
  if (category == null) return null;
  return CATEGORY_LABEL[category as ErrorCategory] ?? "error";
}

export function excerptOf(view: Pick<PromptView, "lastErrorExcerpt">): string | null {
  return view.lastErrorExcerpt == null ? null : blockText(view.lastErrorExcerpt, MAX_EXCERPT_CHARS) || null;
}

export function normalizeView(view: PromptView): BlockInputs {
  const phase = PHASE_SET.has(view.phase) ? view.phase : "idle";
  const intent = INTENT_SET.has(view.intent) ? view.intent : "unknown";
  const strikes = count(view.strikes, 0);
  const maxStrikes = count(view.maxStrikes, 1);
  let recovery: BlockInputs["recovery"] = null;
  if (strikes > 0) {
    const advice = view.recovery;
    recovery = {
      strikes,
      maxStrikes,
      category: categoryLabel(view.lastErrorCategory),
      title: advice ? inlineText(advice.title, MAX_RECOVERY_TITLE_CHARS) || null : null,
      suggestions: advice
        ? (Array.isArray(advice.suggestions) ? advice.suggestions : [])
            .slice(0, MAX_SUGGESTIONS)
            .map((s) => inlineText(s, MAX_SUGGESTION_CHARS))
            .filter((s) => s.length > 0)
        : [],
      excerpt: excerptOf(view),
      escalated: view.escalated === true || strikes >= maxStrikes,
    };
  }
  const blocked =
    view.blockedRecently == null ? null : inlineText(view.blockedRecently, MAX_BLOCK_REASON_CHARS) || null;
  return {
    persona: personaOf(view),
    phase,
    intent,
    guidance: phaseGuidance(phase, intent),
    recovery,
    blocked,
  };
}

/** A stable key of everything the system block shows: equal keys ⇒ byte-identical blocks. */
export function viewFingerprint(view: PromptView): string {
  const n = normalizeView(view);
  const r = n.recovery;
  // Guidance is derived from phase and intent, so it need not be part of the key.
  return JSON.stringify([
    1,
    n.persona,
    n.phase,
    n.intent,
    r && [r.strikes, r.maxStrikes, r.category, r.title, r.suggestions, r.excerpt, r.escalated],
    n.blocked,
  ]);
}
