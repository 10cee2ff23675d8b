/**
 * The contract between the host thread and the CPU pool (piscina). Each task takes a batch, so many
 * small items cost one round trip. Inputs and outputs cross as one msgpackr buffer that is
 * transferred, never structured-cloned (a two-byte string costs ~2 ms per 64 KiB to post).
 */
import type { RedactorOptions } from "../redact/index.js";
import type { ScanInput, ScanOptions, ScanResult } from "../scan/index.js";
import type { ChecklistParse } from "../todos/index.js";

export interface CpuTaskMap {
  /** Redact serialised JSON records (log lines, state bodies). */
  redactLines: { input: { lines: string[] }; output: { lines: string[] } };
  /** Error-scan tool outputs; excerpts come back sanitised and redacted. */
  scanOutputs: { input: { items: ScanInput[] }; output: { results: ScanResult[] } };
  /** Parse markdown checklists and completion phrases out of assistant text. */
  parseChecklists: { input: { texts: string[] }; output: { results: ChecklistParse[] } };
}

export type CpuTaskName = keyof CpuTaskMap;
export type TaskInput<K extends CpuTaskName> = CpuTaskMap[K]["input"];
export type TaskOutput<K extends CpuTaskName> = CpuTaskMap[K]["output"];

export const CPU_TASK_NAMES: readonly CpuTaskName[] = ["redactLines", "scanOutputs", "parseChecklists"];

/** What piscina's worker receives: the task name and the packed input (transferred). */
export interface CpuWireRequest {
  task: CpuTaskName;
  payload: Uint8Array;
}

/** Passed once as piscina workerData: everything a worker needs to compile its rule tables. */
export interface CpuWorkerData {
  redactor: RedactorOptions;
  scan: ScanOptions;
}
