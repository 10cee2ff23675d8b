import type { Hooks } from "@opencode-ai/plugin";
import type { Session } from "../session/registry.js";

/** The two-argument hooks OpenCode calls; `event`, `tool`, `dispose` are composed separately. */
export type FnHookName =
  | "chat.message"
  | "chat.params"
  | "tool.execute.before"
  | "tool.execute.after"
  | "experimental.chat.system.transform"
  | "experimental.session.compacting"
  | "experimental.text.complete";

export type HookFn<K extends FnHookName> = NonNullable<Hooks[K]>;

export interface ParsedEvent {
  type: string;
  sessionID: string | null;
  properties: Record<string, unknown>;
}

export type EventHandler = (ev: ParsedEvent, session: Session | null) => void | Promise<void>;

/** A feature contributes handlers; a disabled feature is not built at all (no `if` on the hot path). */
export interface Feature {
  name: string;
  hooks?: { [K in FnHookName]?: HookFn<K> };
  events?: Record<string, EventHandler>;
  tools?: NonNullable<Hooks["tool"]>;
  dispose?: () => void | Promise<void>;
}

/** The one deliberate throw into OpenCode: blocking a tool call. Everything else is caught. */
export class AtreidesBlock extends Error {
  override name = "AtreidesBlock";
}
