/**
 * Identity and similarity of todo texts. Keys decide "same todo"; word sets decide "probably the
 * todo this completion phrase is about".
 */

/** Longest text a key is computed from; todo contents are capped at 500 already. */
const MAX_KEY_SOURCE = 1000;

const SPACE_RUN_RE = /\s+/g;
/** Leading emphasis markers: "**Fix bug**", "_x_", "~~x~~". Backticks stay: they mark code. */
const LEADING_RE = /^[\s*_~]+/;
/**
 * Trailing sentence punctuation and emphasis markers, so "Fix the bug.", "**fix the bug**!" and
 * "fix the bug" are one todo. Trimmed with a loop: a `[…]+$` regex re-scans every run that is not
 * at the end, which is quadratic on text full of dots.
 */
const TRAILING_CHARS: ReadonlySet<string> = new Set([..." \t\n\r.!?,;:…*_~"]);

function trimTrailing(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING_CHARS.has(s[end - 1]!)) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Normalised identity: lower case, whitespace collapsed, emphasis and trailing punctuation removed. */
export function todoKey(content: string): string {
  const src = content.length > MAX_KEY_SOURCE ? content.slice(0, MAX_KEY_SOURCE) : content;
  return trimTrailing(src.toLowerCase().replace(SPACE_RUN_RE, " ").replace(LEADING_RE, ""));
}

/** Words shorter than this carry little meaning ("a", "to", "of"). */
const MIN_WORD = 3;

/** Frequent words of 3+ letters that would inflate overlap between unrelated todos. */
const STOPWORDS: ReadonlySet<string> = new Set([
  "the",
  "and",
  "for",
  "with",
  "from",
  "into",
  "that",
  "this",
  "all",
  "are",
  "was",
  "has",
  "have",
  "its",
  "our",
  "you",
  "your",
  "now",
  "then",
]);

const WORD_SPLIT_RE = /[^\p{L}\p{N}]+/u;

/** Distinct meaningful words of a key. */
export function keyWords(key: string): Set<string> {
  const out = new Set<string>();
  for (const w of key.split(WORD_SPLIT_RE)) {
    if (w.length >= MIN_WORD && !STOPWORDS.has(w)) out.add(w);
  }
  return out;
}

/** Containment only counts when the shorter text is at least this long ("ui" is inside everything). */
const MIN_CONTAINED = 4;
/** Share of the smaller word set that must be shared for a fuzzy match. */
const MIN_OVERLAP = 0.5;
/** Words that must be shared when the smaller text has at least this many. */
const MIN_SHARED_WORDS = 2;

/**
 * How well a completion phrase matches a todo, 0 = not at all. Exact key 4 > containment 3 >
 * word overlap (1.5–2, by ratio): ≥50% of the smaller set of meaningful words, and at least two
 * shared words unless the smaller set has only one. Both arguments are keys.
 */
export function matchScore(phraseKey: string, todoKeyValue: string): number {
  if (phraseKey.length === 0 || todoKeyValue.length === 0) return 0;
  if (phraseKey === todoKeyValue) return 4;
  const shorter = phraseKey.length <= todoKeyValue.length ? phraseKey : todoKeyValue;
  const longer = shorter === phraseKey ? todoKeyValue : phraseKey;
  if (shorter.length >= MIN_CONTAINED && longer.includes(shorter)) return 3;
  const a = keyWords(phraseKey);
  const b = keyWords(todoKeyValue);
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size === 0) return 0;
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  const ratio = shared / small.size;
  // One shared word between multi-word texts ("tests for the API" vs "write unit tests for the
  // loader") is coincidence, not identity: completing the wrong todo makes the agent stop early.
  if (shared < Math.min(MIN_SHARED_WORDS, small.size)) return 0;
  return ratio >= MIN_OVERLAP ? 1 + ratio : 0;
}
