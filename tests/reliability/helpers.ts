/** The plugin in-process with a fake host, for the fault and hostile-input tests. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Atreides, createAtreides } from "../../src/main/plugin.js";
import type { Runtime, RuntimeDeps } from "../../src/main/runtime.js";

export interface Host {
  a: Atreides;
  rt: Runtime;
  root: string;
  /** $XDG_DATA_HOME/atreides */
  dataDir: string;
  /** Lines the plugin wrote to OpenCode's log (client.app.log). */
  hostLog: string[];
  toasts: unknown[];
  /** Dispose the plugin (once) and remove the temp root. */
  cleanup(): Promise<void>;
}

/** A plugin on a fresh temp root, or on `root` (a previous host's, to resume on its data dir). */
export function makeHost(
  prefix: string,
  options: unknown,
  deps: Omit<RuntimeDeps, "env"> = {},
  root?: string,
): Host {
  if (!root) {
    root = mkdtempSync(join(tmpdir(), prefix));
    for (const d of ["home", "data", "cfg", "proj"]) mkdirSync(join(root, d));
  }
  const hostLog: string[] = [];
  const toasts: unknown[] = [];
  const client = {
    tui: { showToast: async (o: unknown) => void toasts.push(o) },
    app: {
      log: async (o: { body?: { level?: string; message?: string } }) => {
        hostLog.push(`${o.body?.level}: ${o.body?.message}`);
        return true;
      },
    },
    session: {},
  };
  const env = {
    HOME: join(root, "home"),
    XDG_DATA_HOME: join(root, "data"),
    XDG_CONFIG_HOME: join(root, "cfg"),
  };
  const a = createAtreides(
    { client, directory: join(root, "proj"), worktree: join(root, "proj"), project: {}, $: null } as never,
    options,
    { ...deps, env },
  );
  let disposed = false;
  return {
    a,
    rt: a.runtime!,
    root,
    dataDir: join(root, "data", "atreides"),
    hostLog,
    toasts,
    async cleanup() {
      if (!disposed) {
        disposed = true;
        await a.hooks.dispose?.();
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function ev(h: Host, type: string, properties: unknown): Promise<void> {
  return h.a.hooks.event!({ event: { id: `ev_${type}`, type, properties } as never });
}

/** One bash call (before + after) whose logged command carries `mark`. */
export async function bash(
  h: Host,
  sid: string,
  callID: string,
  mark: string,
  output = "ok\n",
  exit = 0,
): Promise<void> {
  const command = `echo ${mark}`;
  await h.a.hooks["tool.execute.before"]!({ tool: "bash", sessionID: sid, callID }, { args: { command } });
  await h.a.hooks["tool.execute.after"]!(
    { tool: "bash", sessionID: sid, callID, args: { command } } as never,
    { title: "echo", output, metadata: { exit } },
  );
}

/** The system prompt after the transform: the base entry plus whatever Atreides appended. */
export async function systemPrompt(h: Host, sid: string): Promise<string[]> {
  const out = { system: ["base prompt"] };
  await h.a.hooks["experimental.chat.system.transform"]!({ sessionID: sid, model: {} } as never, out);
  return out.system;
}

/** Poll until `cond` holds (or fail after `ms`): for results that land asynchronously. */
export async function until(
  cond: () => boolean | Promise<boolean>,
  ms = 10_000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function walk(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Every parseable record in every session log under `logDir`. */
export function readLogRecords(logDir: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const f of walk(logDir).filter((p) => p.endsWith(".jsonl"))) {
    for (const line of readFileSync(f, "utf8").split("\n")) {
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // torn line: counted by the crash harness, not here
      }
    }
  }
  return out;
}

/** Text of every file under `dir` (latin1, so any bytes compare). */
export function allText(dir: string): string {
  return walk(dir)
    .map((f) => readFileSync(f, "latin1"))
    .join("\n");
}
