/**
 * Toasts through the SDK client (`tui.showToast`), filtered by severity and throttled per session
 * and type. Fire-and-forget: a host without a TUI, or a failing call, costs a counter, never a throw.
 */
import type { PluginInput } from "@opencode-ai/plugin";
import type { AtreidesConfig } from "../shared/config/schema.js";
import type { SessionRegistry } from "./session/registry.js";

export type Severity = "info" | "success" | "warning" | "error";
const RANK: Record<Severity, number> = { info: 0, success: 1, warning: 2, error: 3 };
// Types per session that keep a throttle timestamp; there are only a handful of toast types.
const kMaxTypesPerSession = 16;
// Toasts stay on screen this long.
const kToastDurationMs = 5_000;

export class Notifier {
  private readonly last: Map<string, Map<string, number>>;
  readonly counters = { sent: 0, throttled: 0, filtered: 0, failed: 0 };
  /** Last toasts, newest last (capped), for tests and the status tool. */
  readonly recent: { type: string; title: string; message: string }[] = [];

  constructor(
    /** null: notifications are off (features.notifications false); nothing is sent or kept. */
    private readonly client: PluginInput["client"] | null,
    private readonly cfg: AtreidesConfig["notifications"],
    registry: SessionRegistry,
  ) {
    this.last = registry.keyedMap();
  }

  notify(sessionID: string | null, type: string, severity: Severity, title: string, message: string): void {
    if (this.client === null) return;
    if (RANK[severity] < RANK[this.cfg.minSeverity]) {
      this.counters.filtered++;
      return;
    }
    if (sessionID !== null && this.cfg.throttleMs > 0) {
      let m = this.last.get(sessionID);
      if (!m) {
        m = new Map();
        this.last.set(sessionID, m);
      }
      const now = Date.now();
      const prev = m.get(type);
      if (prev !== undefined && now - prev < this.cfg.throttleMs) {
        this.counters.throttled++;
        return;
      }
      if (m.size < kMaxTypesPerSession || m.has(type)) m.set(type, now);
    }
    this.recent.push({ type, title, message });
    if (this.recent.length > 20) this.recent.shift();
    try {
      const p = this.client?.tui?.showToast?.({
        body: { title, message: message.slice(0, 300), variant: severity, duration: kToastDurationMs },
      });
      this.counters.sent++;
      Promise.resolve(p).catch(() => {
        this.counters.failed++;
      });
    } catch {
      this.counters.failed++;
    }
  }
}
