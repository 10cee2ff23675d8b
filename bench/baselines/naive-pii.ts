/**
 * The original's PII filter, re-written from its description (atreides-original-behaviour.md §3.4)
 * for the naive baseline. Deliberately faithful to its costs: 13 regex passes per string, the
 * home-directory pattern rebuilt (and re-escaped) on every call, a recursive clone of every object,
 * and the unanchored email pattern that backtracks quadratically on long runs of [\w.%+-].
 * Do not use this anywhere but the benchmark.
 */
import { homedir } from "node:os";

const R = "[REDACTED]";

// In list order, as the original applied them.
const PATTERNS: readonly RegExp[] = [
  /[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}/g, // email (quadratic on a long run without "@")
  /\b(?:sk|pk|api|key|secret|token|bearer|auth)_[A-Za-z0-9_-]{20,}/gi, // prefixed API keys
  /\b\d{4}[- ]?\d{4}[- ]?\d{4}[- ]?\d{4}\b/g, // 16-digit card numbers
  /\b\d{3}-\d{2}-\d{4}\b/g, // US SSN
  /(?:\+\d{1,3}[-. ]?)?\(?\d{3}\)?[-. ]?\d{3}[-. ]?\d{4}\b/g, // phone (also any 10-digit number)
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g, // IPv4 (also 4-part versions)
  /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, // JWT
  /\b(?:AKIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|ASCA|ASIA)[A-Z0-9]{16}\b/g, // AWS key id
  /\b[A-Za-z0-9/+=]{40}\b/g, // "AWS secret": any 40-char word, git SHAs included
  /\bgh[pousr]_[A-Za-z0-9]{36,}/g, // GitHub tokens
  /-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |DSA |EC |OPENSSH |PGP )?PRIVATE KEY-----/g,
  /\b(?:password|passwd|pwd|secret|token|api_key|apikey)\s*[:=]\s*\S+/gi, // password=…
];

// Key substrings whose whole value is replaced (the original's camel-case apiKey entry never matched).
const SENSITIVE_KEY_PARTS = ["password", "secret", "token", "api_key", "apikey", "credential", "auth"];

export function filterPii(value: string, custom: readonly RegExp[] = []): string {
  const home = homedir();
  let out = value;
  // The original rebuilt and re-escaped this pattern for every string it filtered.
  if (home) out = out.replace(new RegExp(home.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g"), "~");
  for (const p of PATTERNS) out = out.replace(p, R);
  for (const p of custom) out = out.replace(p, R);
  return out;
}

export function filterPiiFromObject(value: unknown): unknown {
  if (typeof value === "string") return filterPii(value);
  if (Array.isArray(value)) return value.map((v) => filterPiiFromObject(v));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const lower = k.toLowerCase();
      out[k] = SENSITIVE_KEY_PARTS.some((s) => lower.includes(s)) ? R : filterPiiFromObject(v);
    }
    return out;
  }
  return value;
}
