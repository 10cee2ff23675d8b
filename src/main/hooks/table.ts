/**
 * Build the hook object once: each hook runs its features' handlers in a fixed order, each inside
 * an error boundary. Hooks no feature uses are absent. Only AtreidesBlock (the security block)
 * crosses into OpenCode; any other throw is counted, logged once per hook, and swallowed.
 */
import type { Hooks } from "@opencode-ai/plugin";
import type { Runtime } from "../runtime.js";
import { parseEvent } from "./events.js";
import { AtreidesBlock, type EventHandler, type Feature, type FnHookName, type HookFn } from "./types.js";

export const FN_HOOKS: readonly FnHookName[] = [
  "chat.message",
  "chat.params",
  "tool.execute.before",
  "tool.execute.after",
  "experimental.chat.system.transform",
  "experimental.session.compacting",
  "experimental.text.complete",
];

// Sessions are created by any event naming them, except the one that ends them.
const NO_CREATE = new Set(["session.deleted"]);

export function buildHookTable(
  rt: Runtime,
  features: readonly Feature[],
  dispose: () => Promise<void>,
): Hooks {
  const hooks: Hooks = {};
  const fail = (where: string, err: unknown) => recordHookError(rt, where, err);

  for (const name of FN_HOOKS) {
    const handlers = features.flatMap((f) =>
      f.hooks?.[name]
        ? [{ feature: f.name, fn: f.hooks[name] as (i: unknown, o: unknown) => Promise<void> }]
        : [],
    );
    if (handlers.length === 0) continue;
    const composed = async (input: unknown, output: unknown): Promise<void> => {
      for (const h of handlers) {
        try {
          await h.fn(input, output);
        } catch (err) {
          if (err instanceof AtreidesBlock) throw err;
          fail(`${name}/${h.feature}`, err);
        }
      }
    };
    (hooks as Record<string, unknown>)[name] = composed as HookFn<typeof name>;
  }

  const byType = new Map<string, { feature: string; fn: EventHandler }[]>();
  for (const f of features) {
    for (const [type, fn] of Object.entries(f.events ?? {})) {
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push({ feature: f.name, fn });
    }
  }
  hooks.event = async (arg) => {
    try {
      // Destructured inside the boundary: a missing argument is a malformed event, not a throw.
      const ev = parseEvent((arg as { event?: unknown } | null | undefined)?.event);
      if (!ev) {
        rt.counters.eventsMalformed++;
        return;
      }
      const session = ev.sessionID
        ? NO_CREATE.has(ev.type)
          ? (rt.registry.get(ev.sessionID) ?? null)
          : rt.registry.touch(ev.sessionID)
        : null;
      const list = byType.get(ev.type);
      if (!list) {
        rt.counters.eventsIgnored++;
        return;
      }
      for (const h of list) {
        try {
          await h.fn(ev, session);
        } catch (err) {
          fail(`event ${ev.type}/${h.feature}`, err);
        }
      }
      if (ev.type === "session.deleted" && ev.sessionID && rt.registry.delete(ev.sessionID, "deleted")) {
        hostLog(
          rt,
          "info",
          `session ${ev.sessionID} deleted; registry now holds ${rt.registry.size} sessions, ${rt.registry.entryCount()} entries`,
        );
      }
    } catch (err) {
      fail("event", err);
    }
  };

  const tools = Object.assign({}, ...features.map((f) => f.tools ?? {}));
  if (Object.keys(tools).length > 0) hooks.tool = tools;

  hooks.dispose = async () => {
    try {
      await dispose();
    } catch (err) {
      fail("dispose", err);
    }
  };
  return hooks;
}

// Per hook, the first error is logged in full; later ones only counted (a broken hook firing on
// every tool call must not flood the log).
export function recordHookError(rt: Runtime, where: string, err: unknown): void {
  rt.counters.hookErrors++;
  if (rt.lastErrors.has(where)) return;
  if (rt.lastErrors.size >= 64) return;
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  rt.lastErrors.set(where, msg.slice(0, 300));
  hostLog(rt, "error", `hook ${where} failed: ${msg.slice(0, 300)}`);
}

/** A line in OpenCode's own log (service "atreides"). Fire-and-forget; never throws. */
export function hostLog(
  rt: Pick<Runtime, "input">,
  level: "debug" | "info" | "warn" | "error",
  message: string,
): void {
  try {
    rt.input.client?.app?.log?.({ body: { service: "atreides", level, message } })?.catch?.(() => {});
  } catch {
    // logging must never throw either
  }
}
