/**
 * Todo tracking and continuation. OpenCode has no "stop" hook: todos come from todo.updated events,
 * todowrite results and markdown checklists in assistant text; when the session goes idle with
 * pending or in-progress todos, Atreides prompts the agent to continue — with loop breakers: a
 * maximum per session, exponential backoff, no-progress detection, none after a user abort or a
 * session error, blocked/cancelled todos never count, and the feature switch.
 */
import {
  type ChecklistParse,
  MAX_CHECKLIST_SCAN,
  mergeTodos,
  normalizeTodos,
  pendingTodos,
  type Todo,
  todosFingerprint,
} from "../../shared/todos/index.js";
import { validId } from "../hooks/events.js";
import type { Feature } from "../hooks/types.js";
import { TickBatch } from "../offload/tick-batch.js";
import { changed, type Runtime } from "../runtime.js";
import type { Session } from "../session/registry.js";
import { CONTINUATION_MARKER, userText } from "./text.js";

// Assistant text shorter than this cannot hold a checklist item; skip the parse entirely.
const kMinChecklistChars = 6;

export function todosFeature(rt: Runtime, opts: { continuation: boolean }): Feature {
  const { registry, cfg } = rt;

  const setTodos = (s: Session, todos: Todo[], source: string) => {
    if (todosFingerprint(todos) === todosFingerprint(s.state.todos)) return;
    s.state.todos = todos;
    const pending = pendingTodos(todos).length;
    rt.log.write(s.id, "info", "todo.updated", `${pending} pending of ${todos.length}`, {
      source,
      total: todos.length,
      pending,
    });
    changed(rt, s);
  };

  const parses = new TickBatch<{ s: Session; text: string }>(async (all) => {
    // parseChecklist reads only this head: a longer text is cut here, after the hook returned (reading
    // a huge string first flattens it), and is never copied to a worker.
    const items = all.map((it) =>
      it.text.length > MAX_CHECKLIST_SCAN ? { ...it, text: it.text.slice(0, MAX_CHECKLIST_SCAN) } : it,
    );
    let bytes = 0;
    for (const it of items) bytes += it.text.length;
    const { results } = await rt.dispatcher.run(
      "parseChecklists",
      { texts: items.map((i) => i.text) },
      bytes,
    );
    items.forEach((it, i) => {
      const r = results[i] as ChecklistParse | undefined;
      if (!r || !registry.has(it.s.id) || (r.items.length === 0 && r.completions.length === 0)) return;
      const merged = mergeTodos(it.s.state.todos, r);
      if (merged.changed) setTodos(it.s, merged.todos, "assistant text");
    });
  });

  const cancelContinuation = (s: Session) => registry.clearTimer(s, "continue");

  const maybeContinue = (s: Session) => {
    const st = s.state;
    const c = st.continuation;
    const pending = pendingTodos(st.todos);
    if (pending.length === 0) return;
    const stop = (reason: string) => {
      if (c.stoppedReason === reason) return;
      c.stoppedReason = reason;
      rt.log.write(s.id, "info", "todo.continuation-stopped", reason, {
        pending: pending.length,
        continuations: c.count,
      });
      changed(rt, s);
    };
    if (st.flags.userAborted) return stop("the user aborted the last turn");
    if (st.flags.errored) return stop("the last turn ended with a session error");
    if (c.count >= cfg.todos.maxContinuations) {
      if (c.stoppedReason === null)
        rt.notifier.notify(
          s.id,
          "todo.pending",
          "warning",
          "Todos still pending",
          `${pending.length} todo(s) left after ${c.count} continuation(s).`,
        );
      return stop(`maximum of ${cfg.todos.maxContinuations} continuations reached`);
    }
    const fp = todosFingerprint(st.todos);
    if (c.count > 0 && fp === c.lastFingerprint)
      return stop("no progress on the todo list since the last continuation");
    const delay = cfg.todos.backoffMs * 2 ** c.count;
    c.count++;
    c.lastFingerprint = fp;
    c.lastAt = Date.now();
    changed(rt, s);
    const n = c.count;
    registry.setTimer(s, "continue", delay, () => {
      if (!registry.has(s.id)) return;
      const list = pendingTodos(s.state.todos)
        .slice(0, 10)
        .map((t) => `- [${t.status === "in_progress" ? "-" : " "}] ${t.content.slice(0, 200)}`)
        .join("\n");
      const text = `${CONTINUATION_MARKER} (${n}/${cfg.todos.maxContinuations}) You stopped with todos still open:\n${list}\nContinue with the next one. If one is blocked or no longer needed, mark it so in the todo list instead of stopping silently.`;
      rt.log.write(s.id, "info", "todo.continuation", `continuation ${n}/${cfg.todos.maxContinuations}`, {
        pending: pending.length,
      });
      rt.notifier.notify(
        s.id,
        "todo.continuation",
        "info",
        "Continuing open todos",
        `${pending.length} todo(s) left.`,
      );
      try {
        const session = rt.input.client?.session as
          | { promptAsync?: (o: unknown) => Promise<unknown>; prompt?: (o: unknown) => Promise<unknown> }
          | undefined;
        const send = session?.promptAsync ?? session?.prompt;
        const r = send?.call(session, { path: { id: s.id }, body: { parts: [{ type: "text", text }] } });
        Promise.resolve(r).catch(() => {});
      } catch {
        // no client: nothing to continue with
      }
    });
  };

  const feature: Feature = {
    name: "todos",
    hooks: {
      "tool.execute.after": async (input, output) => {
        if (input.tool !== "todowrite") return;
        const sid = validId(input.sessionID);
        if (!sid) return;
        const meta = output?.metadata as { todos?: unknown } | undefined;
        const raw = meta?.todos ?? (input.args as { todos?: unknown } | undefined)?.todos;
        if (raw !== undefined) setTodos(registry.touch(sid), normalizeTodos(raw), "todowrite");
      },
      "experimental.text.complete": async (input, output) => {
        const sid = validId(input.sessionID);
        const text = output?.text;
        if (!sid || typeof text !== "string" || text.length < kMinChecklistChars) return;
        // Cheap prefilter: no bracket box and no completion word means nothing to parse. A text too
        // long to read in a hook goes to the batch unfiltered (the batch reads only its head).
        if (
          text.length <= MAX_CHECKLIST_SCAN &&
          !text.includes("[") &&
          !/\b(?:complete|finish|done|marked|fix|resolv|address)\w*/i.test(text) &&
          !text.includes("✅")
        )
          return;
        const s = registry.touch(sid);
        rt.barrier.add(s.id, parses.push({ s, text }));
      },
    },
    events: {
      "todo.updated": (ev, s) => {
        if (s) setTodos(s, normalizeTodos(ev.properties.todos), "todo.updated");
      },
      "session.error": (ev, s) => {
        if (!s) return;
        const name = (ev.properties.error as { name?: unknown } | undefined)?.name;
        if (name === "MessageAbortedError") s.state.flags.userAborted = true;
        else s.state.flags.errored = true;
        cancelContinuation(s);
        changed(rt, s);
      },
    },
  };

  // A new message from the user resets the loop breakers; our own continuation prompts do not.
  feature.hooks!["chat.message"] = async (input, output) => {
    const sid = validId(input.sessionID);
    if (!sid) return;
    const s = registry.touch(sid);
    if (userText(output?.parts).startsWith(CONTINUATION_MARKER)) return;
    cancelContinuation(s);
    const st = s.state;
    if (st.continuation.count || st.continuation.stoppedReason || st.flags.userAborted || st.flags.errored) {
      st.continuation = { count: 0, lastFingerprint: null, lastAt: 0, stoppedReason: null };
      st.flags = { userAborted: false, errored: false };
      changed(rt, s);
    }
  };

  if (opts.continuation) {
    feature.events!["session.idle"] = async (_ev, s) => {
      if (!s) return;
      // Todos parsed from the last assistant text must be in before deciding.
      await rt.barrier.wait(s.id, 200);
      maybeContinue(s);
    };
  }
  return feature;
}
