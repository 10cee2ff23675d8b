/**
 * Workflow phases inferred from what the agent does: intent from the first user message, then
 * exploration / implementation / verification from tools and bash command classes.
 */

import { pushCapped } from "../../shared/state/session-state.js";
import { classifyIntent, nextPhase, type Phase, phaseForTool } from "../../shared/workflow/index.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";
import { userTurn } from "./events.js";

export function workflowFeature(rt: Runtime): Feature {
  const { registry, cfg } = rt;
  const move = (s: Session, to: Phase, by: string) => {
    const st = s.state;
    const next = nextPhase(st.phase, to);
    if (next === st.phase) return;
    pushCapped(
      st.phaseHistory,
      { from: st.phase, to: next, at: Date.now(), by: by.slice(0, 100) },
      cfg.limits.phaseHistory,
    );
    rt.log.write(s.id, "info", "phase.transition", `${st.phase} → ${next}`, { from: st.phase, to: next, by });
    st.phase = next;
    changed(rt, s);
  };
  return {
    name: "workflow",
    hooks: {
      "chat.message": async (input, output) => {
        const turn = userTurn(rt, input, output?.parts);
        if (!turn) return;
        const { s, text } = turn;
        if (s.state.intent === "unknown" || s.state.phase === "idle") {
          const intent = classifyIntent(text);
          if (intent !== s.state.intent) {
            s.state.intent = intent;
            changed(rt, s);
          }
        }
        if (s.state.phase === "idle" || s.state.phase === "verification") move(s, "intent", "user message");
      },
      "tool.execute.after": async (input) => {
        const sid = validId(input.sessionID);
        if (!sid) return;
        const s = registry.touch(sid);
        const suggested = phaseForTool(String(input.tool), input.args, s.state.phase);
        if (suggested) move(s, suggested, String(input.tool));
      },
    },
  };
}
