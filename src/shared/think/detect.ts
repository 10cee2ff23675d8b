/**
 * Think-mode trigger detection in the user's message.
 *
 * Rules (simple on purpose, so users can predict them):
 * 1. Matching is case-insensitive on whole words: a trigger phrase matches a run of consecutive
 *    words ("think  HARD" matches "think hard"; "rethink" and "thinking" do not match "think").
 * 2. Text inside code is ignored: fenced blocks (``` or ~~~) and inline `code` spans.
 * 3. A trigger whose first word is "think" is ordinary English ("I think the bug is…", "what do
 *    you think?"), so it only counts in command position: at the start of the message, a line or
 *    a clause (after . ! ? ; : , ( [ - * > / #), optionally after up to two lead-in words such as
 *    "please", "now", "and", "so" or "ok". It also counts when followed directly by ":"
 *    ("…and think: what could break?").
 * 4. Any other trigger ("ultrathink", "megathink", or a custom one) is a coined word, so it counts
 *    anywhere outside code.
 * 5. When several triggers match, the highest level wins (max > hard > think).
 */
import type { ThinkLevel, ThinkOptions } from "./types.js";

/** Triggers are typed by the user at the top or as a one-line instruction; the rest of a long
 * message is usually pasted logs or code. Scanning only the head bounds the cost per message. */
export const MAX_THINK_SCAN_CHARS = 16 * 1024;

// Backtick/tilde runs are captured through a lookahead, which makes them atomic: the engine cannot
// backtrack into a run of 10 000 backticks one character at a time (that was quadratic).
const FENCED_BLOCK = /^[ \t]*(?=(`{3,}|~{3,}))\1[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;
const INLINE_CODE = /(?<!`)(?=(`+))\1(?!`)[^`\n]+\1(?!`)/g;
/** Words (letters, digits, inner apostrophes/hyphens) or single punctuation marks or newlines. */
const TOKEN = /[\p{L}\p{N}_]+(?:['’-][\p{L}\p{N}_]+)*|\n|[^\s\p{L}\p{N}_]/gu;
const WHITESPACE = /\s+/;
const WORD_START = /^[\p{L}\p{N}_]/u;

/** Punctuation after which a new clause (command position) starts. */
const CLAUSE_START = new Set([
  ".",
  "!",
  "?",
  ";",
  ":",
  ",",
  "(",
  "[",
  "-",
  "*",
  ">",
  "/",
  "#",
  "\n",
  "•",
  "—",
]);
/** Words that may stand between the clause start and a "think…" trigger. */
const LEAD_INS = new Set([
  "please",
  "pls",
  "plz",
  "now",
  "also",
  "and",
  "so",
  "then",
  "ok",
  "okay",
  "just",
  "but",
]);

const LEVELS_HIGH_FIRST: readonly Exclude<ThinkLevel, "off">[] = ["max", "hard", "think"];
const RANK: Readonly<Record<ThinkLevel, number>> = { off: 0, think: 1, hard: 2, max: 3 };

interface Token {
  text: string;
  word: boolean;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const t = m[0];
    const word = WORD_START.test(t);
    out.push({ text: word ? t.toLowerCase() : t, word });
  }
  return out;
}

/** Lead-in words allowed between a clause start and a "think…" trigger ("ok so think hard"). */
const MAX_LEAD_INS = 2;

/** True when the word at index i starts a clause (rule 3). */
function atClauseStart(tokens: readonly Token[], i: number): boolean {
  let j = i - 1;
  for (let n = 0; n < MAX_LEAD_INS; n++) {
    const t = tokens[j];
    if (t === undefined || !t.word || !LEAD_INS.has(t.text)) break;
    j--;
  }
  const prev = tokens[j];
  return prev === undefined || (!prev.word && CLAUSE_START.has(prev.text));
}

function matchesAt(tokens: readonly Token[], i: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const t = tokens[i + k];
    if (t === undefined || !t.word || t.text !== phrase[k]) return false;
  }
  return true;
}

/** Remove code so that triggers inside it are not seen; a block becomes a line break. */
export function stripCode(text: string): string {
  return text.replace(FENCED_BLOCK, "\n").replace(INLINE_CODE, " code ");
}

function phrasesOf(list: readonly string[] | undefined): string[][] {
  const out: string[][] = [];
  for (const raw of list ?? []) {
    if (typeof raw !== "string") continue;
    const words = raw
      .toLowerCase()
      .trim()
      .split(WHITESPACE)
      .filter((w) => w.length > 0);
    if (words.length > 0) out.push(words);
  }
  return out;
}

/** The think level requested by the user's message; "off" when no trigger matches. Never throws. */
export function detectThinkLevel(userText: string, opts: ThinkOptions): ThinkLevel {
  if (typeof userText !== "string" || userText.length === 0) return "off";
  const head = userText.length > MAX_THINK_SCAN_CHARS ? userText.slice(0, MAX_THINK_SCAN_CHARS) : userText;
  const tokens = tokenize(stripCode(head));
  let best: ThinkLevel = "off";
  for (const level of LEVELS_HIGH_FIRST) {
    if (RANK[level] <= RANK[best]) break;
    for (const phrase of phrasesOf(opts?.triggers?.[level])) {
      if (found(tokens, phrase)) {
        best = level;
        break;
      }
    }
  }
  return best;
}

function found(tokens: readonly Token[], phrase: readonly string[]): boolean {
  const guarded = phrase[0] === "think";
  for (let i = 0; i < tokens.length; i++) {
    if (!matchesAt(tokens, i, phrase)) continue;
    if (!guarded) return true;
    if (atClauseStart(tokens, i)) return true;
    const after = tokens[i + phrase.length];
    if (after !== undefined && !after.word && after.text === ":") return true;
  }
  return false;
}
