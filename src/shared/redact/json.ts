/**
 * redactJsonLine: redact one serialised JSON text (a pino line, or a state body) without parsing
 * it into objects. A linear scanner walks the text; every string token is DECODED (so "\n" and
 * "\"" are real characters while the rules run, and a rule can never split an escape sequence or
 * eat a closing quote), redacted as text, and re-encoded with JSON.stringify only if it changed.
 * Values under sensitive keys ("apiKey", "password", …) are replaced whole. Numbers outside
 * strings are only checked for card numbers. The result parses whenever the input did.
 */
import type { Redactor } from "./compile.js";
import { isSensitiveKey, isVersionKey } from "./keys.js";
import { token } from "./kinds.js";
import { kBareCardRe, redactBareCard } from "./rules-pii.js";
import { redactText } from "./text.js";

const kKeyToken = `"${token("key")}"`;
// The shortest bare number that can be a card number.
const kMinCardDigits = 13;
// Values under a version-like key that are just a version ("1.2.3.4", "v10.0.19041.1").
export const kVersionValueRe = /^\s*v?\d+(?:\.\d+){1,4}(?:[-+][\w.-]*)?\s*$/;

// pino frame fields Atreides writes itself, holding host identifiers ("ses_…", "call_…", "tool.after").
// An id-shaped value there is passed through unredacted: an id is long enough to trip the rules'
// prefilters, and re-checking it on every record cost ~1.5 µs of the ~7 µs a record takes.
const kFrameIdKeys = new Set(["sessionID", "callID", "event"]);
const kIdShapeRe = /^[A-Za-z0-9_.-]{1,64}$/;

const QUOTE = 34; // "
const BACKSLASH = 92; // \
const COLON = 58; // :

export function redactJsonLine(r: Redactor, line: string): string {
  const n = line.length;
  let out = "";
  let pos = 0; // everything before pos has been emitted
  let lastKey: string | null = null;
  while (pos < n) {
    const q = line.indexOf('"', pos);
    if (q < 0) {
      out += redactBare(r, line.slice(pos));
      break;
    }
    out += redactBare(r, line.slice(pos, q));
    const end = stringEnd(line, q + 1);
    if (end < 0) {
      // Unterminated string (truncated line): redact the rest as raw text.
      out += redactText(r, line.slice(q));
      break;
    }
    const raw = line.slice(q, end + 1);
    const decoded = decode(raw);
    const after = skipWs(line, end + 1);
    if (line.charCodeAt(after) === COLON) {
      // A key.
      out += decoded === null ? redactText(r, raw) : reencode(r, raw, decoded);
      if (decoded !== null && isSensitiveKey(decoded)) {
        const vStart = skipWs(line, after + 1);
        const vEnd = valueEnd(line, vStart);
        out += line.slice(end + 1, vStart) + sensitiveValue(line.slice(vStart, vEnd));
        pos = vEnd;
        lastKey = null;
        continue;
      }
      lastKey = decoded;
    } else {
      if (decoded === null) out += redactText(r, raw);
      else if (lastKey !== null && kFrameIdKeys.has(lastKey) && kIdShapeRe.test(decoded)) out += raw;
      else if (isVersionKey(lastKey) && kVersionValueRe.test(decoded)) out += raw;
      else out += reencode(r, raw, decoded);
      lastKey = null;
    }
    pos = end + 1;
  }
  return out;
}

/** Index of the closing quote of a string whose content starts at `from`, or -1. Linear overall. */
function stringEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q < 0) return -1;
    let k = q - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    i = q + 1;
  }
}

function decode(raw: string): string | null {
  if (raw.indexOf("\\") < 0) return raw.slice(1, -1);
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function reencode(r: Redactor, raw: string, decoded: string): string {
  const red = redactText(r, decoded);
  return red === decoded ? raw : JSON.stringify(red);
}

function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** End (exclusive) of the JSON value starting at `i`: a string, an object/array, or a bare literal. */
function valueEnd(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) {
    const e = stringEnd(s, i + 1);
    return e < 0 ? s.length : e + 1;
  }
  if (c === 123 /* { */ || c === 91 /* [ */) {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === QUOTE) {
        const e = stringEnd(s, j + 1);
        if (e < 0) return s.length;
        j = e + 1;
        continue;
      }
      if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return s.length;
  }
  let j = i;
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === 44 /* , */ || d === 125 || d === 93 || d === 32 || d === 9 || d === 10 || d === 13) break;
    j++;
  }
  return j;
}

/** A sensitive key's value: empty strings, null and booleans hold nothing; anything else goes. */
function sensitiveValue(v: string): string {
  if (v === '""' || v === "null" || v === "true" || v === "false" || v === "" || v === kKeyToken) return v;
  return kKeyToken;
}

// Characters of JSON structure, numbers and the literals true/false/null.
const kNotJsonStructureRe = /[^\s{}[\],:0-9eE+.\-truefalsn]/;

/**
 * Text between strings: structure, numbers, literals. Only bare card numbers can hide there, unless
 * the input is not JSON at all (then it is redacted as text; it cannot get any less valid).
 */
function redactBare(r: Redactor, seg: string): string {
  if (kNotJsonStructureRe.test(seg)) return redactText(r, seg);
  return seg.length < kMinCardDigits ? seg : seg.replace(kBareCardRe, redactBareCard);
}
