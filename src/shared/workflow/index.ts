/** Workflow phase engine: pure functions over phases, intents and tool calls. */
export { CLASS_RANK, classifyCommand } from "./command.js";
export { MAX_GUIDANCE_CHARS, phaseGuidance } from "./guidance.js";
export { classifyIntent, MAX_INTENT_CHARS } from "./intent.js";
export { MAX_COMMAND_CHARS, type ShellSegment, splitShell } from "./shell-words.js";
export { commandOf, phaseForTool } from "./tool-phase.js";
export { canTransition, nextPhase, TRANSITIONS } from "./transitions.js";
export { type CommandClass, INTENTS, type Intent, PHASES, type Phase } from "./types.js";
