/**
 * Small string helpers for subjects and reasons: one line, bounded, control characters removed.
 */
import { MAX_WHAT_OBJECT } from "./limits.js";

// C0/C1 controls, DEL and the Unicode line/paragraph separators: never let them into a one-line message.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const SPACES = /\s+/g;
// Anything oneLine would change: controls, any whitespace other than a single inner space.
const NEEDS_CLEANING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\s\s|[^\S ]/;

/** Cut to `max` chars, ending with "…" when cut. */
export function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Whitespace and controls collapsed to single spaces, trimmed. Input is cut first so the work stays bounded. */
export function oneLine(s: string, max: number): string {
  const head = s.length > max * 4 ? s.slice(0, max * 4) : s;
  if (head[0] !== " " && head[head.length - 1] !== " " && !NEEDS_CLEANING.test(head)) return clip(head, max);
  return clip(head.replace(CONTROL, " ").replace(SPACES, " ").trim(), max);
}

/** A value named inside a reason: one line, short, in double quotes. */
export function q(s: string): string {
  return `"${oneLine(s, MAX_WHAT_OBJECT).replace(/"/g, "'")}"`;
}

/** Last path component ("/usr/bin/rm" → "rm"); the input itself when it has no slash. */
export function baseName(p: string): string {
  const trimmed = p.endsWith("/") ? p.replace(/\/+$/, "") : p;
  const i = trimmed.lastIndexOf("/");
  return i < 0 ? trimmed : trimmed.slice(i + 1);
}
