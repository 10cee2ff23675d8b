/**
 * Tool-call bookkeeping keyed by callID (never by tool name): durations, history (capped), per-tool
 * counts, and the session-log record of each call. Failed calls are recorded from their tool part.
 */
import { recordTool } from "../../shared/state/session-state.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import { failedToolPart } from "./events.js";

// The command text logged per bash call; long heredocs are cut (the full text is in OpenCode's own DB).
const kMaxLoggedCommand = 500;

export function toolHistoryFeature(rt: Runtime): Feature {
  const { registry, cfg } = rt;
  const debug = cfg.logging.toolDebug && rt.log.isLevelEnabled("debug");
  const feature: Feature = {
    name: "tool-history",
    hooks: {
      "tool.execute.before": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid || typeof input.callID !== "string") return;
        const s = registry.touch(sid);
        registry.startCall(s, input.callID, String(input.tool));
        if (debug)
          rt.log.write(s.id, "debug", "tool.before", String(input.tool), {
            callID: input.callID,
            args: summarizeArgs(output?.args),
          });
      },
      "tool.execute.after": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid) return;
        const s = registry.touch(sid);
        const call = typeof input.callID === "string" ? registry.endCall(s, input.callID) : undefined;
        const ms = call ? Date.now() - call.startedAt : null;
        const meta = (output?.metadata ?? {}) as { exit?: unknown; truncated?: unknown };
        const exit = typeof meta.exit === "number" ? meta.exit : null;
        recordTool(
          s.state,
          { tool: String(input.tool), ok: exit === null || exit === 0, at: Date.now(), ms },
          cfg.limits.toolHistory,
        );
        changed(rt, s);
        const data: Record<string, unknown> = { tool: input.tool, callID: input.callID, ms };
        const cmd = (input.args as { command?: unknown } | undefined)?.command;
        if (typeof cmd === "string") data.command = cmd.slice(0, kMaxLoggedCommand);
        if (exit !== null) data.exit = exit;
        if (typeof output?.output === "string") data.outputChars = output.output.length;
        if (meta.truncated === true) data.truncated = true;
        if (typeof output?.title === "string" && output.title) data.title = output.title.slice(0, 200);
        rt.log.write(
          s.id,
          "info",
          "tool.after",
          `${input.tool} ${exit === null || exit === 0 ? "ok" : `exit ${exit}`}`,
          data,
        );
      },
    },
    events: {
      "message.part.updated": (ev, s) => {
        const part = s ? failedToolPart(ev) : null;
        if (!s || !part) return;
        const callID = part.callID;
        const call = callID ? registry.endCall(s, callID) : undefined;
        if (!call) return; // already recorded, or never started here
        const tool = part.tool ?? call.tool;
        recordTool(
          s.state,
          { tool, ok: false, at: Date.now(), ms: Date.now() - call.startedAt },
          cfg.limits.toolHistory,
        );
        changed(rt, s);
        const error = part.error?.slice(0, 300);
        rt.log.write(s.id, "warn", "tool.error", `${tool} failed`, { tool, callID, error });
      },
    },
  };
  return feature;
}

/** Keys and sizes of tool args, never their values (debug records only). */
function summarizeArgs(args: unknown): Record<string, string> | string {
  if (!args || typeof args !== "object") return typeof args;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args).slice(0, 20))
    out[k] = typeof v === "string" ? `string(${v.length})` : typeof v;
  return out;
}
