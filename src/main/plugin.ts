/**
 * createAtreides: cheap, synchronous setup. Load and validate config (a few tiny files), build the
 * runtime and the enabled features once, and return the hook table. No worker, disk write or network
 * call is awaited here: threads start lazily, the I/O worker on the first write.
 */
import type { Hooks, PluginInput } from "@opencode-ai/plugin";
import { loadConfig } from "../shared/config/load.js";
import { type ConfigIssue, formatIssue } from "../shared/errors.js";
import { coreFeature } from "./features/core.js";
import { persistenceFeature } from "./features/persistence.js";
import { compactionFeature, systemPromptFeature } from "./features/prompt.js";
import { recoveryFeature } from "./features/recovery.js";
import { securityFeature } from "./features/security.js";
import { statusToolFeature } from "./features/status-tool.js";
import { thinkFeature } from "./features/think.js";
import { todosFeature } from "./features/todos.js";
import { toolHistoryFeature } from "./features/tool-history.js";
import { workflowFeature } from "./features/workflow.js";
import { buildHookTable } from "./hooks/table.js";
import type { Feature } from "./hooks/types.js";
import { createRuntime, type Runtime, type RuntimeDeps } from "./runtime.js";

// dispose must finish within this: OpenCode waits for it before exiting.
const kDisposeDeadlineMs = 2_000;
// Of which the final health check may take this much (one stats() round trip).
const kHealthCheckMs = 100;

export interface Atreides {
  hooks: Hooks;
  runtime: Runtime | null;
  issues: ConfigIssue[];
}

export function createAtreides(input: PluginInput, options?: unknown, deps: RuntimeDeps = {}): Atreides {
  const env = deps.env ?? process.env;
  const loaded = loadConfig({ directory: input.directory, worktree: input.worktree, options, env });
  const issues = [...loaded.issues];
  const cfg = loaded.config;
  if (!cfg.enabled) return { hooks: {}, runtime: null, issues };

  const rt = createRuntime(input, cfg, deps);
  issues.push(...rt.setupIssues);

  const f = cfg.features;
  // Order matters: security first (a block stops the rest), bookkeeping before the features that read it.
  const features: Feature[] = [];
  if (f.security) features.push(securityFeature(rt, issues));
  features.push(toolHistoryFeature(rt));
  if (f.persistence) features.push(persistenceFeature(rt));
  features.push(coreFeature(rt));
  if (f.workflow) features.push(workflowFeature(rt));
  if (f.errorRecovery) features.push(recoveryFeature(rt));
  features.push(todosFeature(rt, { continuation: f.todoContinuation }));
  if (f.thinkMode) features.push(thinkFeature(rt));
  if (f.systemPrompt) features.push(systemPromptFeature(rt));
  if (f.compaction) features.push(compactionFeature(rt));
  if (f.statusTool) features.push(statusToolFeature(rt));

  rt.registry.startSweeper();
  rt.health.start();
  reportIssues(rt, issues);

  let disposed: Promise<void> | null = null;
  const dispose = () => (disposed ??= shutdown(rt, features));
  // A host that exits without calling dispose still gets its records flushed: 'beforeExit' fires when
  // the event loop runs dry (our timers are unref'd), and async work there keeps the process alive.
  const onBeforeExit = () => void dispose();
  process.once("beforeExit", onBeforeExit);
  rt.disposers.push(() => {
    process.off("beforeExit", onBeforeExit);
  });
  return { hooks: buildHookTable(rt, features, dispose), runtime: rt, issues };
}

async function shutdown(rt: Runtime, features: Feature[]): Promise<void> {
  const deadline = Date.now() + kDisposeDeadlineMs;
  for (const f of features) await f.dispose?.();
  for (const d of rt.disposers) d();
  // Disposers above saved every changed session; now drain logs and states to disk within the deadline.
  rt.registry.stopSweeper();
  rt.health.stop();
  await withDeadline(rt.pipeline.close(), deadline - Date.now());
  // Failures since the last periodic check, while the I/O worker can still answer.
  await withDeadline(rt.health.check(), Math.min(kHealthCheckMs, deadline - Date.now()));
  await rt.io.close(Math.max(50, deadline - Date.now()));
  rt.registry.clear("dispose");
  await withDeadline(rt.pool?.close() ?? Promise.resolve(), Math.max(50, deadline - Date.now()));
}

function withDeadline(p: Promise<unknown>, ms: number): Promise<unknown> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p.catch(() => {}), new Promise((r) => (t = setTimeout(r, Math.max(1, ms))))]).finally(
    () => clearTimeout(t),
  );
}

/** Config problems: once, to OpenCode's log and as one toast. The plugin runs on defaults for those keys. */
function reportIssues(rt: Runtime, issues: ConfigIssue[]): void {
  if (issues.length === 0) return;
  const lines = issues.map(formatIssue);
  try {
    for (const line of lines)
      rt.input.client?.app
        ?.log?.({ body: { service: "atreides", level: "warn", message: `config: ${line}` } })
        ?.catch?.(() => {});
  } catch {
    // no logging client: the toast and doctor still show it
  }
  rt.notifier.notify(
    null,
    "config.invalid",
    "warning",
    `Atreides config: ${issues.length} problem${issues.length === 1 ? "" : "s"} (defaults used)`,
    lines[0]! + (lines.length > 1 ? ` (+${lines.length - 1} more; run \`atreides doctor\`)` : ""),
  );
}
