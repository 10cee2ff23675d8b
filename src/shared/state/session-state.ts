/**
 * Per-session state: what Atreides knows about one OpenCode session. Plain data (no Maps, no class),
 * so it serialises with one JSON.stringify and reloads through the zod schema in ./persisted.ts.
 * Every collection here has a cap enforced by the functions below.
 */
import type { ErrorCategory } from "../scan/index.js";
import type { ThinkLevel } from "../think/index.js";
import type { Todo } from "../todos/index.js";
import type { Intent, Phase } from "../workflow/index.js";

export const STATE_VERSION = 1;

export interface PhaseChange {
  from: Phase;
  to: Phase;
  at: number;
  by: string;
}

export interface ToolRecord {
  tool: string;
  ok: boolean;
  at: number;
  ms: number | null;
}

export interface LastError {
  tool: string;
  category: ErrorCategory;
  signal: string | null;
  /** Redacted, sanitised and capped by the scanner; never raw tool output. */
  excerpt: string;
  at: number;
  /** The kind of work that failed (tool, or command class for bash); a success of the same kind resets strikes. */
  kind?: string;
}

export interface SecurityRecord {
  tool: string;
  rule: string | null;
  reason: string;
  at: number;
}

export interface SessionState {
  v: typeof STATE_VERSION;
  sessionID: string;
  createdAt: number;
  lastActivityAt: number;
  phase: Phase;
  intent: Intent;
  phaseHistory: PhaseChange[];
  toolHistory: ToolRecord[];
  strikes: number;
  escalated: boolean;
  lastError: LastError | null;
  todos: Todo[];
  think: { level: ThinkLevel; sticky: boolean };
  continuation: {
    count: number;
    lastFingerprint: string | null;
    lastAt: number;
    stoppedReason: string | null;
  };
  security: { blocked: number; asked: number; lastBlock: SecurityRecord | null };
  stats: { toolCalls: number; toolErrors: number; byTool: Record<string, number> };
  flags: { userAborted: boolean; errored: boolean };
  metadata: Record<string, unknown>;
}

export function createSessionState(sessionID: string, now: number): SessionState {
  return {
    v: STATE_VERSION,
    sessionID,
    createdAt: now,
    lastActivityAt: now,
    phase: "idle",
    intent: "unknown",
    phaseHistory: [],
    toolHistory: [],
    strikes: 0,
    escalated: false,
    lastError: null,
    todos: [],
    think: { level: "off", sticky: false },
    continuation: { count: 0, lastFingerprint: null, lastAt: 0, stoppedReason: null },
    security: { blocked: 0, asked: 0, lastBlock: null },
    stats: { toolCalls: 0, toolErrors: 0, byTool: {} },
    flags: { userAborted: false, errored: false },
    metadata: {},
  };
}

/** Append with a cap; drops from the front (oldest) in one splice. */
export function pushCapped<T>(list: T[], item: T, cap: number): void {
  list.push(item);
  if (list.length > cap) list.splice(0, list.length - cap);
}

// Distinct tool names counted per session; a misbehaving model inventing names cannot grow this.
const kMaxToolNames = 64;

export function recordTool(state: SessionState, rec: ToolRecord, cap: number): void {
  pushCapped(state.toolHistory, rec, cap);
  state.stats.toolCalls++;
  if (!rec.ok) state.stats.toolErrors++;
  const by = state.stats.byTool;
  if (by[rec.tool] !== undefined || Object.keys(by).length < kMaxToolNames)
    by[rec.tool] = (by[rec.tool] ?? 0) + 1;
  else by["(other)"] = (by["(other)"] ?? 0) + 1;
}

export interface MetadataLimits {
  metadataValueBytes: number;
  metadataTotalBytes: number;
}

/**
 * Store one metadata value if it fits: each value is capped in serialised bytes, and so is the total.
 * Returns false (and stores nothing) when it does not fit or cannot be serialised.
 */
export function setMetadata(
  state: SessionState,
  key: string,
  value: unknown,
  limits: MetadataLimits,
): boolean {
  let size: number;
  try {
    const json = JSON.stringify(value);
    if (json === undefined) return false;
    size = Buffer.byteLength(json) + Buffer.byteLength(key);
  } catch {
    return false;
  }
  if (size > limits.metadataValueBytes) return false;
  const prev = state.metadata[key];
  const others =
    metadataBytes(state) -
    (prev === undefined ? 0 : Buffer.byteLength(JSON.stringify(prev)) + Buffer.byteLength(key));
  if (others + size > limits.metadataTotalBytes) return false;
  state.metadata[key] = value;
  return true;
}

export function metadataBytes(state: SessionState): number {
  let n = 0;
  for (const [k, v] of Object.entries(state.metadata))
    n += Buffer.byteLength(k) + Buffer.byteLength(JSON.stringify(v));
  return n;
}

/** The persisted view: the in-memory state with history cut to the persisted caps. */
export function toPersisted(
  state: SessionState,
  persistedToolHistory: number,
  phaseHistory: number,
): SessionState {
  return {
    ...state,
    toolHistory: persistedToolHistory > 0 ? state.toolHistory.slice(-persistedToolHistory) : [],
    phaseHistory: state.phaseHistory.slice(-phaseHistory),
  };
}

/**
 * A session resumed in a new process: its state file loads asynchronously while the first hooks of
 * the new turn already ran. Merge what was saved with what happened since, so neither is lost.
 */
export function mergeResumed(
  saved: SessionState,
  current: SessionState,
  caps: { toolHistory: number; phaseHistory: number },
): SessionState {
  const fresh = current.toolHistory.length === 0 && current.phaseHistory.length === 0;
  const byTool = { ...saved.stats.byTool };
  for (const [k, v] of Object.entries(current.stats.byTool)) byTool[k] = (byTool[k] ?? 0) + v;
  return {
    ...saved,
    lastActivityAt: current.lastActivityAt,
    phase: fresh ? saved.phase : current.phase,
    intent: current.intent !== "unknown" ? current.intent : saved.intent,
    phaseHistory: [...saved.phaseHistory, ...current.phaseHistory].slice(-caps.phaseHistory),
    toolHistory: [...saved.toolHistory, ...current.toolHistory].slice(-caps.toolHistory),
    strikes: current.lastError ? current.strikes : saved.strikes,
    escalated: current.lastError ? current.escalated : saved.escalated,
    lastError: current.lastError ?? saved.lastError,
    todos: current.todos.length > 0 ? current.todos : saved.todos,
    think: current.think,
    continuation: current.continuation,
    flags: current.flags,
    security: {
      blocked: saved.security.blocked + current.security.blocked,
      asked: saved.security.asked + current.security.asked,
      lastBlock: current.security.lastBlock ?? saved.security.lastBlock,
    },
    stats: {
      toolCalls: saved.stats.toolCalls + current.stats.toolCalls,
      toolErrors: saved.stats.toolErrors + current.stats.toolErrors,
      byTool,
    },
    metadata: { ...saved.metadata, ...current.metadata },
  };
}
