/**
 * The Atreides config, as one zod schema with a default for every key. Sources (global file,
 * project file, plugin tuple options, ATREIDES_* env) are merged and validated in ./resolve.ts;
 * an invalid value is reported and falls back to its default, it never stops the plugin.
 */
import { z } from "zod";

const KiB = 1024;
const MiB = 1024 * KiB;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const int = (min: number, max: number) => z.number().int().min(min).max(max);
const level = z.enum(["debug", "info", "warn", "error"]);

export const LOG_LEVELS = ["debug", "info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const featuresSchema = z
  .strictObject({
    security: z.boolean().default(true).describe("Block destructive shell commands and secret-file access."),
    errorRecovery: z
      .boolean()
      .default(true)
      .describe("3-strike error recovery with suggestions in the prompt."),
    todoContinuation: z
      .boolean()
      .default(true)
      .describe("Ask the agent to continue while todos are pending when the session goes idle."),
    workflow: z
      .boolean()
      .default(true)
      .describe("Infer workflow phases and add phase guidance to the prompt."),
    thinkMode: z
      .boolean()
      .default(true)
      .describe("Raise the reasoning budget when the user asks the agent to think."),
    compaction: z
      .boolean()
      .default(true)
      .describe("Preserve Atreides state in OpenCode's compaction context."),
    systemPrompt: z
      .boolean()
      .default(true)
      .describe("Append one stable Atreides block to the system prompt."),
    notifications: z
      .boolean()
      .default(true)
      .describe("Show toasts for blocks, escalations and continuations."),
    statusTool: z.boolean().default(true).describe("Register the atreides_status tool."),
    sessionLog: z.boolean().default(true).describe("Write a redacted JSONL log per session."),
    persistence: z.boolean().default(true).describe("Save per-session state so it survives restarts."),
  })
  .prefault({});

const offloadSchema = z
  .strictObject({
    poolSize: int(0, 16)
      .default(1)
      .describe(
        "Worker threads for CPU work (redaction, scans, parsing). 0 runs everything inline on the host thread.",
      ),
    inlineThresholdBytes: int(0, 64 * MiB)
      .default(8 * KiB)
      .describe(
        "Batches whose work is smaller than this many bytes of redaction run inline; larger ones go to the pool (when poolSize > 0). Scans and parses count a tenth per byte.",
      ),
    taskTimeoutMs: int(10, 60_000)
      .default(2_000)
      .describe("Deadline for one pool task; an overrun is cancelled and degrades safely."),
    maxQueue: int(1, 10_000)
      .default(64)
      .describe("Pool tasks that may wait; beyond this, work runs inline or degrades (counted)."),
    idleTimeoutMs: int(0, 60 * MINUTE)
      .default(30_000)
      .describe("Idle pool threads stop after this long (avoids start/stop churn)."),
  })
  .prefault({});

const retentionSchema = (files: number, bytes: number, days: number) =>
  z
    .strictObject({
      maxFiles: int(1, 100_000).default(files),
      maxTotalBytes: int(MiB, 1024 * 1024 * MiB).default(bytes),
      maxAgeDays: z.number().min(0).max(3650).default(days),
    })
    .prefault({});

const loggingSchema = z
  .strictObject({
    dir: z.string().min(1).optional().describe("Log directory. Default: $XDG_DATA_HOME/atreides/logs."),
    level: level.default("info").describe("Lowest level written to session logs."),
    toolDebug: z.boolean().default(false).describe("Write a debug record for every tool call (high volume)."),
    maxFileBytes: int(64 * KiB, 1024 * MiB)
      .default(10 * MiB)
      .describe("Rotate a session log when it reaches this size."),
    maxSessionBytes: int(64 * KiB, 10 * 1024 * MiB)
      .default(50 * MiB)
      .describe("Stop logging a session (counted) once its logs reach this size."),
    flushIntervalMs: int(5, 10_000).default(100).describe("Longest a log record waits before it is written."),
    retention: retentionSchema(200, 500 * MiB, 14),
    redact: z
      .strictObject({
        enabled: z.boolean().default(true),
        customPatterns: z
          .array(z.string().max(1_000))
          .max(100)
          .default([])
          .describe("Extra regular expressions (JavaScript syntax) whose matches are redacted."),
      })
      .prefault({}),
  })
  .prefault({});

const persistenceSchema = z
  .strictObject({
    dir: z.string().min(1).optional().describe("State directory. Default: $XDG_DATA_HOME/atreides/state."),
    autosave: z.boolean().default(true).describe("Save state when it changes (debounced) and periodically."),
    debounceMs: int(0, MINUTE).default(500),
    safetyIntervalMs: int(1_000, 60 * MINUTE).default(30_000),
    fsync: z
      .boolean()
      .default(false)
      .describe("fsync each state file before rename (slower, survives power loss)."),
    retention: retentionSchema(500, 200 * MiB, 30),
  })
  .prefault({});

const limitsSchema = z
  .strictObject({
    toolHistory: int(1, 10_000).default(100),
    persistedToolHistory: int(0, 10_000).default(50),
    phaseHistory: int(1, 1_000).default(50),
    metadataValueBytes: int(64, MiB).default(4 * KiB),
    metadataTotalBytes: int(KiB, 16 * MiB).default(64 * KiB),
    maxSessions: int(1, 100_000)
      .default(1_000)
      .describe("Sessions kept in memory; the least recently used is evicted."),
    sessionIdleTtlMs: int(MINUTE, 7 * DAY)
      .default(2 * 60 * MINUTE)
      .describe("Sessions with no activity for this long are swept from memory."),
    sweepIntervalMs: int(1_000, 60 * MINUTE).default(60_000),
    scanHeadBytes: int(256, 16 * MiB)
      .default(4 * KiB)
      .describe("Error scans read this much of a tool output's start."),
    scanTailBytes: int(256, 16 * MiB)
      .default(4 * KiB)
      .describe("…and this much of its end."),
  })
  .prefault({});

const securitySchema = z
  .strictObject({
    onAsk: z
      .enum(["deny", "allow"])
      .default("deny")
      .describe(
        'What to do with risky-but-not-destructive commands ("ask" verdicts). Headless runs cannot ask.',
      ),
    blockedPatterns: z.array(z.string().max(1_000)).max(200).default([]),
    askPatterns: z.array(z.string().max(1_000)).max(200).default([]),
    allowPatterns: z.array(z.string().max(1_000)).max(200).default([]),
    blockedFiles: z.array(z.string().max(1_000)).max(200).default([]),
    cacheSize: int(0, 100_000).default(100).describe("Verdicts cached (LRU)."),
  })
  .prefault({});

const todosSchema = z
  .strictObject({
    maxContinuations: int(0, 100).default(3).describe("Continuation prompts per session before giving up."),
    backoffMs: int(0, 10 * MINUTE)
      .default(2_000)
      .describe("Delay before the first continuation; doubles each time."),
  })
  .prefault({});

const thinkSchema = z
  .strictObject({
    triggers: z
      .strictObject({
        think: z.array(z.string().min(1).max(100)).max(50).optional(),
        hard: z.array(z.string().min(1).max(100)).max(50).optional(),
        max: z.array(z.string().min(1).max(100)).max(50).optional(),
      })
      .prefault({}),
    budgets: z
      .strictObject({
        think: int(1_024, 1_000_000).default(4_000),
        hard: int(1_024, 1_000_000).default(16_000),
        max: int(1_024, 1_000_000).default(32_000),
      })
      .prefault({}),
    sticky: z.boolean().default(false).describe("Keep think mode after the turn instead of reverting."),
  })
  .prefault({});

const notificationsSchema = z
  .strictObject({
    minSeverity: z.enum(["info", "success", "warning", "error"]).default("warning"),
    throttleMs: int(0, 10 * MINUTE).default(5_000),
  })
  .prefault({});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    enabled: z.boolean().default(true).describe("Master switch."),
    identity: z
      .strictObject({
        personaName: z.string().min(1).max(60).default("Muad'Dib"),
      })
      .prefault({}),
    features: featuresSchema,
    offload: offloadSchema,
    logging: loggingSchema,
    persistence: persistenceSchema,
    limits: limitsSchema,
    security: securitySchema,
    recovery: z.strictObject({ maxStrikes: int(2, 20).default(3) }).prefault({}),
    todos: todosSchema,
    thinkMode: thinkSchema,
    notifications: notificationsSchema,
    systemPrompt: z
      .strictObject({
        agentsMdCheck: z
          .boolean()
          .default(false)
          .describe("Note in the block whether an AGENTS.md exists (OpenCode already loads its content)."),
      })
      .prefault({}),
  })
  .prefault({});

export type AtreidesConfig = z.output<typeof configSchema>;
export type AtreidesConfigInput = z.input<typeof configSchema>;

/** Every default, computed once. */
export const DEFAULT_CONFIG: AtreidesConfig = deepFreeze(configSchema.parse({}));

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
