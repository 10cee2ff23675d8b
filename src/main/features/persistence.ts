/**
 * Crash-safe state: a change bumps the session's version and schedules a debounced save; a periodic
 * safety pass saves whatever is still dirty; session.deleted saves a final copy. The I/O worker
 * writes atomically and never runs two saves of one session at once. A session this process has
 * not seen before is reloaded from its state file (resume), gated by the barrier.
 */
import { mergeResumed, toPersisted } from "../../shared/state/session-state.js";
import { decodeStateFileText } from "../../shared/state/persisted.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";

export interface Persistence {
  feature: Feature;
  save(s: Session): void;
}

export function persistenceFeature(rt: Runtime): Persistence {
  const { registry, cfg } = rt;
  const save = (s: Session): void => {
    if (s.savedVersion === s.version && s.version > 0) return;
    s.savedVersion = s.version;
    const body = JSON.stringify(toPersisted(s.state, cfg.limits.persistedToolHistory, cfg.limits.phaseHistory));
    rt.pipeline.pushState(s.id, body);
  };

  registry.own({
    name: "persistence",
    onCreate(s) {
      const p = rt.io.loadState(s.id).then((text) => {
        if (!text || !registry.has(s.id)) return;
        const loaded = decodeStateFileText(text);
        if (!loaded || loaded.sessionID !== s.id) return;
        s.state = mergeResumed(loaded, s.state, { toolHistory: cfg.limits.toolHistory, phaseHistory: cfg.limits.phaseHistory });
        s.prompt = null;
        changed(rt, s);
        rt.log.write(s.id, "info", "state.restored", "state restored from disk", {
          phase: loaded.phase,
          todos: loaded.todos.length,
          strikes: loaded.strikes,
        });
      });
      rt.barrier.add(s.id, p);
    },
    onDelete(s, reason) {
      if (reason !== "deleted") save(s);
    },
  });

  // On dispose every session with unsaved changes is saved before the pipeline drains.
  rt.disposers.push(() => {
    for (const s of registry.all()) if (s.version !== s.savedVersion) save(s);
  });

  if (cfg.persistence.autosave) {
    // One pending save per session: a burst of changes costs one timer, and a session that changes
    // continuously is still saved every debounceMs (a resetting debounce would never fire).
    rt.onChange = (s) => {
      if (cfg.persistence.debounceMs === 0) save(s);
      else if (!s.timers.has("autosave")) registry.setTimer(s, "autosave", cfg.persistence.debounceMs, () => save(s));
    };
    const safety = setInterval(() => {
      for (const s of registry.all()) if (s.version !== s.savedVersion) save(s);
    }, cfg.persistence.safetyIntervalMs);
    safety.unref();
    rt.disposers.push(() => clearInterval(safety));
  }

  return {
    save,
    feature: {
      name: "persistence",
      events: {
        "session.deleted": (_ev, s) => {
          if (!s) return;
          registry.clearTimer(s, "autosave");
          s.version++;
          save(s);
        },
      },
    },
  };
}
