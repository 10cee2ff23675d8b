/**
 * Intent classification of the user's first message by keyword scoring.
 *
 * Each keyword is matched as a whole word or phrase (never as a substring: "prefix" is not "fix",
 * "latest" is not "test"), case-insensitively, with its common inflections. Strong keywords weigh
 * 2, weak ones 1; the intent with the highest total wins. Ties go to the intent declared first in
 * INTENT_ORDER, which puts "feature" before "bugfix" so "add error handling" (add 1, error 1)
 * reads as a feature, and the specific intents before the vague "exploration".
 */
import type { Intent } from "./types.js";

/** Only the head of a message is scored: a request states its goal up front, and pasted logs or
 * code further down would otherwise drown it. 4 KiB is a long paragraph of prose. */
export const MAX_INTENT_CHARS = 4 * 1024;

/** Keyword sources are regex fragments (already lower-case); inflections are spelled out. */
interface KeywordSet {
  intent: Exclude<Intent, "unknown">;
  strong: readonly string[];
  weak: readonly string[];
}

const KEYWORDS: readonly KeywordSet[] = [
  {
    intent: "feature",
    strong: ["implement(?:s|ed|ing)?", "new feature", "add support for", "feature request"],
    weak: [
      "add(?:s|ed|ing)?",
      "create(?:s|d)?",
      "creating",
      "build (?:a|an|the) new",
      "introduce",
      "feature",
      "develop",
    ],
  },
  {
    intent: "bugfix",
    strong: [
      "fix(?:es|ed|ing)?",
      "bug(?:s|gy)?",
      "broken",
      "crash(?:es|ed|ing)?",
      "not working",
      "regression",
    ],
    weak: ["error(?:s)?", "issue(?:s)?", "fail(?:s|ed|ing|ure|ures)?", "wrong", "exception", "doesn'?t work"],
  },
  {
    intent: "refactor",
    strong: ["refactor(?:s|ed|ing)?", "clean(?:ing)? up", "restructur(?:e|ed|ing)", "reorganiz(?:e|ed|ing)"],
    weak: [
      "simplif(?:y|ied|ies)",
      "optimi[sz](?:e|ed|ing)",
      "improve",
      "rename",
      "extract",
      "dedupe",
      "tidy",
    ],
  },
  {
    intent: "documentation",
    strong: [
      "document(?:s|ed|ing|ation)?",
      "docs",
      "readme",
      "jsdoc",
      "tsdoc",
      "docstring(?:s)?",
      "changelog",
    ],
    weak: ["comment(?:s)?", "guide", "tutorial"],
  },
  {
    intent: "test",
    strong: ["tests?", "unit tests?", "integration tests?", "e2e", "coverage", "test cases?", "specs?"],
    weak: ["testing", "assert(?:ion|ions)?", "mock(?:s)?", "fixture(?:s)?"],
  },
  {
    intent: "config",
    strong: ["config(?:s|uration)?", "configure", "settings", "setup", "set up", "tsconfig", "eslintrc"],
    weak: ["env(?:ironment)?", "\\.json", "\\.ya?ml", "\\.toml", "ci", "pipeline", "dockerfile"],
  },
  {
    intent: "exploration",
    strong: [
      "how (?:does|do|is)",
      "explain(?:s|ed|ing)?",
      "what is",
      "what are",
      "where is",
      "show me",
      "understand",
    ],
    weak: ["find", "search", "where", "why", "overview", "walk me through", "look at"],
  },
];

// A word boundary that also works next to "." (for ".json") and apostrophes: the neighbour must
// not be a letter, digit or underscore.
const compile = (parts: readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}_])(?:${parts.join("|")})(?![\\p{L}\\p{N}_])`, "giu");

interface CompiledSet {
  intent: Exclude<Intent, "unknown">;
  strong: RegExp;
  weak: RegExp;
}

/** Compiled once at module load. */
const COMPILED: readonly CompiledSet[] = KEYWORDS.map((k) => ({
  intent: k.intent,
  strong: compile(k.strong),
  weak: compile(k.weak),
}));

const STRONG_WEIGHT = 2;
const WEAK_WEIGHT = 1;

function count(re: RegExp, text: string): number {
  // matchAll works on a clone of the regex, so the shared lastIndex is never touched.
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/** Score a user message; "unknown" when no keyword matches. Never throws. */
export function classifyIntent(userText: string): Intent {
  if (typeof userText !== "string" || userText.length === 0) return "unknown";
  const text = userText.slice(0, MAX_INTENT_CHARS).toLowerCase();
  let best: Intent = "unknown";
  let bestScore = 0;
  for (const set of COMPILED) {
    const score = count(set.strong, text) * STRONG_WEIGHT + count(set.weak, text) * WEAK_WEIGHT;
    // Strictly greater: on a tie the earlier set (declaration order) keeps the win.
    if (score > bestScore) {
      best = set.intent;
      bestScore = score;
    }
  }
  return best;
}
