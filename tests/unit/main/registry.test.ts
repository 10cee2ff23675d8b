// The lifecycle registry: session.deleted, the idle sweeper and the session cap leave nothing behind.
import assert from "node:assert/strict";
import { test } from "node:test";
import { SessionRegistry } from "../../../src/main/session/registry.js";
import { DEFAULT_CONFIG } from "../../../src/shared/config/schema.js";

function make(now: { t: number }, limits = {}) {
  return new SessionRegistry({ ...DEFAULT_CONFIG.limits, ...limits }, () => now.t);
}

test("delete leaves zero per-session entries: state, call trackers, timers, owned maps", () => {
  const now = { t: 1_000 };
  const r = make(now);
  const owned = r.keyedMap<number>();
  let ownerCalls = 0;
  r.own({ name: "t", onDelete: () => ownerCalls++ });
  for (let i = 0; i < 50; i++) {
    const s = r.touch(`ses_${i}`);
    r.startCall(s, `call_${i}_a`, "bash");
    r.startCall(s, `call_${i}_b`, "read");
    r.markCall(s, `call_${i}_c`);
    r.setTimer(s, "autosave", 60_000, () => assert.fail("timer fired after delete"));
    owned.set(s.id, i);
  }
  assert.ok(r.entryCount() > 50 * 4);
  for (let i = 0; i < 50; i++) assert.ok(r.delete(`ses_${i}`, "deleted"));
  assert.equal(r.entryCount(), 0);
  assert.equal(r.size, 0);
  assert.equal(owned.size, 0);
  assert.equal(ownerCalls, 50);
  assert.equal(r.delete("ses_0", "deleted"), false, "second delete is a no-op");
});

test("call trackers are keyed by callID: parallel calls of one tool do not collide", () => {
  const r = make({ t: 0 });
  const s = r.touch("s");
  r.startCall(s, "c1", "bash");
  r.startCall(s, "c2", "bash");
  assert.equal(r.endCall(s, "c1")?.tool, "bash");
  assert.equal(s.calls.size, 1);
  assert.ok(r.endCall(s, "c2"));
  assert.equal(r.endCall(s, "c2"), undefined);
});

test("orphan call trackers are capped per session", () => {
  const r = make({ t: 0 });
  const s = r.touch("s");
  for (let i = 0; i < 1000; i++) r.startCall(s, `c${i}`, "bash");
  assert.ok(s.calls.size <= 256);
  assert.ok(r.counters.orphanCalls >= 744);
});

test("the sweeper evicts sessions idle past the TTL and keeps active ones", () => {
  const now = { t: 0 };
  const ttl = DEFAULT_CONFIG.limits.sessionIdleTtlMs;
  const r = make(now);
  for (let i = 0; i < 10; i++) r.touch(`old_${i}`);
  now.t = ttl / 2;
  r.touch("fresh");
  r.touch("old_3"); // activity refreshes
  now.t = ttl + 1;
  assert.equal(r.sweep(), 9);
  assert.deepEqual([...r.all()].map((s) => s.id).sort(), ["fresh", "old_3"]);
  now.t = 3 * ttl;
  assert.equal(r.sweep(), 2);
  assert.equal(r.entryCount(), 0);
});

test("the session cap evicts the least recently used", () => {
  const r = make({ t: 0 }, { maxSessions: 3 });
  r.touch("a");
  r.touch("b");
  r.touch("c");
  r.touch("a");
  r.touch("d");
  assert.deepEqual(
    [...r.all()].map((s) => s.id),
    ["c", "a", "d"],
  );
  assert.equal(r.counters.evicted, 1);
});

test("sweeper timer is unref'd and stops", () => {
  const r = make({ t: 0 });
  r.startSweeper();
  r.startSweeper();
  r.stopSweeper();
  r.clear();
  assert.equal(r.size, 0);
});
