/** Shared helpers for the redaction tests: fixture loading and the redactor the corpora assume. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileRedactor, type Redactor } from "../../../src/shared/redact/index.js";

/** The home directory and custom patterns the corpora were written for. */
export const CORPUS_OPTIONS = {
  homeDir: "/home/jdoe",
  customPatterns: ["ACME-[0-9]{6}", "(?i)internal-ticket-\\d+"],
};

export function corpusRedactor(): Redactor {
  const { redactor, issues } = compileRedactor(CORPUS_OPTIONS);
  if (issues.length > 0) throw new Error(`corpus options rejected: ${JSON.stringify(issues)}`);
  return redactor;
}

/** tests/fixtures/redact, found from either the source tree or a build output directory. */
export function fixtureDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "tests", "fixtures", "redact");
    if (existsSync(join(candidate, "must-redact.jsonl"))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error("tests/fixtures/redact not found above the test file");
    dir = up;
  }
}

export interface RedactSample {
  text: string;
  secret: string;
  kind: string;
}
export interface KeepSample {
  text: string;
  kind: string;
}

export function readJsonl<T>(name: string): T[] {
  return readFileSync(join(fixtureDir(), name), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as T);
}

/** The same redactor with every prefilter disabled: results must be identical. */
export function withoutPrefilters(r: Redactor): Redactor {
  return {
    ...r,
    minLength: 0,
    trigger: null,
    rules: r.rules.map((rule) => ({ ...rule, gate: null })),
  };
}
