/**
 * File names the I/O service owns. Stems come from sessionFileStem ([A-Za-z0-9_-], never a dot),
 * so the first dot in a name always starts a suffix and no owned name can be confused with another.
 * Retention deletes only names these matchers accept.
 */
import { STATE_FILE_EXT } from "../state/file-format.js";

export const LOG_FILE_EXT = ".jsonl";

const LOG_FILE = /^([A-Za-z0-9_-]+)(?:\.(\d+))?\.jsonl$/;
const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const STATE_FILE = new RegExp(`^[A-Za-z0-9_-]+${STATE_FILE_EXT.replace(REGEX_SPECIAL, "\\$&")}$`);
// ".<stem>.<pid>-<random hex>.<counter>.tmp" (see stateTempFileName).
const TEMP_FILE = /^\.[A-Za-z0-9_-]+\.\d+-[0-9a-f]+\.\d+\.tmp$/;

export function logFileName(stem: string): string {
  return `${stem}${LOG_FILE_EXT}`;
}

export function rotatedLogFileName(stem: string, n: number): string {
  return `${stem}.${n}${LOG_FILE_EXT}`;
}

export function stateFileName(stem: string): string {
  return `${stem}${STATE_FILE_EXT}`;
}

/** Unique per process, service instance and save: two writers never share a temp file. */
export function stateTempFileName(stem: string, tag: string, n: number): string {
  return `.${stem}.${tag}.${n}.tmp`;
}

/** { stem, rotation } for "<stem>.jsonl" (rotation null) and "<stem>.<n>.jsonl"; null otherwise. */
export function parseLogFileName(name: string): { stem: string; rotation: number | null } | null {
  const m = LOG_FILE.exec(name);
  if (!m) return null;
  return { stem: m[1]!, rotation: m[2] === undefined ? null : Number(m[2]) };
}

export function isLogFileName(name: string): boolean {
  return LOG_FILE.test(name);
}

export function isStateFileName(name: string): boolean {
  return STATE_FILE.test(name);
}

export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}
