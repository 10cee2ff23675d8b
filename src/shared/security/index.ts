/**
 * Security guard: pure, synchronous verdicts for shell commands, file paths and OpenCode tool calls.
 * See policy.ts for the entry points and rules.ts for the rule catalogue.
 */

export type { ConfigIssue } from "../errors.js";
export {
  cacheKeyFor,
  compileSecurityPolicy,
  evaluateCommand,
  evaluatePath,
  evaluateToolCall,
} from "./policy.js";
export { RULES, type RuleId } from "./rules.js";
export type { SecurityAction, SecurityOptions, SecurityPolicy, SecurityVerdict } from "./types.js";
