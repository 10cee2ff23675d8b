/**
 * Everything a feature needs, built once at plugin start: config, the session registry, the
 * dispatcher (inline ⟷ pool), the I/O client, the session log, notifications and the per-session
 * barrier. Construction is cheap and synchronous: no thread starts and no disk is touched here.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import type { PluginInput } from "@opencode-ai/plugin";
import { defaultDataDir } from "../shared/config/load.js";
import type { AtreidesConfig } from "../shared/config/schema.js";
import type { IoOptions } from "../shared/contracts/io-api.js";
import type { ConfigIssue } from "../shared/errors.js";
import { compileRedactor, type RedactorOptions } from "../shared/redact/index.js";
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from "../shared/scan/index.js";
import { encodeStateFile } from "../shared/state/file-format.js";
import { STATE_VERSION } from "../shared/state/session-state.js";
import type { TaskContext } from "../shared/tasks/execute.js";
import { HealthMonitor } from "./health.js";
import { LogPipeline } from "./log/log-pipeline.js";
import { SessionLog } from "./log/session-log.js";
import { Notifier } from "./notify.js";
import { CpuPool } from "./offload/cpu-pool.js";
import { Dispatcher } from "./offload/dispatcher.js";
import { IoClient } from "./offload/io-client.js";
import { IO_WORKER_URL } from "./offload/worker-urls.js";
import { Barrier } from "./session/barrier.js";
import { type Session, SessionRegistry } from "./session/registry.js";

export interface Runtime {
  cfg: AtreidesConfig;
  input: PluginInput;
  registry: SessionRegistry;
  dispatcher: Dispatcher;
  pool: CpuPool | null;
  io: IoClient;
  pipeline: LogPipeline;
  log: SessionLog;
  notifier: Notifier;
  barrier: Barrier;
  /** Failures counted off the hot path, reported to OpenCode's log (see health.ts). */
  health: HealthMonitor;
  homeDir: string;
  dataDir: string;
  counters: { hookErrors: number; eventsIgnored: number; eventsMalformed: number };
  /** Last hook error per hook name (short text), for status and doctor. */
  lastErrors: Map<string, string>;
  /** Called after a feature changed a session's state (persistence hooks in here). */
  onChange: (s: Session) => void;
  /** Problems found while compiling setup (custom redaction patterns), reported with the config issues. */
  setupIssues: ConfigIssue[];
  /** Cleanups run on dispose, in order. */
  disposers: (() => void | Promise<void>)[];
}

/** Mark a session changed: bump its version (prompt and save caches key on it). */
export function changed(rt: Runtime, s: Session): void {
  s.version++;
  rt.onChange(s);
}

export interface RuntimeDeps {
  env?: NodeJS.ProcessEnv;
  /** Tests: override worker entries or disable workers. */
  cpuWorker?: URL | string;
  ioWorker?: URL | null;
}

// Retention waits this long after start so it never competes with OpenCode's own start-up.
const kRetentionDelayMs = 10_000;
// Records kept while the disk refuses writes.
const kDiskBufferBytes = 4 * 1024 * 1024;

export function createRuntime(input: PluginInput, cfg: AtreidesConfig, deps: RuntimeDeps = {}): Runtime {
  const env = deps.env ?? process.env;
  const homeDir = env.HOME || homedir();
  const dataDir = defaultDataDir(env);
  const registry = new SessionRegistry(cfg.limits);

  const redactorOptions: RedactorOptions = { homeDir, customPatterns: cfg.logging.redact.customPatterns };
  const scan: ScanOptions = {
    ...DEFAULT_SCAN_OPTIONS,
    headBytes: cfg.limits.scanHeadBytes,
    tailBytes: cfg.limits.scanTailBytes,
  };
  const compiled = compileRedactor({ ...redactorOptions, source: "config" });
  const ctx: TaskContext = { redactor: compiled.redactor, scan };
  const pool =
    cfg.offload.poolSize > 0
      ? new CpuPool({
          threads: cfg.offload.poolSize,
          idleTimeoutMs: cfg.offload.idleTimeoutMs,
          maxQueue: cfg.offload.maxQueue,
          workerData: { redactor: redactorOptions, scan },
          ...(deps.cpuWorker ? { filename: deps.cpuWorker } : {}),
        })
      : null;
  const dispatcher = new Dispatcher(ctx, pool, {
    thresholdBytes: cfg.offload.inlineThresholdBytes,
    timeoutMs: cfg.offload.taskTimeoutMs,
  });

  const ioOptions: IoOptions = {
    logDir: cfg.logging.dir ?? join(dataDir, "logs"),
    stateDir: cfg.persistence.dir ?? join(dataDir, "state"),
    maxFileBytes: cfg.logging.maxFileBytes,
    maxSessionBytes: cfg.logging.maxSessionBytes,
    flushIntervalMs: cfg.logging.flushIntervalMs,
    maxBufferedBytes: kDiskBufferBytes,
    fsync: cfg.persistence.fsync,
    logRetention: cfg.logging.retention,
    stateRetention: cfg.persistence.retention,
    retentionDelayMs: kRetentionDelayMs,
  };
  // poolSize 0 means "everything inline": the I/O service then runs in-process as well.
  const ioWorker =
    deps.ioWorker === undefined ? (cfg.offload.poolSize > 0 ? IO_WORKER_URL : null) : deps.ioWorker;
  const io = new IoClient(ioOptions, ioWorker);
  const pipeline = new LogPipeline(dispatcher, io, {
    flushIntervalMs: cfg.logging.flushIntervalMs,
    redact: cfg.logging.redact.enabled,
    redactOffThread: cfg.logging.redact.customPatterns.length > 0,
    encodeState: (sessionID, body) => encodeStateFile(sessionID, body, Date.now(), STATE_VERSION),
  });
  // A disabled feature is absent, not an `if` per call: pino's "silent" level makes every log method a
  // noop, and a notifier without a client sends nothing.
  const log = new SessionLog(cfg.features.sessionLog ? cfg.logging.level : "silent", pipeline, registry);
  const notifier = new Notifier(
    cfg.features.notifications ? input.client : null,
    cfg.notifications,
    registry,
  );
  const barrier = new Barrier(registry);
  const counters = { hookErrors: 0, eventsIgnored: 0, eventsMalformed: 0 };
  const health = new HealthMonitor({ input, pool, dispatcher, io, pipeline, counters });
  return {
    cfg,
    input,
    registry,
    dispatcher,
    pool,
    io,
    pipeline,
    log,
    notifier,
    barrier,
    health,
    homeDir,
    dataDir,
    counters,
    lastErrors: new Map(),
    onChange: () => {},
    setupIssues: compiled.issues,
    disposers: [],
  };
}
