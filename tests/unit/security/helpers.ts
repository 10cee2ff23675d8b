/**
 * Shared helpers for the security tests: the standard test policy and the corpus reader.
 * homeDir / projectDir are fake strings; nothing touches the real file system except the
 * read-only corpus files.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  compileSecurityPolicy,
  evaluateToolCall,
  type SecurityOptions,
  type SecurityPolicy,
  type SecurityVerdict,
} from "../../../src/shared/security/index.js";

export const HOME = "/home/tester";
export const PROJECT = "/home/tester/project";

export function options(extra: Partial<SecurityOptions> = {}): SecurityOptions {
  return {
    blockedPatterns: [],
    askPatterns: [],
    allowPatterns: [],
    blockedFiles: [],
    homeDir: HOME,
    projectDir: PROJECT,
    ...extra,
  };
}

export function policy(extra: Partial<SecurityOptions> = {}): SecurityPolicy {
  const { policy: p, issues } = compileSecurityPolicy(options(extra), "test");
  if (issues.length > 0 && Object.keys(extra).length === 0)
    throw new Error(`unexpected issues: ${JSON.stringify(issues)}`);
  return p;
}

export interface CorpusCase {
  line: number;
  text: string;
  tool: string;
  args: unknown;
}

const TOOL_LINE = /^([a-z_]+)\t(\{.*\})$/;

/** tests/fixtures/security, found from the source tree or any build output directory. */
function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "tests", "fixtures", "security");
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error("tests/fixtures/security not found above the test file");
    dir = up;
  }
}

/** Parse a corpus file: "#" comments, "tool<TAB>{json}" tool calls, anything else a bash command. */
export function readCorpus(name: string): CorpusCase[] {
  const text = readFileSync(join(fixturesDir(), name), "utf8");
  const out: CorpusCase[] = [];
  text.split("\n").forEach((raw, k) => {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.trim() === "" || line.startsWith("#")) return;
    const m = TOOL_LINE.exec(line);
    if (m) out.push({ line: k + 1, text: line, tool: m[1]!, args: JSON.parse(m[2]!) as unknown });
    else out.push({ line: k + 1, text: line, tool: "bash", args: { command: line, description: "corpus" } });
  });
  return out;
}

export function judge(p: SecurityPolicy, c: CorpusCase): SecurityVerdict {
  return evaluateToolCall(p, c.tool, c.args);
}

export function short(s: string, max = 100): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
