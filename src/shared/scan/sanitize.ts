import { cutUnits } from "./window.js";

/**
 * Untrusted text (tool output) on its way into a system prompt or a compaction context.
 *
 * Produces ONE line of plain text, at most `maxChars` UTF-16 units:
 * 1. ANSI escape sequences removed; CR/LF/U+2028/U+2029 become line breaks.
 * 2. Invisible characters removed: C0/C1 controls, DEL, zero-width and bidi controls, BOM, soft hyphen,
 *    Unicode tag characters (used to smuggle hidden ASCII) and lone surrogates.
 * 3. Injection markers neutralised (after step 2, so invisible characters cannot hide them):
 *    role labels at a line start ("system:", "[ASSISTANT]", "### User:") become "(quoted system)",
 *    "ignore previous instructions"-style overrides are replaced, tag openers "<x", "</x", "<|" become
 *    "‹…", "|>" becomes "|›", "[INST]" becomes "(INST)", code fences become "'''".
 * 4. Whitespace collapsed; line breaks shown as " ⏎ ", so nothing in the text starts a new prompt line.
 * 5. Capped, with "…" when anything was cut.
 * It adds no quoting of its own: the caller wraps the result.
 *
 * Work is bounded: at most RAW_FACTOR × maxChars + RAW_SLACK units of input are looked at.
 */
export function sanitizeForPrompt(text: string, maxChars: number): string {
  const max = Number.isFinite(maxChars) && maxChars > 0 ? Math.floor(maxChars) : 0;
  if (max === 0 || text.length === 0) return "";
  const rawLimit = max * RAW_FACTOR + RAW_SLACK;
  const cutRaw = text.length > rawLimit;
  let s = cutRaw ? cutUnits(text, rawLimit) : text;

  s = s.replace(ANSI_RE, "");
  s = s.replace(LINE_BREAK_RE, "\n");
  s = s.replace(INVISIBLE_RE, "");

  s = s.replace(ROLE_LABEL_RE, (_m, role: string) => `(quoted ${role})`);
  s = s.replace(OVERRIDE_RE, "[instruction-like text removed]");
  s = s.replace(TAG_OPEN_RE, "‹");
  s = s.replace(SPECIAL_TOKEN_CLOSE_RE, "|›");
  s = s.replace(INST_RE, (_m, slash: string) => `(${slash}INST)`);
  s = s.replace(FENCE_RE, "'''");

  s = s.replace(SPACE_RUN_RE, " ");
  s = s.replace(NEWLINE_RUN_RE, " ⏎ ");
  s = s.trim();
  // A trailing or leading line-break marker carries no information.
  s = s.replace(EDGE_MARK_RE, "");

  if (s.length > max) return `${cutUnits(s, max - 1)}…`;
  if (cutRaw) return s.length < max ? `${s}…` : `${cutUnits(s, max - 1)}…`;
  return s;
}

/** Remove ANSI escape sequences (colours, cursor moves, hyperlinks). Linear; no-op without ESC. */
export function stripAnsi(text: string): string {
  return text.includes("\x1b") ? text.replace(ANSI_RE, "") : text;
}

/**
 * How much raw text to examine per output character. Stripping ANSI codes and collapsing whitespace
 * rarely shrinks real output by more than 4×; the slack covers a short text full of escape codes.
 */
const RAW_FACTOR = 4;
const RAW_SLACK = 256;

/**
 * ANSI escapes: CSI (ESC [ params final), OSC (ESC ] … BEL or ESC \), and two-byte escapes.
 * Every repetition is bounded, so a run of unterminated openers costs linear time; a stray ESC left
 * behind is removed with the other control characters.
 */
const ANSI_RE = /\x1b(?:\[[0-?]{0,64}[ -/]{0,16}[@-~]|\][^\x07\x1b]{0,512}(?:\x07|\x1b\\)|[@-Z\\-_])/g;

/** CRLF, lone CR (progress bars), and the Unicode line/paragraph separators. */
const LINE_BREAK_RE = /\r\n?|[\u2028\u2029]/g;

/**
 * Control characters (not \t or \n), DEL, C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel
 * separator, zero-width space/joiners and LRM/RLM, bidi embeddings/overrides/isolates, word joiner and
 * invisible operators, BOM, tag characters, and lone surrogates (the `u` flag makes the surrogate
 * range match only unpaired halves).
 */
const INVISIBLE_RE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}\ud800-\udfff]/gu;

/** A role label at a line start, optionally decorated as a heading, quote, list item or bracket tag. */
const ROLE_LABEL_RE =
  /^[ \t>#*[(-]{0,8}(system|assistant|user|developer|human|instructions?)[ \t]{0,4}(?:prompt)?[ \t]{0,4}[\]):]/gim;

/** "Ignore all previous instructions" and its close relatives. */
const OVERRIDE_RE =
  /\b(?:ignore|disregard|forget|override)\s{1,4}(?:(?:all|any|the|of|your)\s{1,4}){0,3}(?:previous|prior|above|earlier|preceding|former|system|original)\s{1,4}(?:instructions?|prompts?|rules|messages?|directions|context)\b/gi;

/** The "<" of anything that could parse as a tag, comment, processing instruction or special token. */
const TAG_OPEN_RE = /<(?=[/!?|A-Za-z])/g;
const SPECIAL_TOKEN_CLOSE_RE = /\|>/g;
/** Llama-style instruction brackets. */
const INST_RE = /\[(\/?)INST\]/gi;
/** Markdown code fences (three or more backticks or tildes). */
const FENCE_RE = /`{3,}|~{3,}/g;

/**
 * Runs of horizontal whitespace (tabs and Unicode spaces included) that are not already one plain
 * space; single spaces are left alone, so ordinary text produces no replacements at all.
 */
const SPACE_RUN_RE =
  /[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Line breaks with the spaces around them; linear (no overlapping repetitions). */
const NEWLINE_RUN_RE = / ?\n[\n ]*/g;
const EDGE_MARK_RE = /^⏎ ?| ?⏎$/g;
