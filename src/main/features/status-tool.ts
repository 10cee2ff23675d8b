/**
 * `atreides_status`: lets a user ask the agent "what does Atreides see?" — phase, todos, strikes,
 * tool stats and what was blocked, for the calling session.
 */
import { z } from "zod";
import { pendingTodos } from "../../shared/todos/index.js";
import type { Feature } from "../hooks/types.js";
import type { Runtime } from "../runtime.js";

export function statusToolFeature(rt: Runtime): Feature {
  return {
    name: "status-tool",
    tools: {
      atreides_status: {
        description:
          "Show what the Atreides plugin tracks for this session: workflow phase, todos, error strikes, tool statistics and blocked calls.",
        args: { verbose: z.boolean().optional().describe("Include the recent tool history") } as never,
        async execute(args: { verbose?: boolean }, ctx: { sessionID: string }) {
          const s = rt.registry.get(ctx.sessionID);
          if (!s) return "Atreides has no state for this session yet.";
          const st = s.state;
          const pending = pendingTodos(st.todos);
          const lines = [
            `Atreides status (persona ${rt.cfg.identity.personaName})`,
            `phase: ${st.phase}; intent: ${st.intent}; think: ${st.think.level}`,
            `strikes: ${st.strikes}/${rt.cfg.recovery.maxStrikes}${st.escalated ? " (escalated)" : ""}${st.lastError ? `; last error: ${st.lastError.category} in ${st.lastError.tool}` : ""}`,
            `todos: ${pending.length} open of ${st.todos.length}${
              pending.length
                ? `\n${pending
                    .slice(0, 10)
                    .map((t) => `  - [${t.status === "in_progress" ? "-" : " "}] ${t.content}`)
                    .join("\n")}`
                : ""
            }`,
            `continuations: ${st.continuation.count}${st.continuation.stoppedReason ? ` (stopped: ${st.continuation.stoppedReason})` : ""}`,
            `tools: ${st.stats.toolCalls} calls, ${st.stats.toolErrors} failed; ${Object.entries(
              st.stats.byTool,
            )
              .map(([k, v]) => `${k}×${v}`)
              .join(", ")}`,
            `security: ${st.security.blocked} blocked, ${st.security.asked} risky allowed${st.security.lastBlock ? `; last: ${st.security.lastBlock.tool}: ${st.security.lastBlock.reason}` : ""}`,
          ];
          if (args?.verbose)
            lines.push(
              `recent tools: ${
                st.toolHistory
                  .slice(-10)
                  .map((t) => `${t.tool}${t.ok ? "" : "✗"}`)
                  .join(" ") || "none"
              }`,
            );
          return lines.join("\n");
        },
      } as never,
    },
  };
}
