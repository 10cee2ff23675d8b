import { matchScore, todoKey } from "./key.js";
import { type ChecklistParse, MAX_TODOS, type Todo, type TodoStatus } from "./types.js";

/** Statuses that end a todo. Assistant text never re-opens them (it may be quoting an old list). */
const TERMINAL: ReadonlySet<TodoStatus> = new Set<TodoStatus>(["completed", "cancelled"]);

/**
 * Apply what the assistant wrote to the current list. Returns a new array; `current` is not mutated.
 * - A checklist item with the same todoKey as a todo sets its status, except that text cannot
 *   re-open a completed or cancelled todo.
 * - An unknown checked item ([x]) first tries to complete a matching open todo, like a completion
 *   phrase (the assistant paraphrasing its plan); an unknown item otherwise becomes a new todo.
 * - Each completion phrase completes at most one open (pending, in-progress or blocked) todo: the
 *   best match by matchScore (exact > containment > ≥50% word overlap), the first on ties.
 * The list stays within MAX_TODOS.
 */
export function mergeTodos(current: Todo[], update: ChecklistParse): { todos: Todo[]; changed: boolean } {
  const todos = current.slice();
  const keys = todos.map((t) => todoKey(t.content));
  const byKey = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!byKey.has(k)) byKey.set(k, i);
  });
  let changed = false;

  const setStatus = (i: number, status: TodoStatus): void => {
    const t = todos[i]!;
    if (t.status === status) return;
    todos[i] = { ...t, status };
    changed = true;
  };

  const completeBestMatch = (phraseKey: string): boolean => {
    let best = -1;
    let bestScore = 0;
    for (let i = 0; i < todos.length; i++) {
      if (TERMINAL.has(todos[i]!.status)) continue;
      const score = matchScore(phraseKey, keys[i]!);
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) return false;
    setStatus(best, "completed");
    return true;
  };

  for (const item of update.items) {
    const key = todoKey(item.content);
    if (key.length === 0) continue;
    const at = byKey.get(key);
    if (at !== undefined) {
      const existing = todos[at]!;
      if (!TERMINAL.has(existing.status) || TERMINAL.has(item.status)) setStatus(at, item.status);
      continue;
    }
    if (item.status === "completed" && completeBestMatch(key)) continue;
    if (todos.length >= MAX_TODOS) continue;
    byKey.set(key, todos.length);
    keys.push(key);
    todos.push(item.priority === undefined ? { content: item.content, status: item.status } : { ...item });
    changed = true;
  }

  for (const phrase of update.completions) {
    const key = todoKey(phrase);
    if (key.length > 0) completeBestMatch(key);
  }

  return { todos: changed ? todos : current, changed };
}

/** Todos still to do: pending and in progress. Blocked, cancelled and completed ones are not. */
export function pendingTodos(todos: Todo[]): Todo[] {
  return todos.filter((t) => t.status === "pending" || t.status === "in_progress");
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Short, stable string that changes when the list changes: todo count plus a 32-bit FNV-1a hash of
 * each todo's key and status, in order. Same list → same string across processes; priority and
 * differences that todoKey ignores (case, spacing, trailing punctuation) do not count as changes.
 */
export function todosFingerprint(todos: Todo[]): string {
  let h = FNV_OFFSET;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, FNV_PRIME);
    }
  };
  for (const t of todos) {
    mix(todoKey(t.content));
    mix("\u0001");
    mix(t.status);
    mix("\u0002");
  }
  return `${todos.length.toString(36)}-${(h >>> 0).toString(16).padStart(8, "0")}`;
}
