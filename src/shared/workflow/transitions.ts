/**
 * The phase transition table. The original engine had dead ends (an edit right after the first
 * message left the session in "intent"; tests after exploration were ignored). Here every working
 * phase can move forward to any later working phase, and backward only where work really loops:
 * implementation ⇄ exploration, verification → implementation/exploration (fix what failed), and
 * verification → intent (a new request). Only verification may return to idle (task complete);
 * nothing else moves back to idle or intent, so stray tool calls cannot reset a task.
 */
import type { Phase } from "./types.js";

export const TRANSITIONS: Readonly<Record<Phase, readonly Phase[]>> = Object.freeze({
  // A session normally leaves idle on its first user message (→ intent), but a tool call that
  // arrives first must not be lost, so idle may jump straight to any working phase.
  idle: ["intent", "assessment", "exploration", "implementation", "verification"],
  intent: ["assessment", "exploration", "implementation", "verification"],
  assessment: ["exploration", "implementation", "verification"],
  exploration: ["assessment", "implementation", "verification"],
  implementation: ["exploration", "verification"],
  verification: ["intent", "exploration", "implementation", "idle"],
});

export function canTransition(from: Phase, to: Phase): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** Apply a suggested phase: no suggestion or a disallowed move keeps the current phase. */
export function nextPhase(current: Phase, suggested: Phase | null): Phase {
  if (suggested === null || suggested === current) return current;
  return TRANSITIONS[current].includes(suggested) ? suggested : current;
}
