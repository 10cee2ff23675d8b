/**
 * Crash-safe state: a change bumps the session's version and schedules a debounced save; a periodic
 * safety pass saves whatever is still dirty; session.deleted saves a final copy. The I/O worker
 * writes atomically and never runs two saves of one session at once. A session this process has
 * not seen before is reloaded from its state file (resume), gated by the barrier.
 */
import { decodeStateFileText } from "../../shared/state/persisted.js";
import { mergeResumed, toPersisted } from "../../shared/state/session-state.js";
import type { Feature } from "../hooks/types.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";

// Of the dispose deadline, the longest spent waiting for state reloads still in flight.
const kDisposeLoadWaitMs = 500;

export function persistenceFeature(rt: Runtime): Feature {
  const { registry, cfg } = rt;
  // Sessions whose state file is still loading: saving one now would write a fresh state over the
  // saved one, and a crash before the merged save would lose the saved history. Owned by the registry.
  const loading = registry.keyedMap<true>();
  const pendingLoads = new Set<Promise<void>>();
  const save = (s: Session): void => {
    if (loading.has(s.id)) return;
    if (s.savedVersion === s.version && s.version > 0) return;
    s.savedVersion = s.version;
    const body = JSON.stringify(
      toPersisted(s.state, cfg.limits.persistedToolHistory, cfg.limits.phaseHistory),
    );
    rt.pipeline.pushState(s.id, body);
  };

  registry.own({
    name: "persistence",
    onCreate(s) {
      loading.set(s.id, true);
      const p = rt.io.loadState(s.id).then((text) => {
        if (registry.get(s.id) !== s) return; // the session went away (or was replaced) meanwhile
        loading.delete(s.id);
        // Changes made while loading were held back; the merge below (or this) saves them.
        if (s.version !== s.savedVersion) rt.onChange(s);
        if (!text) return;
        const loaded = decodeStateFileText(text);
        if (!loaded || loaded.sessionID !== s.id) return;
        s.state = mergeResumed(loaded, s.state, {
          toolHistory: cfg.limits.toolHistory,
          phaseHistory: cfg.limits.phaseHistory,
        });
        s.prompt = null;
        changed(rt, s);
        rt.log.write(s.id, "info", "state.restored", "state restored from disk", {
          phase: loaded.phase,
          todos: loaded.todos.length,
          strikes: loaded.strikes,
        });
      });
      rt.barrier.add(s.id, p);
      pendingLoads.add(p);
      const done = () => void pendingLoads.delete(p);
      p.then(done, done);
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
      else if (!s.timers.has("autosave"))
        registry.setTimer(s, "autosave", cfg.persistence.debounceMs, () => save(s));
    };
    const safety = setInterval(() => {
      for (const s of registry.all()) if (s.version !== s.savedVersion) save(s);
    }, cfg.persistence.safetyIntervalMs);
    safety.unref();
    rt.disposers.push(() => clearInterval(safety));
  }

  return {
    name: "persistence",
    // Reloads still running at dispose are waited for (briefly), so their sessions' changes are
    // merged and saved by the final pass instead of being held back by the gate.
    dispose: async () => {
      if (pendingLoads.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((r) => {
        timer = setTimeout(r, kDisposeLoadWaitMs);
      });
      await Promise.race([Promise.allSettled([...pendingLoads]), late]);
      clearTimeout(timer);
    },
    events: {
      "session.deleted": (_ev, s) => {
        if (!s) return;
        registry.clearTimer(s, "autosave");
        s.version++;
        save(s);
      },
    },
  };
}
