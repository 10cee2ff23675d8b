/**
 * The task table both paths run: inline on the host thread (small inputs, poolSize 0, fallback) and
 * inside pool workers. One implementation, so inline and pooled results are identical by construction.
 */
import type { CpuTaskName, CpuWorkerData, TaskInput, TaskOutput } from "../contracts/tasks.js";
import { compileRedactor, type Redactor, redactJsonLine, redactText } from "../redact/index.js";
import { type ScanOptions, type ScanResult, scanToolOutput } from "../scan/index.js";
import { parseChecklist } from "../todos/index.js";

export interface TaskContext {
  redactor: Redactor;
  scan: ScanOptions;
}

export function createTaskContext(data: CpuWorkerData): TaskContext {
  // Issues were already reported by the host when it compiled the same options.
  return { redactor: compileRedactor(data.redactor).redactor, scan: data.scan };
}

export function executeTask<K extends CpuTaskName>(
  ctx: TaskContext,
  task: K,
  input: TaskInput<K>,
): TaskOutput<K> {
  switch (task) {
    case "redactLines": {
      const { lines } = input as TaskInput<"redactLines">;
      return { lines: lines.map((l) => redactJsonLine(ctx.redactor, l)) } as TaskOutput<K>;
    }
    case "scanOutputs": {
      const { items } = input as TaskInput<"scanOutputs">;
      const results = items.map((it): ScanResult => {
        const r = scanToolOutput(it, ctx.scan);
        return r.excerpt ? { ...r, excerpt: redactText(ctx.redactor, r.excerpt) } : r;
      });
      return { results } as TaskOutput<K>;
    }
    case "parseChecklists": {
      const { texts } = input as TaskInput<"parseChecklists">;
      return { results: texts.map((t) => parseChecklist(t)) } as TaskOutput<K>;
    }
    default:
      throw new Error(`this should not happen: unknown task ${String(task)}`);
  }
}
