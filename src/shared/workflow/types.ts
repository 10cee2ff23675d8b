/**
 * Workflow vocabulary: the phases a session moves through, the intent of the user's request and
 * the class of a shell command. Shared by the phase engine, the prompt builder and session state.
 */

export type Phase = "idle" | "intent" | "assessment" | "exploration" | "implementation" | "verification";

/** Every phase, in the order a task usually walks through them. */
export const PHASES: readonly Phase[] = Object.freeze([
  "idle",
  "intent",
  "assessment",
  "exploration",
  "implementation",
  "verification",
] as const);

export type Intent =
  | "feature"
  | "bugfix"
  | "refactor"
  | "exploration"
  | "documentation"
  | "test"
  | "config"
  | "unknown";

/** Every intent, "unknown" last. */
export const INTENTS: readonly Intent[] = Object.freeze([
  "feature",
  "bugfix",
  "refactor",
  "exploration",
  "documentation",
  "test",
  "config",
  "unknown",
] as const);

export type CommandClass =
  | "test"
  | "build"
  | "lint"
  | "install"
  | "vcs-read"
  | "vcs-write"
  | "fs-read"
  | "fs-write"
  | "run"
  | "other";
