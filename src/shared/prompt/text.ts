/**
 * Text hygiene for anything interpolated into a prompt: caps that never split a surrogate pair,
 * removal of control and invisible characters, and neutralised HTML-comment markers so that no
 * field can forge or close the block markers ("<!-- END ATREIDES STATE -->").
 */

/** C0/C1 controls, zero-width and bidi controls, line/paragraph separators, BOM. Tab and LF are
 * handled separately by each caller. */
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const WHITESPACE_RUN = /\s+/g;
const CRLF = /\r\n?/g;
const COMMENT_OPEN = /<!--/g;
const COMMENT_CLOSE = /-->/g;
const BACKTICK_RUN = /`+/g;
const BLANK_LINES = /\n{3,}/g;

const ELLIPSIS = "…";

/** Cut to at most `max` UTF-16 units, ending in "…" when anything was cut. */
export function capChars(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return "";
  let end = max - ELLIPSIS.length;
  // Never leave half of a surrogate pair behind.
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, Math.max(0, end)) + ELLIPSIS;
}

function neutraliseMarkers(s: string): string {
  return s.replace(COMMENT_OPEN, "<! --").replace(COMMENT_CLOSE, "-- >");
}

/**
 * One line of plain text, at most `max` units. Only the head (a few times `max`) is looked at, so a
 * huge input costs no more than a small one.
 */
export function inlineText(value: unknown, max: number): string {
  const raw = typeof value === "string" ? value : value == null ? "" : String(value);
  const head = raw.length > max * 4 + 16 ? raw.slice(0, max * 4 + 16) : raw;
  const clean = neutraliseMarkers(head.replace(INVISIBLE, " ").replace(WHITESPACE_RUN, " ").trim());
  return capChars(clean, max);
}

/** Multi-line text (line breaks kept, at most one blank line in a row), at most `max` units. */
export function blockText(value: unknown, max: number): string {
  const raw = typeof value === "string" ? value : value == null ? "" : String(value);
  const head = raw.length > max * 4 + 16 ? raw.slice(0, max * 4 + 16) : raw;
  const clean = neutraliseMarkers(
    head.replace(CRLF, "\n").replace(INVISIBLE, " ").replace(BLANK_LINES, "\n\n").trim(),
  );
  return capChars(clean, max);
}

/** A backtick fence longer than any backtick run inside `s`, so `s` cannot close it early. */
export function fenceFor(s: string): string {
  let longest = 0;
  for (const m of s.matchAll(BACKTICK_RUN)) longest = Math.max(longest, m[0].length);
  return "`".repeat(Math.max(3, longest + 1));
}

/** UTF-8 byte length without allocating (the size providers and caches see). */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
