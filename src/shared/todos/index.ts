export { parseChecklist } from "./checklist.js";
export { todoKey } from "./key.js";
export { mergeTodos, pendingTodos, todosFingerprint } from "./merge.js";
export { normalizeStatus, normalizeTodos } from "./normalize.js";
export {
  type ChecklistParse,
  MAX_CHECKLIST_SCAN,
  MAX_TODO_CONTENT,
  MAX_TODOS,
  type Todo,
  type TodoStatus,
} from "./types.js";
