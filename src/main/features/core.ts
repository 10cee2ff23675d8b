/**
 * Lifecycle records in the session log, flush on idle, and the hook-error summary. Always on.
 */

import type { Feature } from "../hooks/types.js";
import type { Runtime } from "../runtime.js";

export function coreFeature(rt: Runtime): Feature {
  return {
    name: "core",
    events: {
      "session.created": (ev, s) => {
        if (!s) return;
        rt.log.write(s.id, "info", "session.created", "session created", {
          directory: rt.input.directory,
          title:
            typeof (ev.properties.info as { title?: unknown })?.title === "string"
              ? (ev.properties.info as { title: string }).title.slice(0, 200)
              : undefined,
        });
        // The first session is the moment threads are worth starting: pre-warm, never awaited.
        rt.pool?.warm();
      },
      "session.idle": (_ev, s) => {
        if (!s) return;
        rt.log.write(s.id, "debug", "session.idle", "session idle");
        void rt.pipeline.flushNow();
      },
      "session.compacted": (_ev, s) => {
        if (s) rt.log.write(s.id, "info", "session.compacted", "context compacted");
      },
      "session.error": (ev, s) => {
        if (!s) return;
        const err = ev.properties.error as { name?: unknown } | undefined;
        rt.log.write(s.id, "warn", "session.error", "session error", {
          name: typeof err?.name === "string" ? err.name : "unknown",
        });
      },
      "session.deleted": (_ev, s) => {
        if (!s) return;
        const st = s.state;
        rt.log.write(s.id, "info", "session.deleted", "session deleted", {
          phase: st.phase,
          toolCalls: st.stats.toolCalls,
          toolErrors: st.stats.toolErrors,
          strikes: st.strikes,
          blocked: st.security.blocked,
        });
      },
    },
  };
}
