/**
 * Phase guidance for the system prompt: a few fixed lines per phase plus one line per intent.
 * Deterministic (no timestamps, no counters) so the prompt block stays byte-stable between turns.
 */
import type { Intent, Phase } from "./types.js";

/** Guidance is part of a cached prompt block; this cap keeps one phase's text small. */
export const MAX_GUIDANCE_CHARS = 600;

const PHASE_TEXT: Readonly<Record<Phase, string>> = Object.freeze({
  idle: "",
  intent: [
    "Phase: intent. Pin down what is being asked before touching anything.",
    "- Restate the goal and the done-criteria in one or two sentences.",
    "- Ask only the questions whose answers change the work; otherwise proceed.",
  ].join("\n"),
  assessment: [
    "Phase: assessment. Plan before acting.",
    "- Name the files, modules and unknowns involved.",
    "- For work of three or more steps, write the plan as a todo list.",
  ].join("\n"),
  exploration: [
    "Phase: exploration. Build an accurate picture; change nothing yet.",
    "- Read the relevant code, its callers and its tests; search for existing patterns.",
    "- Delegate broad searches to a subagent and keep the findings short.",
  ].join("\n"),
  implementation: [
    "Phase: implementation. Make small, targeted changes.",
    "- Read a file before editing it; follow the project's conventions.",
    "- One logical step at a time, each one checked before the next.",
  ].join("\n"),
  verification: [
    "Phase: verification. Prove the change works.",
    "- Run the relevant tests, the type checker and the linter.",
    "- Check the original request is fully met; report what was verified and what was not.",
  ].join("\n"),
});

const INTENT_TEXT: Readonly<Record<Intent, string>> = Object.freeze({
  feature: "Task type: feature. Fit the existing design; add tests for the new behaviour.",
  bugfix: "Task type: bugfix. Reproduce first, fix the root cause, add a regression test.",
  refactor: "Task type: refactor. Behaviour must not change; keep the tests green at every step.",
  exploration: "Task type: question. Answer from the code with file references; change nothing unless asked.",
  documentation: "Task type: documentation. Match the code as it is; keep examples runnable.",
  test: "Task type: tests. Cover behaviour and edge cases; make each test able to fail.",
  config: "Task type: configuration. Change the minimum; validate the config after editing it.",
  unknown: "",
});

/** Guidance for a phase and intent; "" for idle. At most MAX_GUIDANCE_CHARS characters. */
export function phaseGuidance(phase: Phase, intent: Intent): string {
  const base = PHASE_TEXT[phase] ?? "";
  if (base === "") return "";
  const extra = INTENT_TEXT[intent] ?? "";
  const text = extra === "" ? base : `${base}\n${extra}`;
  return text.length > MAX_GUIDANCE_CHARS ? text.slice(0, MAX_GUIDANCE_CHARS) : text;
}
