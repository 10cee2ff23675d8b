/**
 * Reading a state file back: untrusted data (it may be from an older version, hand-edited, or torn
 * by a crash), so it goes through zod. Every field falls back on its own (`catch`), so one bad field
 * never throws away the rest of a session's state.
 */
import { z } from "zod";
import { ERROR_CATEGORIES, type ErrorCategory } from "../scan/index.js";
import { INTENTS, type Intent, PHASES, type Phase } from "../workflow/index.js";
import { splitStateFile } from "./file-format.js";
import { createSessionState, type SessionState } from "./session-state.js";

// The enums come from the modules that own them, so a new phase or category cannot be missed here.
const phase = z.enum(PHASES as [Phase, ...Phase[]]);
const intent = z.enum(INTENTS as [Intent, ...Intent[]]);
const category = z.enum(ERROR_CATEGORIES as [ErrorCategory, ...ErrorCategory[]]);
const num = z.number().finite();
const str = (max: number) => z.string().max(max);
const capped = <T extends z.ZodType>(item: T, max: number) =>
  z.array(z.unknown()).transform((a) =>
    a.slice(-max).flatMap((x) => {
      const r = item.safeParse(x);
      return r.success ? [r.data as z.output<T>] : [];
    }),
  );

// Caps on reload: a file edited to hold more than this is cut, never trusted to be bounded.
const kMaxItems = 500;

const body = z.object({
  sessionID: str(300),
  createdAt: num.catch(0),
  lastActivityAt: num.catch(0),
  phase: phase.catch("idle"),
  intent: intent.catch("unknown"),
  phaseHistory: capped(z.object({ from: phase, to: phase, at: num, by: str(200) }), kMaxItems).catch([]),
  toolHistory: capped(
    z.object({ tool: str(200), ok: z.boolean(), at: num, ms: num.nullable() }),
    kMaxItems,
  ).catch([]),
  strikes: z.number().int().min(0).max(1000).catch(0),
  escalated: z.boolean().catch(false),
  lastError: z
    .object({
      tool: str(200),
      category,
      signal: str(100).nullable(),
      excerpt: str(2000),
      at: num,
      kind: str(100).optional(),
    })
    .nullable()
    .catch(null),
  todos: capped(
    z.object({
      content: str(2000),
      status: z.enum(["pending", "in_progress", "completed", "cancelled", "blocked"]),
      priority: str(50).optional(),
    }),
    kMaxItems,
  ).catch([]),
  think: z
    .object({ level: z.enum(["off", "think", "hard", "max"]), sticky: z.boolean() })
    .catch({ level: "off", sticky: false }),
  continuation: z
    .object({
      count: num,
      lastFingerprint: str(200).nullable(),
      lastAt: num,
      stoppedReason: str(200).nullable(),
    })
    .catch({ count: 0, lastFingerprint: null, lastAt: 0, stoppedReason: null }),
  security: z
    .object({
      blocked: num,
      asked: num,
      lastBlock: z
        .object({ tool: str(200), rule: str(200).nullable(), reason: str(500), at: num })
        .nullable(),
    })
    .catch({ blocked: 0, asked: 0, lastBlock: null }),
  stats: z
    .object({ toolCalls: num, toolErrors: num, byTool: z.record(z.string().max(200), num) })
    .catch({ toolCalls: 0, toolErrors: 0, byTool: {} }),
  flags: z
    .object({ userAborted: z.boolean(), errored: z.boolean() })
    .catch({ userAborted: false, errored: false }),
  metadata: z.record(z.string().max(200), z.unknown()).catch({}),
});

/** Parse a whole state file; null when it is not a readable Atreides state file. */
export function decodeStateFileText(text: string): SessionState | null {
  const parts = splitStateFile(text);
  if (!parts) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(parts.body);
  } catch {
    return null;
  }
  const r = body.safeParse(raw);
  if (!r.success) return null;
  const base = createSessionState(r.data.sessionID, r.data.createdAt);
  return { ...base, ...r.data, v: base.v } as SessionState;
}
