export type TodoStatus = "pending" | "in_progress" | "completed" | "cancelled" | "blocked";

export interface Todo {
  content: string;
  status: TodoStatus;
  priority?: string;
}

export interface ChecklistParse {
  /** Checkbox items found outside code fences, in order, one per todoKey (the last mention wins). */
  items: Todo[];
  /** Todo texts the assistant says it finished ("completed "X"", "✅ X"), in order, deduplicated. */
  completions: string[];
}

/**
 * A session's todo list never grows past this. OpenCode's own lists are a handful of items; 200
 * leaves room for long plans while keeping merge (items × todos) and fingerprinting cheap.
 */
export const MAX_TODOS = 200;

/** Longest todo content kept. A todo is a line of intent, not a document; 500 fits any real one. */
export const MAX_TODO_CONTENT = 500;

/** Longest priority label kept ("high", "medium", "low", "p1" …). */
export const MAX_PRIORITY = 32;

/**
 * Assistant text examined by parseChecklist. Checklists sit in ordinary replies (a few KiB); 64 KiB
 * bounds the work for a pathological message while covering any real one.
 */
export const MAX_CHECKLIST_SCAN = 64 * 1024;

/** Completion phrases kept per parse; as many as there can be todos. */
export const MAX_COMPLETIONS = MAX_TODOS;
