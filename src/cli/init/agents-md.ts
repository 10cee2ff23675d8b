/**
 * The Atreides block in AGENTS.md, between two HTML comment markers that Markdown renders as
 * nothing. Only the text between (and including) the markers is ever changed; the separator init put
 * in front of the block is recorded so uninstall gives back the user's file byte for byte.
 */

export const START_MARKER = "<!-- atreides:start -->";
export const END_MARKER = "<!-- atreides:end -->";

export interface SectionSpan {
  /** Offset of the start marker. */
  start: number;
  /** Offset just past the end marker (not including the newline after it). */
  end: number;
}

export class MarkerError extends Error {}

/** The block's span, null when there is none; throws when the markers are unbalanced or repeated. */
export function findSection(text: string, file: string): SectionSpan | null {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start < 0 && end < 0) return null;
  const again = (m: string, at: number) => at >= 0 && text.indexOf(m, at + m.length) >= 0;
  if (start < 0 || end < 0 || end < start || again(START_MARKER, start) || again(END_MARKER, end)) {
    throw new MarkerError(
      `${file}: the ${START_MARKER} / ${END_MARKER} markers are missing one half, out of order or repeated; ` +
        "fix them by hand (keep exactly one pair, or delete both and the text between them) and run the command again",
    );
  }
  return { start, end: end + END_MARKER.length };
}

/** The full block for a section body: markers, body, newline; in the file's line-ending style. */
export function renderBlock(body: string, eol: string): string {
  const text = `${START_MARKER}\n${body.trimEnd()}\n${END_MARKER}`;
  return eol === "\n" ? text : text.replaceAll("\n", eol);
}

export const detectEol = (text: string | null): string => (text?.includes("\r\n") ? "\r\n" : "\n");

export interface SectionUpsert {
  text: string;
  /** What was put before the block when it was appended ("" when it replaced an existing block). */
  separator: string;
  /** True when an existing block was replaced in place. */
  replaced: boolean;
}

/** Append the block (after a blank line) or replace the existing one in place. */
export function upsertSection(current: string | null, body: string, file: string): SectionUpsert {
  const eol = detectEol(current);
  const block = renderBlock(body, eol);
  if (current === null || current === "") return { text: `${block}${eol}`, separator: "", replaced: false };
  const span = findSection(current, file);
  if (span) {
    return {
      text: current.slice(0, span.start) + block + current.slice(span.end),
      separator: "",
      replaced: true,
    };
  }
  const separator = current.endsWith(`${eol}${eol}`) ? "" : current.endsWith(eol) ? eol : `${eol}${eol}`;
  return { text: `${current}${separator}${block}${eol}`, separator, replaced: false };
}

/** The current block text (markers included), null when there is none. */
export function currentBlock(text: string, file: string): string | null {
  const span = findSection(text, file);
  return span ? text.slice(span.start, span.end) : null;
}

/**
 * Remove the block, the newline after it and the separator init wrote before it (when it is still
 * there), so an untouched file comes back exactly as it was before init.
 */
export function removeSection(text: string, separator: string, file: string): string {
  const span = findSection(text, file);
  if (!span) return text;
  const eol = detectEol(text);
  let end = span.end;
  if (text.startsWith(eol, end)) end += eol.length;
  let start = span.start;
  if (separator !== "" && text.slice(start - separator.length, start) === separator)
    start -= separator.length;
  return text.slice(0, start) + text.slice(end);
}
