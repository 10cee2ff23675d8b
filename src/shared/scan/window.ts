/**
 * Head + tail window of a long text, so scans cost the same for a 2 KiB and an 8 MiB output.
 *
 * Lengths are UTF-16 code units (String#length), not UTF-8 bytes: slicing by units is O(head + tail)
 * and needs no encoding pass. A cut never splits a surrogate pair (the half pair is left out).
 */
export function windowText(text: string, headBytes: number, tailBytes: number): string {
  const head = clampCount(headBytes);
  const tail = clampCount(tailBytes);
  const len = text.length;
  if (len <= head + tail) return text;
  let headEnd = head;
  if (headEnd > 0 && isHighSurrogate(text.charCodeAt(headEnd - 1))) headEnd--;
  let tailStart = len - tail;
  if (tailStart < len && isLowSurrogate(text.charCodeAt(tailStart))) tailStart++;
  const omitted = tailStart - headEnd;
  return `${text.slice(0, headEnd)}\n…[${omitted} chars omitted]…\n${text.slice(tailStart)}`;
}

/** Cut `text` to at most `max` UTF-16 units without leaving half a surrogate pair at the end. */
export function cutUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  if (end > 0 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

function clampCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
