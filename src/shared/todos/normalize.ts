import { MAX_PRIORITY, MAX_TODO_CONTENT, MAX_TODOS, type Todo, type TodoStatus } from "./types.js";

/**
 * Items examined per call. Junk items are skipped, but a list of a million junk entries must not
 * cost a million iterations; 5× the todo cap leaves plenty of room for a few bad items.
 */
const MAX_EXAMINED = MAX_TODOS * 5;

/** A JSON string (todowrite output) is parsed only up to this size; larger is not a todo list. */
const MAX_JSON = 256 * 1024;

/** Spellings seen across tools and models, mapped to the five statuses. Anything else is pending. */
const STATUS_ALIASES: ReadonlyMap<string, TodoStatus> = new Map<string, TodoStatus>([
  ["pending", "pending"],
  ["todo", "pending"],
  ["open", "pending"],
  ["not_started", "pending"],
  ["in_progress", "in_progress"],
  ["inprogress", "in_progress"],
  ["active", "in_progress"],
  ["doing", "in_progress"],
  ["started", "in_progress"],
  ["completed", "completed"],
  ["complete", "completed"],
  ["done", "completed"],
  ["finished", "completed"],
  ["cancelled", "cancelled"],
  ["canceled", "cancelled"],
  ["abandoned", "cancelled"],
  ["skipped", "cancelled"],
  ["blocked", "blocked"],
  ["on_hold", "blocked"],
  ["waiting", "blocked"],
]);

const STATUS_SEP_RE = /[\s-]+/g;

export function normalizeStatus(raw: unknown): TodoStatus {
  if (typeof raw !== "string" || raw.length > 40) return "pending";
  return STATUS_ALIASES.get(raw.trim().toLowerCase().replace(STATUS_SEP_RE, "_")) ?? "pending";
}

/** Control and invisible format characters; todo text is shown to humans and models. */
const INVISIBLE_RE =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const SPACE_RUN_RE = /\s+/g;

/** Clean and cap a todo text: invisibles removed, whitespace collapsed, at most MAX_TODO_CONTENT. */
export function cleanContent(raw: string): string {
  // Cap before the regex passes so a huge string costs no more than a long todo.
  const src = raw.length > MAX_TODO_CONTENT * 4 ? raw.slice(0, MAX_TODO_CONTENT * 4) : raw;
  const s = src.replace(INVISIBLE_RE, "").replace(SPACE_RUN_RE, " ").trim();
  if (s.length <= MAX_TODO_CONTENT) return s;
  let end = MAX_TODO_CONTENT - 1;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/**
 * Todos from OpenCode's todo.updated `properties.todos`, todowrite args or metadata
 * (`[{content, status, priority}]`, no id), an object holding such a `todos` array, or the JSON text
 * of either. Bad items are skipped; at most MAX_TODOS are returned.
 */
export function normalizeTodos(raw: unknown): Todo[] {
  const list = extractList(raw, 0);
  const out: Todo[] = [];
  const n = Math.min(list.length, MAX_EXAMINED);
  for (let i = 0; i < n && out.length < MAX_TODOS; i++) {
    const todo = normalizeItem(list[i]);
    if (todo !== null) out.push(todo);
  }
  return out;
}

function extractList(raw: unknown, depth: number): readonly unknown[] {
  if (Array.isArray(raw)) return raw;
  if (depth > 1) return [];
  if (typeof raw === "string") {
    const t = raw.trimStart();
    if (t.length > MAX_JSON || (t[0] !== "[" && t[0] !== "{")) return [];
    try {
      return extractList(JSON.parse(t), depth + 1);
    } catch {
      return [];
    }
  }
  if (raw !== null && typeof raw === "object") {
    return extractList((raw as { todos?: unknown }).todos, depth + 1);
  }
  return [];
}

function normalizeItem(item: unknown): Todo | null {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return null;
  const o = item as Record<string, unknown>;
  const text = firstString(o.content, o.text, o.description, o.title);
  if (text === null) return null;
  const content = cleanContent(text);
  if (content.length === 0) return null;
  const todo: Todo = { content, status: normalizeStatus(o.status) };
  if (typeof o.priority === "string") {
    const p = o.priority.trim();
    if (p.length > 0) todo.priority = p.slice(0, MAX_PRIORITY);
  }
  return todo;
}

function firstString(...values: unknown[]): string | null {
  for (const v of values) if (typeof v === "string") return v;
  return null;
}
