/**
 * A fake OpenCode host for benchmarks: temp directories for data, a PluginInput with an empty
 * client (no toasts, no host log), an isolated environment (HOME and XDG dirs under the temp root,
 * so no user config is read), and the hook payload shapes OpenCode 1.18 sends.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PluginInput } from "@opencode-ai/plugin";

export interface TempRoot {
  root: string;
  project: string;
  logDir: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function makeTempRoot(prefix: string, base: string = tmpdir()): TempRoot {
  const root = mkdtempSync(join(base, `atreides-bench-${prefix}-`));
  const project = join(root, "project");
  const logDir = join(root, "data", "logs");
  const stateDir = join(root, "data", "state");
  for (const d of [project, logDir, stateDir, join(root, "config")]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    HOME: join(root, "home"),
    XDG_DATA_HOME: join(root, "data"),
    XDG_CONFIG_HOME: join(root, "config"),
    PATH: process.env.PATH,
  };
  return {
    root,
    project,
    logDir,
    stateDir,
    env,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function fakeInput(dir: string): PluginInput {
  return {
    // biome-ignore lint/suspicious/noExplicitAny: the benchmark host has no OpenCode client
    client: {} as any,
    // biome-ignore lint/suspicious/noExplicitAny: no project record either
    project: {} as any,
    directory: dir,
    worktree: dir,
    experimental_workspace: { register() {} },
    serverUrl: new URL("http://localhost:4096"),
    // biome-ignore lint/suspicious/noExplicitAny: no shell in benchmarks
    $: undefined as any,
  } as unknown as PluginInput;
}

let eventSeq = 0;

export function sessionEvent(
  type: "session.created" | "session.deleted" | "session.idle",
  sessionID: string,
): unknown {
  return {
    id: `evt_bench_${++eventSeq}`,
    type,
    properties: { sessionID, info: { id: sessionID, title: "bench" } },
  };
}

/**
 * Commands the agent typically runs: harmless, so the security guard allows them. 64 distinct
 * strings: after warm-up every check is a verdict-cache hit (cache holds 100), as in a real session.
 */
export const COMMANDS: readonly string[] = Array.from({ length: 64 }, (_, i) => {
  const base = [
    "git status",
    "npm test",
    "ls -la src",
    "node --version",
    "git diff --stat",
    "npx tsc --noEmit",
    "cat package.json",
    "grep -rn TODO src",
  ];
  return `${base[i % base.length]} # step ${i}`;
});

export interface ToolCall {
  sessionID: string;
  callID: string;
  command: string;
  output: string;
  exit: number;
}

/** The two hook payloads of one bash call, shaped as OpenCode 1.18 sends them. */
export function bashPayloads(c: ToolCall): {
  beforeInput: { tool: string; sessionID: string; callID: string };
  beforeOutput: { args: { command: string; description: string } };
  afterInput: {
    tool: string;
    sessionID: string;
    callID: string;
    args: { command: string; description: string };
  };
  afterOutput: {
    title: string;
    output: string;
    metadata: { exit: number; output: string; truncated: boolean; description: string };
  };
} {
  const args = { command: c.command, description: "bench step" };
  return {
    beforeInput: { tool: "bash", sessionID: c.sessionID, callID: c.callID },
    beforeOutput: { args },
    afterInput: { tool: "bash", sessionID: c.sessionID, callID: c.callID, args },
    afterOutput: {
      title: c.command,
      output: c.output,
      metadata: { exit: c.exit, output: c.output, truncated: false, description: "bench step" },
    },
  };
}
