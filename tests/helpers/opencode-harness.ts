// End-to-end harness: runs the real `opencode` binary offline against the fake LLM, in a throw-away
// workspace whose HOME/TMPDIR/XDG dirs all live under one mkdtemp dir (reference §5, §8).
// Every process and temp dir is registered so it is killed/removed even when a test fails or aborts.
// The CLI's doctor runs the same binary the same way: one definition of the offline env and seeding.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createOpencodeClient, type OpencodeClient, type Part } from "@opencode-ai/sdk/client";
import { OPENCODE_OFFLINE_ENV, seedConfigDir } from "../../src/cli/doctor/sandbox.js";
import {
  type FakeLlm,
  type FakeLlmOptions,
  MODEL_ID,
  type RecordedRequest,
  startFakeLlm,
} from "./fake-llm.js";

export type { OpencodeClient, Part } from "@opencode-ai/sdk/client";

export const PROVIDER_ID = "fake";
/** Reference §8: a run is 5–7 s; two minutes only trips on a real hang. */
const DEFAULT_RUN_TIMEOUT_MS = 120_000;
/** Reference §5: serve is up after about 2.5 s; leave room for a loaded 2-core machine. */
const DEFAULT_SERVE_START_MS = 30_000;
/** Grace period for dispose hooks after SIGTERM before the process group gets SIGKILL. */
const STOP_GRACE_MS = 5_000;
/** How much of the log an error message quotes. */
const LOG_TAIL_CHARS = 4_000;
const WAIT_POLL_MS = 50;
const LISTENING_LINE = /opencode server listening on (https?:\/\/\S+)/;
export const PLUGIN_LOAD_FAILURE = "failed to load plugin";

// ---------------------------------------------------------------- locations

let cachedRoot: string | undefined;
/** Repository root: the nearest ancestor of this file with node_modules/.bin/opencode (works from any build output dir). */
export function repoRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "node_modules", ".bin", "opencode"))) {
      cachedRoot = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no node_modules/.bin/opencode above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const opencodeBin = (): string => join(repoRoot(), "node_modules", ".bin", "opencode");

/** Absolute path of a fixture plugin in tests/fixtures/plugins (sources, not compiled). */
export const fixturePlugin = (name: string): string => join(repoRoot(), "tests", "fixtures", "plugins", name);

let cachedVersion: string | undefined;
export function opencodeVersion(): string {
  if (cachedVersion) return cachedVersion;
  // Even --version creates $TMPDIR/opencode and XDG dirs, so it gets a throw-away home of its own.
  const dir = mkdtempSync(join(tmpdir(), "atreides-e2e-version-"));
  try {
    const r = spawnSync(opencodeBin(), ["--version"], { encoding: "utf8", env: isolatedEnv(dir) });
    const v = r.stdout?.trim() ?? "";
    if (r.status !== 0 || !/^\d+\.\d+\.\d+/.test(v)) {
      throw new Error(`opencode --version failed (status ${r.status}): ${r.stderr || r.stdout}`);
    }
    cachedVersion = v;
    return v;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- cleanup registry

const liveGroups = new Set<number>();
const liveDirs = new Set<string>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function cleanupAll(): void {
  for (const pid of liveGroups) killGroup(pid, "SIGKILL");
  liveGroups.clear();
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  liveDirs.clear();
}

process.on("exit", cleanupAll);
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    cleanupAll();
    process.kill(process.pid, sig);
  });
}

/** True while any process of the group `pid` exists. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- workspace

export type PluginSpec = string | [string, Record<string, unknown>];

export interface WorkspaceOptions {
  /** file:// URL or path of the plugin entry or package dir, optionally as a [spec, options] tuple. */
  plugin?: PluginSpec | PluginSpec[];
  /** Deep-merged over the base opencode.json (arrays replace). */
  config?: Record<string, unknown>;
  /** Extra files, relative to the workspace root (e.g. "project/.opencode/atreides.json"). */
  files?: Record<string, string>;
  /** git init + an empty root commit in project/. */
  git?: boolean;
  /** Extra environment for every opencode process of this workspace. */
  env?: Record<string, string>;
}

export interface Workspace {
  root: string;
  home: string;
  tmp: string;
  project: string;
  configHome: string;
  dataHome: string;
  cacheHome: string;
  stateHome: string;
  /** The complete environment opencode processes get (mutable: tests may add keys). */
  env: Record<string, string>;
  /** Writes project/opencode.json pointing the fake provider at `llmPort`; returns the config. */
  writeConfig(llmPort: number): Record<string, unknown>;
  /** Kills this workspace's processes and removes the temp dir. Idempotent. */
  cleanup(): void;
}

/** The layout under a workspace root that the environment points at. */
function layout(root: string) {
  const d = (...p: string[]) => join(root, ...p);
  return {
    home: d("home"),
    tmp: d("tmp"),
    project: d("project"),
    configHome: d("xdg", "config"),
    dataHome: d("xdg", "data"),
    cacheHome: d("xdg", "cache"),
    stateHome: d("xdg", "state"),
  };
}

/**
 * Minimal environment (PATH, LANG, SHELL) plus the isolation of reference §5; nothing else of the host
 * environment leaks in. Creates the directories.
 */
function isolatedEnv(root: string): Record<string, string> {
  const dirs = layout(root);
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: process.env.LANG ?? "C.UTF-8",
    SHELL: existsSync("/bin/bash") ? "/bin/bash" : "/bin/sh",
    HOME: dirs.home,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.configHome,
    XDG_DATA_HOME: dirs.dataHome,
    XDG_CACHE_HOME: dirs.cacheHome,
    XDG_STATE_HOME: dirs.stateHome,
    ...OPENCODE_OFFLINE_ENV,
  };
}

const toPluginUrl = (spec: string): string =>
  /^[a-z][a-z0-9+.-]*:/i.test(spec) ? spec : pathToFileURL(isAbsolute(spec) ? spec : resolve(spec)).href;

function normalizePlugin(spec: PluginSpec): string | [string, Record<string, unknown>] {
  return typeof spec === "string" ? toPluginUrl(spec) : [toPluginUrl(spec[0]), spec[1]];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function baseConfig(llmPort: number, plugins: Array<string | [string, Record<string, unknown>]>) {
  return {
    $schema: "https://opencode.ai/config.json",
    autoupdate: false,
    share: "disabled",
    snapshot: false,
    lsp: false,
    formatter: false,
    model: `${PROVIDER_ID}/${MODEL_ID}`,
    small_model: `${PROVIDER_ID}/${MODEL_ID}`,
    enabled_providers: [PROVIDER_ID],
    permission: {
      bash: "allow",
      edit: "allow",
      read: "allow",
      external_directory: "allow",
      webfetch: "deny",
    },
    plugin: plugins,
    provider: {
      [PROVIDER_ID]: {
        npm: "@ai-sdk/openai-compatible",
        name: "Fake",
        options: { baseURL: `http://127.0.0.1:${llmPort}/v1`, apiKey: "fake-key" },
        models: { [MODEL_ID]: { name: "Fake", tool_call: true, limit: { context: 128000, output: 4096 } } },
      },
    },
  };
}

const DOT_OPENCODE = /^(.*?\/\.opencode)\//;

export function createWorkspace(opts: WorkspaceOptions = {}): Workspace {
  const version = opencodeVersion();
  const root = mkdtempSync(join(tmpdir(), "atreides-e2e-"));
  liveDirs.add(root);
  const ws = { root, ...layout(root) };
  const env: Record<string, string> = { ...isolatedEnv(root), ...opts.env };
  seedConfigDir(join(ws.configHome, "opencode"), version);
  for (const [rel, content] of Object.entries(opts.files ?? {})) {
    const file = join(root, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  // Every .opencode/ dir is a config dir that would trigger an install; seed them after the user files
  // so a test's own package.json wins.
  for (const rel of Object.keys(opts.files ?? {})) {
    const m = DOT_OPENCODE.exec(rel.replaceAll("\\", "/"));
    if (m?.[1]) seedConfigDir(join(root, m[1]), version);
  }
  if (opts.git) initGit(ws.project, env);
  const specs =
    opts.plugin === undefined
      ? []
      : Array.isArray(opts.plugin) && isPluginList(opts.plugin)
        ? opts.plugin
        : [opts.plugin as PluginSpec];
  const plugins = specs.map(normalizePlugin);
  const groups = new Set<number>();
  const workspace: Workspace & { groups: Set<number> } = {
    ...ws,
    root,
    env,
    groups,
    writeConfig(llmPort: number) {
      const config = deepMerge(baseConfig(llmPort, plugins), opts.config ?? {});
      writeFileSync(join(ws.project, "opencode.json"), `${JSON.stringify(config, null, 2)}\n`);
      return config;
    },
    cleanup() {
      for (const pid of groups) {
        killGroup(pid, "SIGKILL");
        liveGroups.delete(pid);
      }
      groups.clear();
      rmSync(root, { recursive: true, force: true });
      liveDirs.delete(root);
    },
  };
  return workspace;
}

/** A tuple [string, object] is one plugin; any other array is a list of plugins. */
function isPluginList(v: PluginSpec | PluginSpec[]): v is PluginSpec[] {
  return !(v.length === 2 && typeof v[0] === "string" && isPlainObject(v[1]));
}

function initGit(dir: string, env: Record<string, string>): void {
  const git = (...args: string[]) => {
    const r = spawnSync("git", args, { cwd: dir, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr}`);
  };
  git("init", "-q");
  git(
    "-c",
    "user.email=e2e@example.invalid",
    "-c",
    "user.name=e2e",
    "commit",
    "-q",
    "--allow-empty",
    "-m",
    "init",
  );
}

function trackGroup(ws: Workspace, pid: number): void {
  liveGroups.add(pid);
  (ws as Workspace & { groups?: Set<number> }).groups?.add(pid);
}

function untrackGroup(ws: Workspace, pid: number): void {
  liveGroups.delete(pid);
  (ws as Workspace & { groups?: Set<number> }).groups?.delete(pid);
}

const tail = (s: string): string => (s.length > LOG_TAIL_CHARS ? `…${s.slice(-LOG_TAIL_CHARS)}` : s);

/** Throws when the log shows that a plugin failed to load (OpenCode itself still exits 0). */
export function assertPluginsLoaded(logText: string): void {
  const lines = logText.split("\n").filter((l) => l.includes(PLUGIN_LOAD_FAILURE));
  if (lines.length > 0) throw new Error(`opencode: ${PLUGIN_LOAD_FAILURE}:\n${lines.join("\n")}`);
}

export function parseJsonLines(text: string): unknown[] {
  const out: unknown[] = [];
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (!t.startsWith("{")) continue;
    try {
      out.push(JSON.parse(t));
    } catch {
      // Not a JSON event line (e.g. a stray log line).
    }
  }
  return out;
}

/** JSON lines of a file such as the marker plugin's output; [] when the file does not exist. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions index freely into these records.
export function readJsonLines(file: string): any[] {
  return existsSync(file) ? parseJsonLines(readFileSync(file, "utf8")) : [];
}

/** Resolves true on the event, false after `timeoutMs` (the timer never outlives the wait). */
function waitEvent(child: ChildProcess, event: "exit" | "close", timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.off(event, onEvent);
      done(false);
    }, timeoutMs);
    function onEvent() {
      clearTimeout(timer);
      done(true);
    }
    child.once(event, onEvent);
  });
}

function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return waitEvent(child, "exit", timeoutMs);
}

// ---------------------------------------------------------------- opencode run

export interface RunOptions {
  timeoutMs?: number;
  /** A fake LLM to use; otherwise one is started (and closed) for this run. */
  llm?: FakeLlm;
  /** Options for the fake LLM started for this run (ignored with `llm`). */
  llmOptions?: FakeLlmOptions;
  extraArgs?: string[];
  env?: Record<string, string>;
  /** Do not throw on "failed to load plugin" (for tests that expect it). */
  allowPluginLoadFailure?: boolean;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed --format json events.
  events: any[];
  /** OpenCode's log (stderr with --print-logs --log-level INFO). */
  logText: string;
  durationMs: number;
  /** Requests the fake LLM saw during this run. */
  requests: RecordedRequest[];
}

/** `opencode run` with the prompt on stdin (verbatim, unlike positional args), cwd = project. */
export async function runOpencode(
  ws: Workspace,
  promptText: string,
  opts: RunOptions = {},
): Promise<RunResult> {
  const llm = opts.llm ?? (await startFakeLlm(opts.llmOptions));
  const firstRequest = llm.requests.length;
  try {
    ws.writeConfig(llm.port);
    const args = [
      "run",
      "--print-logs",
      "--log-level",
      "INFO",
      "--format",
      "json",
      ...(opts.extraArgs ?? []),
    ];
    const started = Date.now();
    const child = spawn(opencodeBin(), args, {
      cwd: ws.project,
      env: { ...ws.env, ...opts.env },
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const pid = child.pid;
    if (pid === undefined) throw new Error("failed to spawn opencode");
    trackGroup(ws, pid);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.stdin.on("error", () => {}); // EPIPE if opencode dies before reading the prompt
    child.stdin.end(promptText);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    let closed = false;
    child.once("close", () => (closed = true));
    const exited = await waitExit(child, timeoutMs);
    // Stragglers (e.g. something a bash tool call backgrounded, which may also hold our pipes open) die
    // with the run; then the pipes close and the output is complete.
    killGroup(pid, "SIGKILL");
    if (!exited) await waitExit(child, STOP_GRACE_MS);
    // A process outside the group could keep the pipes open forever; stop reading after the grace period.
    if (!closed && !(await waitEvent(child, "close", STOP_GRACE_MS))) {
      child.stdout.destroy();
      child.stderr.destroy();
    }
    untrackGroup(ws, pid);
    const durationMs = Date.now() - started;
    if (!exited) {
      throw new Error(`opencode run timed out after ${timeoutMs} ms; log tail:\n${tail(stderr)}`);
    }
    if (!opts.allowPluginLoadFailure) assertPluginsLoaded(stderr);
    return {
      code: child.exitCode,
      signal: child.signalCode,
      stdout,
      stderr,
      events: parseJsonLines(stdout),
      logText: stderr,
      durationMs,
      requests: llm.requests.slice(firstRequest),
    };
  } finally {
    if (!opts.llm) await llm.close();
  }
}

// ---------------------------------------------------------------- opencode serve

export interface ServeOptions {
  /** Startup timeout (until the "listening" line). */
  timeoutMs?: number;
  llm?: FakeLlm;
  llmOptions?: FakeLlmOptions;
  extraArgs?: string[];
  env?: Record<string, string>;
  allowPluginLoadFailure?: boolean;
}

export interface Serve {
  url: string;
  port: number;
  /** PID (and process group id) of the serve process. */
  pid: number;
  client: OpencodeClient;
  llm: FakeLlm;
  /** stdout + stderr so far (logs with --print-logs). */
  logText(): string;
  /** Throws if the log so far shows a plugin load failure. */
  checkPlugins(): void;
  /**
   * Disposes the instance via the API (runs plugin `dispose` hooks; SIGTERM alone does not), then
   * SIGTERMs the process group, SIGKILLs it after a grace period and waits for exit. Idempotent.
   * `dispose: false` skips the API call.
   */
  stop(opts?: { dispose?: boolean }): Promise<StopResult>;
}

export interface StopResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The process exited within the grace period after SIGTERM. */
  graceful: boolean;
  /** server.instance.disposed was seen after POST /instance/dispose (plugin dispose hooks ran). */
  disposed: boolean;
}

const CONNECTED_EVENT = '"server.connected"';
const DISPOSED_EVENT = '"server.instance.disposed"';

/**
 * POST /instance/dispose answers before the plugin dispose hooks run; the global SSE stream's
 * server.instance.disposed event comes after them, so wait for that.
 */
async function disposeInstance(url: string, client: OpencodeClient, timeoutMs: number): Promise<boolean> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    const res = await fetch(`${url}/global/event`, { signal: ac.signal });
    const reader = res.body?.getReader();
    if (!reader) return false;
    const decoder = new TextDecoder();
    let buf = "";
    let requested = false;
    while (!buf.includes(DISPOSED_EVENT)) {
      // Subscribe first (server.connected), then ask, so the disposed event cannot be missed.
      if (!requested && buf.includes(CONNECTED_EVENT)) {
        requested = true;
        void client.instance.dispose({ signal: ac.signal }).catch(() => undefined);
      }
      const { value, done } = await reader.read();
      if (done) return false;
      buf += decoder.decode(value, { stream: true });
    }
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}

/** A free TCP port on 127.0.0.1 (`serve --port=0` would still bind 4096). */
export function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => done(port));
    });
  });
}

export async function startServe(ws: Workspace, opts: ServeOptions = {}): Promise<Serve> {
  const llm = opts.llm ?? (await startFakeLlm(opts.llmOptions));
  const ownLlm = !opts.llm;
  ws.writeConfig(llm.port);
  const port = await freePort();
  const args = ["serve", "--hostname=127.0.0.1", `--port=${port}`, "--print-logs", "--log-level", "INFO"];
  const child = spawn(opencodeBin(), [...args, ...(opts.extraArgs ?? [])], {
    cwd: ws.project,
    env: { ...ws.env, ...opts.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid;
  if (pid === undefined) {
    if (ownLlm) await llm.close();
    throw new Error("failed to spawn opencode serve");
  }
  trackGroup(ws, pid);
  let log = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (log += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (log += c));

  let client: OpencodeClient | undefined;
  let url: string | undefined;
  let stopped: ReturnType<Serve["stop"]> | undefined;
  const stop: Serve["stop"] = (stopOpts = {}) => {
    stopped ??= (async () => {
      // SIGTERM (and SIGINT) kill serve without running plugin dispose hooks; POST /instance/dispose
      // does run them, so ask for that first unless the test wants the bare signal.
      let disposed = false;
      if (client && url && stopOpts.dispose !== false && child.exitCode === null) {
        disposed = await disposeInstance(url, client, STOP_GRACE_MS);
      }
      killGroup(pid, "SIGTERM");
      const graceful = await waitExit(child, STOP_GRACE_MS);
      killGroup(pid, "SIGKILL");
      if (!graceful) await waitExit(child, STOP_GRACE_MS);
      untrackGroup(ws, pid);
      if (ownLlm) await llm.close();
      return { code: child.exitCode, signal: child.signalCode, graceful, disposed };
    })();
    return stopped;
  };

  const timeoutMs = opts.timeoutMs ?? DEFAULT_SERVE_START_MS;
  const listening = await new Promise<string | Error>((done) => {
    const timer = setTimeout(
      () => finish(new Error(`opencode serve did not listen within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onData = () => {
      const m = LISTENING_LINE.exec(log);
      if (m?.[1]) finish(m[1]);
    };
    const onExit = () => finish(new Error(`opencode serve exited early (code ${child.exitCode})`));
    function finish(v: string | Error) {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stderr.off("data", onData);
      child.off("exit", onExit);
      done(v);
    }
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", onExit);
  });
  if (listening instanceof Error) {
    await stop();
    throw new Error(`${listening.message}; log tail:\n${tail(log)}`);
  }
  url = listening;
  client = createOpencodeClient({ baseUrl: url, directory: ws.project });
  const serve: Serve = {
    url,
    port,
    pid,
    client,
    llm,
    logText: () => log,
    checkPlugins: () => assertPluginsLoaded(log),
    stop,
  };
  // Plugins load when the first request creates the instance for the project directory; do that now so a
  // broken plugin fails here rather than in the middle of a test.
  try {
    await client.config.get({ throwOnError: true });
    if (!opts.allowPluginLoadFailure) serve.checkPlugins();
  } catch (err) {
    await stop();
    throw err;
  }
  return serve;
}

// ---------------------------------------------------------------- SDK session helpers

function unwrap<T>(what: string, r: { data?: T; error?: unknown }): T {
  if (r.error !== undefined || r.data === undefined) {
    throw new Error(`${what} failed: ${JSON.stringify(r.error ?? "no data")}`);
  }
  return r.data;
}

export async function createSession(client: OpencodeClient, title?: string): Promise<string> {
  const r = await client.session.create({ body: title ? { title } : {} });
  return unwrap("session.create", r).id;
}

/** Sends a text prompt and waits for the assistant's reply; returns its parts. */
export async function prompt(client: OpencodeClient, sessionID: string, text: string): Promise<Part[]> {
  const r = await client.session.prompt({
    path: { id: sessionID },
    body: { parts: [{ type: "text", text }] },
  });
  return unwrap("session.prompt", r).parts;
}

export async function deleteSession(client: OpencodeClient, sessionID: string): Promise<boolean> {
  const r = await client.session.delete({ path: { id: sessionID } });
  return unwrap("session.delete", r);
}

/** Manual compaction (fires experimental.session.compacting, then session.compacted). */
export async function summarize(client: OpencodeClient, sessionID: string): Promise<boolean> {
  const r = await client.session.summarize({
    path: { id: sessionID },
    body: { providerID: PROVIDER_ID, modelID: MODEL_ID },
  });
  return unwrap("session.summarize", r);
}

/** Polls `fn` until it returns a truthy value (returned); fails naming `what` and the last error. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  timeoutMs: number,
  what: string,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const why = lastError === undefined ? "" : ` (last error: ${String(lastError)})`;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
  }
}
