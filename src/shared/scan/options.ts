import { type ConfigIssue, renderValue } from "../errors.js";
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from "./types.js";

/**
 * Upper bound for head/tail windows. 1 MiB each keeps a scan in the low milliseconds even for the
 * worst input; anything larger defeats the point of windowing.
 */
const MAX_WINDOW = 1 << 20;
/** An excerpt goes into the system prompt every turn; 4000 chars is already a lot of prompt. */
const MAX_EXCERPT = 4000;

const LIMITS: Readonly<Record<keyof ScanOptions, readonly [min: number, max: number]>> = {
  headBytes: [0, MAX_WINDOW],
  tailBytes: [0, MAX_WINDOW],
  excerptChars: [0, MAX_EXCERPT],
};

/**
 * Build ScanOptions from untrusted config. Bad values fall back to the default and are reported as
 * ConfigIssues (never thrown). `path` prefixes issue paths, e.g. "errorRecovery.scan".
 */
export function resolveScanOptions(
  raw: unknown,
  source: string,
  path = "scan",
): { options: ScanOptions; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const options: ScanOptions = { ...DEFAULT_SCAN_OPTIONS };
  if (raw === undefined) return { options, issues };
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    issues.push({
      source,
      path,
      received: renderValue(raw),
      expected: "an object with headBytes, tailBytes and excerptChars",
      fix: "remove the value to use the defaults, or give an object",
    });
    return { options, issues };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(LIMITS) as (keyof ScanOptions)[]) {
    const value = obj[key];
    if (value === undefined) continue;
    const [min, max] = LIMITS[key];
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      options[key] = value;
    } else {
      issues.push({
        source,
        path: `${path}.${key}`,
        received: renderValue(value),
        expected: `an integer from ${min} to ${max}`,
        fix: `use a value in range, or remove it for the default ${DEFAULT_SCAN_OPTIONS[key]}`,
      });
    }
  }
  return { options, issues };
}
