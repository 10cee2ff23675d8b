import { token } from "./kinds.js";

// Any run this long of token-ish characters may be (part of) a secret; shorter runs are words.
const kMinRun = 8;
// A single greedy character class with no alternation: each position is visited a bounded number
// of times (runs shorter than kMinRun are rescanned at most kMinRun times), so this is linear.
const kRunRe = new RegExp(`[A-Za-z0-9+/=_.@:-]{${kMinRun},}`, "g");
const kUnverified = token("unverified");

/**
 * Degraded mode for when real redaction cannot run (timeout, crash): replace every run of
 * [A-Za-z0-9+/=_.@:-] of 8 or more characters. Over-redacts on purpose; never leaks such a run.
 */
export function overRedact(text: string): string {
  return text.replace(kRunRe, kUnverified);
}
