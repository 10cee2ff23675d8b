/**
 * Think mode: a trigger in the user's message raises the reasoning budget of that turn's requests
 * through chat.params options (provider-appropriate), and reverts when the session goes idle unless
 * configured sticky.
 */
import {
  DEFAULT_THINK_TRIGGERS,
  detectThinkLevel,
  fitMaxOutputTokens,
  reasoningOptions,
  type ThinkOptions,
} from "../../shared/think/index.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import { userTurn } from "./events.js";

export function thinkFeature(rt: Runtime): Feature {
  const { registry, cfg } = rt;
  const t = cfg.thinkMode.triggers;
  const opts: ThinkOptions = {
    triggers: {
      think: t.think ?? DEFAULT_THINK_TRIGGERS.think,
      hard: t.hard ?? DEFAULT_THINK_TRIGGERS.hard,
      max: t.max ?? DEFAULT_THINK_TRIGGERS.max,
    },
  };
  return {
    name: "think",
    hooks: {
      "chat.message": async (input, output) => {
        const turn = userTurn(rt, input, output?.parts);
        if (!turn) return;
        const { s, text } = turn;
        const level = detectThinkLevel(text, opts);
        if (level === "off" || level === s.state.think.level) return;
        s.state.think = { level, sticky: cfg.thinkMode.sticky };
        rt.log.write(s.id, "info", "think.on", `think mode: ${level}`, { level });
        changed(rt, s);
      },
      "chat.params": async (input, output) => {
        const sid = validId(input.sessionID);
        if (!sid || input.agent === "title") return;
        const s = registry.get(sid);
        const level = s?.state.think.level ?? "off";
        if (level === "off" || !output?.options) return;
        const model = input.model as
          | { id?: string; providerID?: string; api?: { npm?: string }; limit?: { output?: number } }
          | undefined;
        const info = input.provider?.info as { id?: string; npm?: string } | undefined;
        const npm = model?.api?.npm ?? info?.npm;
        const extra = reasoningOptions(
          level,
          {
            providerID: String(model?.providerID ?? info?.id ?? ""),
            modelID: String(model?.id ?? ""),
            ...(npm ? { npm } : {}),
          },
          cfg.thinkMode.budgets,
        );
        mergeDeep(output.options, extra);
        // A thinking budget counts against the model's output limit; keep the sum under it.
        if (typeof output.maxOutputTokens === "number")
          output.maxOutputTokens = fitMaxOutputTokens(
            output.maxOutputTokens,
            output.options,
            model?.limit?.output,
          );
      },
    },
    events: {
      "session.idle": (_ev, s) => {
        if (!s || s.state.think.level === "off" || s.state.think.sticky) return;
        s.state.think = { level: "off", sticky: false };
        changed(rt, s);
      },
    },
  };
}

/** Merge provider options without replacing nested objects the host or another plugin set. */
function mergeDeep(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(extra)) {
    const cur = target[k];
    if (
      v &&
      typeof v === "object" &&
      !Array.isArray(v) &&
      cur &&
      typeof cur === "object" &&
      !Array.isArray(cur)
    )
      mergeDeep(cur as Record<string, unknown>, v as Record<string, unknown>);
    else target[k] = v;
  }
}
