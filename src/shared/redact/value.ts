/**
 * redactValue: a redacted deep copy of a JSON-like value (the input is never mutated). Values under
 * sensitive keys become "[REDACTED:key]"; strings go through redactText; bare card numbers become
 * "[REDACTED:card]". Nesting deeper than kMaxDepth becomes "[REDACTED:depth]" and arrays keep their
 * first kMaxArrayItems items plus one "[REDACTED:truncated]" marker, so hostile or cyclic input
 * costs bounded time.
 */
import type { Redactor } from "./compile.js";
import { kVersionValueRe } from "./json.js";
import { isSensitiveKey, isVersionKey } from "./keys.js";
import { token } from "./kinds.js";
import { luhnValid } from "./luhn.js";
import { redactText } from "./text.js";

// Log data is a few levels deep; anything deeper is almost certainly a dump or a cycle.
const kMaxDepth = 8;
// Longer arrays are summarised: a log record has no use for thousands of items.
const kMaxArrayItems = 1000;
const kBareCardRe = /^[2-6]\d{12,18}$/;

export function redactValue(r: Redactor, value: unknown): unknown {
  return walk(r, value, 0, null);
}

function walk(r: Redactor, v: unknown, depth: number, key: string | null): unknown {
  switch (typeof v) {
    case "string":
      if (isVersionKey(key) && kVersionValueRe.test(v)) return v;
      return redactText(r, v);
    case "number":
      return Number.isSafeInteger(v) && kBareCardRe.test(String(v)) && luhnValid(String(v))
        ? token("card")
        : v;
    case "bigint": {
      const s = v.toString();
      return kBareCardRe.test(s) && luhnValid(s) ? token("card") : v;
    }
    case "object":
      break;
    default:
      // boolean, undefined, symbol, function: nothing textual to leak (functions are dropped).
      return typeof v === "function" ? undefined : v;
  }
  if (v === null) return null;
  if (depth >= kMaxDepth) return token("depth");
  if (Array.isArray(v)) {
    const n = Math.min(v.length, kMaxArrayItems);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = walk(r, v[i], depth + 1, key);
    if (v.length > kMaxArrayItems) out.push(token("truncated"));
    return out;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Error) {
    return {
      name: v.name,
      message: redactText(r, v.message),
      ...(v.stack !== undefined ? { stack: redactText(r, v.stack) } : {}),
    };
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const child = (v as Record<string, unknown>)[k];
    const outKey = redactText(r, k);
    const redacted = isSensitiveKey(k) ? sensitive(child) : walk(r, child, depth + 1, k);
    // Plain assignment to "__proto__" would set the prototype instead of a key.
    if (outKey === "__proto__")
      Object.defineProperty(out, outKey, {
        value: redacted,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[outKey] = redacted;
  }
  return out;
}

function sensitive(v: unknown): unknown {
  if (v === null || v === undefined || v === "" || typeof v === "boolean") return v;
  return token("key");
}
