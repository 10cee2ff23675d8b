import { todoKey } from "./key.js";
import { cleanContent } from "./normalize.js";
import {
  type ChecklistParse,
  MAX_CHECKLIST_SCAN,
  MAX_COMPLETIONS,
  MAX_TODOS,
  type Todo,
  type TodoStatus,
} from "./types.js";

/**
 * A checkbox list item: indentation, a bullet (-, *, +, or "1." / "1)"), a box, at least one space,
 * then the text. Every repetition is bounded or unambiguous, so one line costs linear time.
 * Boxes: "[ ]" (any spaces, or none) pending; x X ✓ ✔ completed; - ~ / in progress; ! blocked.
 */
const CHECK_RE = /^[ \t]{0,40}(?:[-*+]|\d{1,4}[.)])[ \t]{0,8}\[( {0,4}|[xX✓✔~!/-])\][ \t]+(\S.*)$/;

const BOX_STATUS: ReadonlyMap<string, TodoStatus> = new Map<string, TodoStatus>([
  ["x", "completed"],
  ["X", "completed"],
  ["✓", "completed"],
  ["✔", "completed"],
  ["-", "in_progress"],
  ["~", "in_progress"],
  ["/", "in_progress"],
  ["!", "blocked"],
]);

/** Text struck through as a whole ("~~drop IE support~~") means the item was cancelled. */
const STRUCK_RE = /^~~(.+)~~$/;

/** A fence opener/closer: up to 3 spaces, then 3+ backticks or tildes (CommonMark). */
const FENCE_RE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Completion phrases. Only past or settled forms count ("completed", "marked … as done"), never
 * plans ("I will complete …"), and a negation right before the verb ("not yet completed",
 * "haven't finished") disqualifies. Quoted text is 1–200 chars and stops at a quote or line end.
 * Groups: 1 = verb "X", 2 = task "X" is done, 3 = marked "X" as done, 4 = ✅ X.
 */
const NEG = String.raw`(?<!\bnot\s{1,4}|\bnot\s{1,4}yet\s{1,4}|n['’]t\s{1,4}|\bnever\s{1,4})`;
const QUOTED = String.raw`["“]([^"“”\n]{1,200})["”]`;
const DONE_WORD = String.raw`(?:completed?|finished|done)\b`;
const COMPLETION_RE = new RegExp(
  [
    String.raw`${NEG}\b(?:completed|finished|resolved|addressed|fixed|done\s{1,4}with)\s{1,4}(?:the\s{1,4})?(?:(?:task|todo|item)\s{1,4})?${QUOTED}`,
    String.raw`\b(?:task|todo|item)\s{1,4}${QUOTED}\s{1,4}(?:is\s{1,4}|was\s{1,4}|has\s{1,4}been\s{1,4})?(?:now\s{1,4})?${DONE_WORD}`,
    String.raw`${NEG}\bmark(?:ed|ing)\s{1,4}${QUOTED}\s{1,4}(?:as\s{1,4})?${DONE_WORD}`,
    String.raw`✅[ \t]{0,4}([^\n]{1,200})`,
  ].join("|"),
  "gi",
);

/** Cheap line test before the completion regex: every phrase has a quote or the ✅ mark. */
const COMPLETION_HINT_RE = /["“✅]/;

/** Phrases whose key is this short or shorter say nothing ("it", "all"). */
const MIN_PHRASE_KEY = 3;

/**
 * Checklist items and completion phrases from assistant text. Lines inside ``` / ~~~ fences are
 * ignored (code, logs and examples are not the assistant's plan). Scans at most MAX_CHECKLIST_SCAN
 * units and returns at most MAX_TODOS items and MAX_COMPLETIONS phrases.
 */
export function parseChecklist(text: string): ChecklistParse {
  const items: Todo[] = [];
  const completions: string[] = [];
  if (typeof text !== "string" || text.length === 0) return { items, completions };
  const src = text.length > MAX_CHECKLIST_SCAN ? text.slice(0, MAX_CHECKLIST_SCAN) : text;
  const itemIndex = new Map<string, number>();
  const seenPhrases = new Set<string>();
  let fence: string | null = null;

  for (let pos = 0; pos < src.length; ) {
    let nl = src.indexOf("\n", pos);
    if (nl < 0) nl = src.length;
    let line = src.slice(pos, nl);
    pos = nl + 1;
    if (line.endsWith("\r")) line = line.slice(0, -1);

    const f = FENCE_RE.exec(line);
    if (f !== null) {
      const marker = f[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;

    // Called even when items are full: a later line may still update an item already listed.
    addItem(line, items, itemIndex);
    if (completions.length < MAX_COMPLETIONS && COMPLETION_HINT_RE.test(line)) {
      addCompletions(line, completions, seenPhrases);
    }
  }
  return { items, completions };
}

function addItem(line: string, items: Todo[], itemIndex: Map<string, number>): void {
  const m = CHECK_RE.exec(line);
  if (m === null) return;
  let status = BOX_STATUS.get(m[1]!) ?? "pending";
  let raw = m[2]!.trimEnd();
  const struck = STRUCK_RE.exec(raw);
  if (struck !== null) {
    raw = struck[1]!;
    status = "cancelled";
  }
  const content = cleanContent(raw);
  const key = todoKey(content);
  if (key.length === 0) return;
  const at = itemIndex.get(key);
  if (at !== undefined) {
    // A later mention in the same message is the newer state.
    items[at] = { content, status };
  } else if (items.length < MAX_TODOS) {
    itemIndex.set(key, items.length);
    items.push({ content, status });
  }
}

function addCompletions(line: string, completions: string[], seen: Set<string>): void {
  COMPLETION_RE.lastIndex = 0;
  for (let m = COMPLETION_RE.exec(line); m !== null; m = COMPLETION_RE.exec(line)) {
    const phrase = cleanContent(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
    const key = todoKey(phrase);
    if (key.length > MIN_PHRASE_KEY && !seen.has(key)) {
      seen.add(key);
      completions.push(phrase);
      if (completions.length >= MAX_COMPLETIONS) break;
    }
  }
  COMPLETION_RE.lastIndex = 0;
}
