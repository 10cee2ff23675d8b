export { RECOVERY, type RecoveryAdvice } from "./recovery.js";
export { sanitizeForPrompt } from "./sanitize.js";
export { scanBatch, scanToolOutput } from "./scan.js";
export { ALL_SIGNATURES, SIGNATURES, type Signature, STRONG_SIGNATURES } from "./signatures.js";
export {
  DEFAULT_SCAN_OPTIONS,
  ERROR_CATEGORIES,
  type ErrorCategory,
  type ScanInput,
  type ScanOptions,
  type ScanResult,
} from "./types.js";
export { windowText } from "./window.js";
