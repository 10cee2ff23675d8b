// Toasts: filtered by severity, throttled per session and type, and never throwing — with no TUI,
// a client that throws synchronously, or one whose promise rejects.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Notifier } from "../../../src/main/notify.js";
import { SessionRegistry } from "../../../src/main/session/registry.js";
import { DEFAULT_CONFIG } from "../../../src/shared/config/schema.js";

const reg = () => new SessionRegistry(DEFAULT_CONFIG.limits);

test("severity filter and per-session, per-type throttle", () => {
  const sent: { body: { title: string; variant: string } }[] = [];
  const client = { tui: { showToast: async (o: never) => void sent.push(o) } };
  const r = reg();
  const n = new Notifier(client as never, { minSeverity: "warning", throttleMs: 60_000 }, r);
  r.touch("a");
  r.touch("b");
  n.notify("a", "x", "info", "t", "m");
  assert.equal(n.counters.filtered, 1);
  n.notify("a", "security.blocked", "error", "t1", "m");
  n.notify("a", "security.blocked", "error", "t2", "m");
  n.notify("a", "error.escalation", "error", "t3", "m");
  n.notify("b", "security.blocked", "error", "t4", "m");
  assert.deepEqual(
    sent.map((s) => s.body.title),
    ["t1", "t3", "t4"],
  );
  assert.equal(n.counters.throttled, 1);
  r.delete("a", "deleted");
  // Left: session b and b's throttle entry; a's went with it.
  assert.equal(r.entryCount(), 2);
});

test("never throws: no TUI, sync throw, async rejection", async () => {
  const r = reg();
  const cfg = { minSeverity: "info" as const, throttleMs: 0 };
  new Notifier({} as never, cfg, r).notify(null, "x", "error", "t", "m");
  const thrower = new Notifier(
    {
      tui: {
        showToast: () => {
          throw new Error("boom");
        },
      },
    } as never,
    cfg,
    r,
  );
  thrower.notify(null, "x", "error", "t", "m");
  assert.equal(thrower.counters.failed, 1);
  const rejecter = new Notifier(
    { tui: { showToast: () => Promise.reject(new Error("no tui")) } } as never,
    cfg,
    r,
  );
  rejecter.notify(null, "x", "error", "t", "m");
  await new Promise((res) => setImmediate(res));
  assert.equal(rejecter.counters.failed, 1);
});
