// The CPU pool with real worker threads: deadline overrun, crash, queue pressure, a pool that cannot
// start — in every case the caller gets a safe result and nothing throws.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { CpuPool } from "../../../src/main/offload/cpu-pool.js";
import { Dispatcher } from "../../../src/main/offload/dispatcher.js";
import { DEFAULT_SCAN_OPTIONS } from "../../../src/shared/scan/index.js";
import { createTaskContext } from "../../../src/shared/tasks/execute.js";

const MISBEHAVE = fileURLToPath(new URL("../../fixtures/workers/misbehave.js", import.meta.url));
const workerData = { redactor: { homeDir: "/home/tester", customPatterns: [] }, scan: DEFAULT_SCAN_OPTIONS };
const ctx = createTaskContext(workerData);
const SECRET = "AKIAIOSFODNN7EXAMPLE";
const line = (s: string) => JSON.stringify({ level: 30, time: 1, msg: "x", data: { out: s } });

function setup(opts: { filename?: string; timeoutMs?: number; threads?: number; maxQueue?: number } = {}) {
  const pool = new CpuPool({
    threads: opts.threads ?? 1,
    idleTimeoutMs: 1_000,
    maxQueue: opts.maxQueue ?? 16,
    workerData,
    ...(opts.filename ? { filename: opts.filename } : {}),
  });
  const d = new Dispatcher(ctx, pool, { thresholdBytes: 0, timeoutMs: opts.timeoutMs ?? 5_000 });
  return { pool, d };
}

describe("cpu pool (real threads)", () => {
  test("the real worker entry redacts in the pool, same result as inline", async () => {
    const { pool, d } = setup();
    try {
      const lines = [line(`key ${SECRET} here`), line("nothing secret")];
      const pooled = await d.run("redactLines", { lines }, 1 << 20);
      assert.equal(d.counters.pooled, 1);
      assert.deepEqual(pooled, d.inline("redactLines", { lines }));
      assert.ok(!pooled.lines[0]!.includes(SECRET));
    } finally {
      await pool.close();
    }
  });

  test("deadline overrun: task cancelled, worker replaced, result over-redacted (never raw)", async () => {
    const { pool, d } = setup({ filename: MISBEHAVE, timeoutMs: 200 });
    try {
      const out = await d.run("redactLines", { lines: [`HANG ${line(SECRET)}`] }, 1 << 20);
      assert.equal(pool.counters.timeouts, 1);
      assert.equal(d.counters.degraded, 1);
      assert.ok(!out.lines[0]!.includes(SECRET), "degraded result still hides the secret");
      // The pool still works after the hung worker was terminated. The replacement thread's start is
      // not part of the task's deadline question, so this call gets a generous one.
      const patient = new Dispatcher(ctx, pool, { thresholdBytes: 0, timeoutMs: 10_000 });
      const ok = await patient.run("redactLines", { lines: [line(`ok ${SECRET}`)] }, 1 << 20);
      assert.ok(!ok.lines[0]!.includes(SECRET));
      assert.equal(patient.counters.pooled, 1);
    } finally {
      await pool.close();
    }
  });

  test("worker crash: retried once, then degraded; the pool recovers", async () => {
    const { pool, d } = setup({ filename: MISBEHAVE });
    try {
      const scan = await d.run(
        "scanOutputs",
        { items: [{ tool: "bash", output: "x", exitCode: 2 }] },
        1 << 20,
      );
      assert.equal(scan.results[0]!.isError, true);
      const crashed = await d.run("parseChecklists", { texts: ["CRASH now"] }, 1 << 20);
      assert.deepEqual(crashed.results[0], { items: [], completions: [] });
      assert.equal(d.counters.retried, 1);
      assert.equal(d.counters.degraded, 1);
      assert.ok(pool.counters.crashes >= 2);
      const after = await d.run("parseChecklists", { texts: ["- [ ] write tests"] }, 1 << 20);
      assert.equal(after.results[0]!.items.length, 1);
    } finally {
      await pool.close();
    }
  });

  test("a pool whose worker cannot start falls back to inline, every call answered", async () => {
    const { pool, d } = setup({ filename: "/nonexistent/atreides-worker.js", timeoutMs: 2_000 });
    try {
      for (let i = 0; i < 5; i++) {
        const out = await d.run("redactLines", { lines: [line(SECRET)] }, 1 << 20);
        assert.ok(!out.lines[0]!.includes(SECRET));
      }
      assert.ok(pool.broken || d.counters.inline + d.counters.degraded >= 5);
    } finally {
      await pool.close();
    }
  });

  test("queue pressure: small batches go inline while the pool is busy; all results correct", async () => {
    const { pool, d } = setup({ maxQueue: 2 });
    try {
      const jobs = Array.from({ length: 40 }, (_, i) =>
        d.run("redactLines", { lines: [line(`${i} ${SECRET}`)] }, 10),
      );
      const dd = new Dispatcher(ctx, pool, { thresholdBytes: 0, timeoutMs: 5_000 });
      const big = Array.from({ length: 20 }, (_, i) =>
        dd.run("redactLines", { lines: [line(`${i} ${SECRET}`)] }, 1 << 20),
      );
      const all = await Promise.all([...jobs, ...big]);
      for (const r of all) assert.ok(!r.lines[0]!.includes(SECRET));
      assert.ok(dd.counters.pooled + dd.counters.overflowInline === 20);
    } finally {
      await pool.close();
    }
  });
});
