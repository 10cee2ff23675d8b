/**
 * The Atreides block in the system prompt, and the preserved state in compaction context. The
 * block is rebuilt only when its view changed, and is byte-identical otherwise (prompt caching).
 * Tool output reaches it only as the scanner's sanitised, redacted, capped excerpt.
 */
import {
  buildCompactionContext,
  buildSystemBlock,
  type PromptView,
  viewFingerprint,
} from "../../shared/prompt/index.js";
import { RECOVERY, sanitizeForPrompt } from "../../shared/scan/index.js";
import { pendingTodos } from "../../shared/todos/index.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";
import { agentsMdNote } from "./agents-md.js";

// How long a transform waits for this session's pending scans/parses before building anyway.
const kBarrierMs = 50;
// Compaction is rare and its summary is long-lived: worth waiting longer for pending results.
const kCompactionBarrierMs = 250;

export function promptView(rt: Runtime, s: Session): PromptView {
  const st = s.state;
  const max = rt.cfg.recovery.maxStrikes;
  const cat = st.lastError?.category ?? null;
  return {
    persona: rt.cfg.identity.personaName,
    phase: rt.cfg.features.workflow ? st.phase : "idle",
    intent: st.intent,
    strikes: st.strikes,
    maxStrikes: max,
    lastErrorCategory: st.strikes > 0 ? cat : null,
    recovery: st.strikes >= 2 && cat ? RECOVERY[cat] : null,
    lastErrorExcerpt:
      st.strikes > 0 && st.lastError?.excerpt ? sanitizeForPrompt(st.lastError.excerpt, 300) : null,
    escalated: st.escalated,
    pendingTodos: pendingTodos(st.todos).map((t: { content: string; status: string }) => ({
      content: t.content,
      status: t.status,
    })),
    thinkLevel: st.think.level,
    blockedRecently:
      st.security.lastBlock && Date.now() - st.security.lastBlock.at < 10 * 60_000
        ? st.security.lastBlock.reason
        : null,
  };
}

export function systemPromptFeature(rt: Runtime): Feature {
  const { registry } = rt;
  const agents = rt.cfg.systemPrompt.agentsMdCheck
    ? agentsMdNote(rt.input.directory, rt.input.worktree)
    : null;
  return {
    name: "system-prompt",
    hooks: {
      "experimental.chat.system.transform": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid || !Array.isArray(output?.system)) return;
        // The title request carries its own short system prompt; Atreides has nothing to add to it.
        if (output.system.length > 0 && /title generator/i.test(output.system[0]?.slice(0, 400) ?? ""))
          return;
        const s = registry.touch(sid);
        await rt.barrier.wait(sid, kBarrierMs);
        if (s.state.phase === "idle" && rt.cfg.features.workflow) {
          s.state.phase = "intent";
          changed(rt, s);
        }
        const view = promptView(rt, s);
        const fp = viewFingerprint(view) + (agents ? agents.fingerprint() : "");
        if (s.prompt?.fingerprint !== fp) {
          const note = agents?.text();
          s.prompt = { fingerprint: fp, text: buildSystemBlock(view) + (note ? `\n${note}` : "") };
        }
        output.system.push(s.prompt.text);
      },
    },
  };
}

export function compactionFeature(rt: Runtime): Feature {
  const { registry } = rt;
  return {
    name: "compaction",
    hooks: {
      "experimental.session.compacting": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid || !Array.isArray(output?.context)) return;
        const s = registry.touch(sid);
        await rt.barrier.wait(sid, kCompactionBarrierMs);
        const st = s.state;
        const done = st.todos.filter((t) => t.status === "completed").length;
        output.context.push(
          buildCompactionContext({
            ...promptView(rt, s),
            recentTools: st.toolHistory.slice(-10).map((t) => ({ tool: t.tool, ok: t.ok })),
            todoProgress: { done, total: st.todos.length },
          }),
        );
        rt.log.write(s.id, "info", "compaction.context", "preserved state added to compaction", {
          phase: st.phase,
          pendingTodos: st.todos.length - done,
          strikes: st.strikes,
        });
      },
    },
  };
}
