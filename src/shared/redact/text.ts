import type { Redactor } from "./compile.js";
import { redactPrivateKeys } from "./pem.js";

/**
 * Redact free text (tool-output excerpts, commands, decoded JSON string values). Order: private-key
 * blocks, the built-in rules (rules.ts), the home directory ("~"), then custom patterns.
 */
export function redactText(r: Redactor, text: string): string {
  if (text.length < r.minLength) return text;
  let out = text.includes("PRIVATE KEY") ? redactPrivateKeys(text) : text;
  if (r.trigger === null || r.trigger.test(out)) {
    for (const rule of r.rules) {
      const g = rule.gate;
      if (g === null || (typeof g === "string" ? out.includes(g) : g(out))) out = rule.apply(out);
    }
  }
  if (r.home !== null && (r.homeGate === null || out.includes(r.homeGate))) out = out.replace(r.home, "~");
  for (const c of r.custom) out = out.replace(c, customReplace);
  return out;
}

function customReplace(m: string): string {
  // A zero-width match would otherwise insert a token at every position.
  return m.length === 0 ? m : "[REDACTED:custom]";
}
