/**
 * Text-level de-obfuscation. Shell semantics (quotes, escapes, $'…', variables) belong to the parser;
 * this file undoes encodings a shell would NOT undo but that an attacker uses to hide a command from
 * a pattern matcher: URL %xx, \xNN / \NNN / \uNNNN written outside $'…', homoglyphs, fullwidth forms
 * and invisible characters. The guard judges both the raw text and this decoded variant.
 */
import { Buffer } from "node:buffer";
import { CONFUSABLES } from "./confusables.js";
import { MAX_URL_DECODE_PASSES } from "./limits.js";

const NON_ASCII = /[^\x00-\x7f]/;
/** Zero-width and formatting code points (inclusive ranges) that render as nothing: "r\u200bm" reads "rm". */
const INVISIBLE: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180e],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function stripInvisible(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xad || !INVISIBLE.some(([lo, hi]) => c >= lo && c <= hi)) continue;
    out += s.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

const CONFUSABLE_CHARS = new RegExp(`[${[...CONFUSABLES.keys()].join("")}]`, "g");
const URL_ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const HAS_URL_ESCAPE = /%[0-9A-Fa-f]{2}/;
const TEXT_ESCAPE =
  /\\(?:x([0-9A-Fa-f]{2})|u\{([0-9A-Fa-f]{1,6})\}|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|([0-3][0-7]{2}))/g;
const HAS_TEXT_ESCAPE =
  /\\(?:x[0-9A-Fa-f]{2}|u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-3][0-7]{2})/;
const utf8 = new TextDecoder("utf-8", { fatal: false });

/** NFKC, homoglyphs → Latin, invisible characters removed. ASCII input is returned as is (fast path). */
export function foldUnicode(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  return stripInvisible(s.normalize("NFKC")).replace(CONFUSABLE_CHARS, (c) => CONFUSABLES.get(c) ?? c);
}

/** Decode %xx runs as UTF-8, repeatedly (double encoding), at most MAX_URL_DECODE_PASSES times. Never throws. */
export function urlDecode(s: string): string {
  let out = s;
  for (let pass = 0; pass < MAX_URL_DECODE_PASSES && HAS_URL_ESCAPE.test(out); pass++) {
    out = out.replace(URL_ESCAPE_RUN, (run) => {
      const bytes = new Uint8Array(run.length / 3);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
      return utf8.decode(bytes);
    });
  }
  return out;
}

function codePoint(hex: string, radix: number): string {
  const n = Number.parseInt(hex, radix);
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "";
}

/** Decode \xNN, \uNNNN, \u{N}, \UNNNNNNNN and 3-digit octal \NNN anywhere in the text (one pass). */
export function decodeTextEscapes(s: string): string {
  if (!HAS_TEXT_ESCAPE.test(s)) return s;
  return s.replace(TEXT_ESCAPE, (_m, x?: string, ub?: string, u4?: string, u8?: string, oct?: string) => {
    if (x !== undefined) return codePoint(x, 16);
    if (ub !== undefined) return codePoint(ub, 16);
    if (u4 !== undefined) return codePoint(u4, 16);
    if (u8 !== undefined) return codePoint(u8, 16);
    return codePoint(oct ?? "0", 8);
  });
}

/**
 * The decoded variant of a command or path: Unicode folded, URL-decoded, text escapes decoded, folded
 * again (an escape may spell a homoglyph). Returns the input itself when nothing applies.
 */
export function deobfuscate(s: string): string {
  const nonAscii = NON_ASCII.test(s);
  if (!nonAscii && s.indexOf("%") < 0 && s.indexOf("\\") < 0) return s;
  let out = foldUnicode(s);
  out = urlDecode(out);
  out = decodeTextEscapes(out);
  return foldUnicode(out);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/**
 * Backslash escapes as bash expands them inside $'…' and as `echo -e` / printf do: \n \t \xHH \uHHHH
 * \UHHHHHHHH \NNN (octal, up to 3 digits) \cX. Unknown escapes keep the backslash.
 */
export function decodeBackslashEscapes(body: string): string {
  if (body.indexOf("\\") < 0) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[i + 1]!;
    const simple = SIMPLE_ESCAPES[n];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (n === "x" || n === "u" || n === "U") {
      const max = n === "x" ? 2 : n === "u" ? 4 : 8;
      let j = i + 2;
      while (j < body.length && j < i + 2 + max && /[0-9A-Fa-f]/.test(body[j]!)) j++;
      if (j === i + 2) {
        out += `\\${n}`;
      } else {
        out += codePoint(body.slice(i + 2, j), 16);
      }
      i = j - 1;
    } else if (n >= "0" && n <= "7") {
      let j = i + 1;
      while (j < body.length && j < i + 4 && body[j]! >= "0" && body[j]! <= "7") j++;
      out += codePoint(body.slice(i + 1, j), 8);
      i = j - 1;
    } else if (n === "c" && i + 2 < body.length) {
      out += String.fromCharCode(body.charCodeAt(i + 2) & 0x1f);
      i += 2;
    } else {
      out += `\\${n}`;
      i++;
    }
  }
  return out;
}

const BASE64_BODY = /^[A-Za-z0-9+/_-]+={0,2}$/;
// A decoded payload must look like text a shell or interpreter would run: valid UTF-8, few controls.
const MAX_CONTROL_RATIO = 0.1;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Decode base64 (standard or URL-safe, padding optional) when the result is text, else null. Never throws. */
export function decodeBase64Text(token: string): string | null {
  const t = token.trim();
  if (t.length < 4 || !BASE64_BODY.test(t)) return null;
  const bytes = Buffer.from(t.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length === 0) return null;
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return null;
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return null;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) controls++;
  }
  return controls / text.length > MAX_CONTROL_RATIO ? null : text;
}
