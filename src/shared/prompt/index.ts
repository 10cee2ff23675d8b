/** The Atreides system-prompt block and the compaction context: pure, deterministic builders. */
export {
  buildCompactionContext,
  COMPACTION_END,
  COMPACTION_START,
  MAX_COMPACTION_BYTES,
  MAX_RECENT_TOOLS,
  MAX_TODOS_SHOWN,
} from "./compaction.js";
export { DEFAULT_PERSONA, personaRules } from "./rules.js";
export { buildSystemBlock, MAX_SYSTEM_BLOCK_BYTES, SYSTEM_BLOCK_MARKER } from "./system-block.js";
export { capChars, utf8Bytes } from "./text.js";
export type { CompactionView, ErrorCategory, PromptView } from "./types.js";
export { MAX_EXCERPT_CHARS, viewFingerprint } from "./view.js";
