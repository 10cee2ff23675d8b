/**
 * Readers for the host payloads several features share, so each shape is parsed in one place.
 */
import { validId } from "../hooks/events.js";
import type { ParsedEvent } from "../hooks/types.js";
import type { Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";
import { CONTINUATION_MARKER, userText } from "./text.js";

export interface FailedToolPart {
  tool: string | null;
  callID: string | null;
  error: string | null;
  input: unknown;
}

/** A tool part in state "error" from message.part.updated (failed tools never reach tool.execute.after). */
export function failedToolPart(ev: ParsedEvent): FailedToolPart | null {
  const part = ev.properties.part as
    | {
        type?: unknown;
        tool?: unknown;
        callID?: unknown;
        state?: { status?: unknown; error?: unknown; input?: unknown };
      }
    | undefined;
  if (part?.type !== "tool" || part.state?.status !== "error") return null;
  return {
    tool: typeof part.tool === "string" ? part.tool : null,
    callID: typeof part.callID === "string" ? part.callID : null,
    error: typeof part.state.error === "string" ? part.state.error : null,
    input: part.state.input,
  };
}

/** A message the user typed (chat.message), not one Atreides sent itself: its session and text. */
export function userTurn(
  rt: Runtime,
  input: { sessionID?: unknown },
  parts: unknown,
): { s: Session; text: string } | null {
  const sid = validId(input?.sessionID);
  if (!sid) return null;
  const s = rt.registry.touch(sid);
  const text = userText(parts);
  if (!text || text.startsWith(CONTINUATION_MARKER)) return null;
  return { s, text };
}
