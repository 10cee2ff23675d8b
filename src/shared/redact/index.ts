/**
 * PII and secret redaction. Text-first: session-log lines and state bodies are redacted after
 * serialisation, as text, so every replacement token is JSON-safe ([REDACTED:<kind>], only
 * [A-Za-z0-9:_-] inside the brackets). See README-style notes in compile.ts and rules.ts.
 */
export { isCatastrophicPattern } from "./catastrophic.js";
export { compileRedactor, type Redactor, type RedactorOptions } from "./compile.js";
export { redactJsonLine } from "./json.js";
export { REDACTION_KINDS } from "./kinds.js";
export { overRedact } from "./over.js";
export { redactText } from "./text.js";
export { redactValue } from "./value.js";
