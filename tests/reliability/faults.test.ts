/**
 * Faults injected at the plugin level (createAtreides with real workers): a CPU worker that crashes
 * inside a task, a task that never ends, the I/O worker exiting mid-batch, a data dir the process
 * cannot write, and workers that cannot be constructed at all. In every case no hook throws into
 * the host, the session goes on (later hooks work, the system block is still built), and the
 * failure is visible in counters, the I/O stats and OpenCode's log.
 *
 * Covered below the plugin level and not repeated here: ENOSPC, EACCES and short writes through the
 * fs seam, and a slow disk (backpressure with counted drops, hooks never blocked) in
 * tests/unit/io/disk-errors.test.ts; the pool's deadline/crash/queue cases in
 * tests/integration/offload/pool.test.ts.
 */
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { bash, ev, type Host, makeHost, readLogRecords, systemPrompt, until } from "./helpers.js";

// A regression that hangs (a call on a dead worker, a stuck pipeline) fails instead of stalling the suite.
const kTestTimeoutMs = 120_000;
const MISBEHAVE = fileURLToPath(new URL("../fixtures/workers/misbehave.js", import.meta.url));
// A hook returns after recording; far below this even on a loaded machine (a safety bound, not a benchmark).
const kHookBoundMs = 1_000;

async function timed<T>(p: Promise<T>): Promise<number> {
  const t0 = performance.now();
  await p;
  return performance.now() - t0;
}

/** The session still works: a tool call is recorded and the system block is still appended. */
async function sessionGoesOn(h: Host, sid: string, mark: string): Promise<void> {
  await bash(h, sid, `call_${mark}`, mark);
  const system = await systemPrompt(h, sid);
  assert.equal(system.length, 2, "the Atreides block is still appended");
  assert.match(system[1]!, /atreides/i);
  assert.ok(h.rt.registry.get(sid)!.state.stats.toolCalls >= 1);
}

/** The failure is reported in OpenCode's log by the health check (which dispose also runs). */
async function visible(h: Host, re: RegExp): Promise<void> {
  const line = await h.rt.health.check();
  assert.match(String(line), re);
  assert.ok(
    h.hostLog.some((l) => l.startsWith("warn: health:") && re.test(l)),
    "written to OpenCode's log",
  );
}

function marksInLogs(h: Host): Set<string> {
  const marks = new Set<string>();
  for (const r of readLogRecords(join(h.dataDir, "logs"))) {
    const cmd = (r.data as { command?: unknown } | undefined)?.command;
    const m = typeof cmd === "string" ? /mark-\w+/.exec(cmd) : null;
    if (m) marks.add(m[0]);
  }
  return marks;
}

describe("fault injection at the plugin level", () => {
  test(
    "a CPU worker crashing inside a task: retried, degraded, replaced; the session goes on",
    { timeout: kTestTimeoutMs },
    async () => {
      // Threshold 0: every batch goes to the (misbehaving) pool.
      const h = makeHost(
        "atreides-fault-crash-",
        { offload: { poolSize: 1, inlineThresholdBytes: 0 } },
        { cpuWorker: MISBEHAVE },
      );
      try {
        const sid = "ses_crash";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        const ms = await timed(
          h.a.hooks["experimental.text.complete"]!({ sessionID: sid } as never, {
            text: "CRASH\n- [x] one\n- [ ] two",
          }),
        );
        assert.ok(ms < kHookBoundMs, `the hook returned in ${ms} ms`);
        await until(() => h.rt.dispatcher.counters.degraded >= 1, 15_000, "the crashed task to degrade");
        assert.ok(h.rt.pool!.counters.crashes >= 1, "the crash is counted");
        assert.equal(h.rt.dispatcher.counters.retried, 1, "retried once before degrading");
        await visible(h, /pool worker crashes \+2; tasks degraded \+1/);
        // A replacement worker runs the next task.
        await h.a.hooks["experimental.text.complete"]!({ sessionID: sid } as never, {
          text: "- [ ] alpha\n- [x] beta",
        });
        await until(
          () => h.rt.registry.get(sid)!.state.todos.length === 2,
          15_000,
          "the todos parsed in the pool",
        );
        await sessionGoesOn(h, sid, "mark-crash");
        await h.rt.pipeline.flushNow();
        await until(() => marksInLogs(h).has("mark-crash"), 10_000, "the log record");
      } finally {
        await h.cleanup();
      }
    },
  );

  test(
    "a task that never ends: cancelled at the deadline, degraded; hooks never wait for it",
    { timeout: kTestTimeoutMs },
    async () => {
      const h = makeHost(
        "atreides-fault-hang-",
        { offload: { poolSize: 1, inlineThresholdBytes: 0, taskTimeoutMs: 150 } },
        { cpuWorker: MISBEHAVE },
      );
      try {
        const sid = "ses_hang";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        const ms = await timed(
          h.a.hooks["experimental.text.complete"]!({ sessionID: sid } as never, {
            text: "HANG\n- [ ] never parsed",
          }),
        );
        assert.ok(ms < kHookBoundMs, `the hook returned in ${ms} ms`);
        // The system transform waits for pending results only briefly, never for the hung task.
        const t = await timed(systemPrompt(h, sid));
        assert.ok(t < kHookBoundMs, `system.transform returned in ${t} ms`);
        await until(() => h.rt.pool!.counters.timeouts >= 1, 10_000, "the deadline");
        await until(() => h.rt.dispatcher.counters.degraded >= 1, 10_000, "the degraded result");
        assert.equal(h.rt.registry.get(sid)!.state.todos.length, 0, "a degraded parse adds nothing");
        await visible(h, /pool task timeouts \+1/);
        await h.a.hooks["experimental.text.complete"]!({ sessionID: sid } as never, {
          text: "- [ ] after the hang",
        });
        await until(
          () => h.rt.registry.get(sid)!.state.todos.length === 1,
          10_000,
          "a later parse in the replaced worker",
        );
        await sessionGoesOn(h, sid, "mark-hang");
      } finally {
        await h.cleanup();
      }
    },
  );

  test(
    "the I/O worker exiting mid-batch (3×): restarted, and every record whose hook returned is on disk",
    { timeout: kTestTimeoutMs },
    async () => {
      const h = makeHost("atreides-fault-io-", {
        offload: { poolSize: 1 },
        logging: { flushIntervalMs: 10 },
      });
      try {
        const sid = "ses_iokill";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        const returned: string[] = [];
        let n = 0;
        const burst = async (count: number) => {
          for (let i = 0; i < count; i++) {
            const mark = `mark-io${++n}`;
            await bash(h, sid, `c${n}`, mark, "x".repeat(2_000));
            returned.push(mark);
            if (i % 20 === 0) await new Promise((r) => setTimeout(r, 2));
          }
        };
        await burst(100);
        for (let kill = 0; kill < 3; kill++) {
          await until(() => h.rt.io.workerForTest !== null, 10_000, "a live I/O worker");
          const w = h.rt.io.workerForTest!;
          const flowing = burst(150);
          await new Promise((r) => setTimeout(r, 15));
          await w.terminate();
          await flowing;
        }
        await burst(100);
        await sessionGoesOn(h, sid, "mark-io-after");
        await h.rt.pipeline.flushNow();
        assert.ok(h.rt.io.counters.restarts >= 3, `restarts counted (${h.rt.io.counters.restarts})`);
        await visible(h, /I\/O worker restarts \+[3-9]/);
        const stats = await h.rt.io.stats();
        assert.ok(stats, "the replacement worker answers");
        const t = await timed(h.a.hooks.dispose!());
        assert.ok(t < 3_000, `dispose finished in ${t} ms (nothing hung on the dead worker)`);
        const onDisk = marksInLogs(h);
        const lost = returned.filter((m) => !onDisk.has(m));
        assert.deepEqual(lost.slice(0, 5), [], `${lost.length} of ${returned.length} records lost`);
        assert.equal(h.rt.io.counters.droppedRecords, 0);
      } finally {
        await h.cleanup();
      }
    },
  );

  test(
    "a data dir the process cannot write: hooks go on, the error is visible, records written once it recovers",
    { timeout: kTestTimeoutMs },
    async () => {
      // Root ignores mode bits (CI runs as root), so there a path under a regular file (ENOTDIR) refuses
      // the writes instead; otherwise a read-only directory (EACCES).
      const asRoot = process.getuid?.() === 0;
      const tmp = mkdtempSync(join(tmpdir(), "atreides-fault-ro-"));
      const base = join(tmp, "blocked");
      if (asRoot) writeFileSync(base, "a regular file where the data dir should be\n");
      else {
        mkdirSync(base);
        chmodSync(base, 0o500);
      }
      const h = makeHost("atreides-fault-ro2-", {
        offload: { poolSize: 1 },
        logging: { dir: join(base, "logs"), flushIntervalMs: 10 },
        persistence: { dir: join(base, "state"), debounceMs: 0 },
      });
      try {
        const sid = "ses_ro";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        for (let i = 0; i < 30; i++) {
          const ms = await timed(bash(h, sid, `c${i}`, `mark-ro${i}`));
          assert.ok(ms < kHookBoundMs, `hook returned in ${ms} ms`);
        }
        await sessionGoesOn(h, sid, "mark-ro-x");
        await h.rt.pipeline.flushNow();
        await h.rt.io.flush();
        const stats = (await h.rt.io.stats())!;
        assert.match(String(stats.lastError), asRoot ? /ENOTDIR/ : /EACCES|EPERM/);
        assert.ok(
          stats.bufferedBytes > 0 || stats.recordsDropped > 0,
          "records are held for retry or counted as dropped",
        );
        assert.equal(stats.recordsWritten, 0);
        await visible(h, asRoot ? /last disk error: .*ENOTDIR/ : /last disk error: .*(EACCES|EPERM)/);

        // The disk comes back: the held records are written.
        if (asRoot) rmSync(base);
        else chmodSync(base, 0o700);
        await bash(h, sid, "c-late", "mark-ro-late");
        await h.rt.pipeline.flushNow();
        await until(
          async () => ((await h.rt.io.flush())?.recordsWritten ?? 0) >= 30,
          15_000,
          "the held records to be written",
        );
        const logs = readLogRecords(join(base, "logs"));
        const marks = new Set(
          logs.map((r) => /mark-ro\w*/.exec(String((r.data as { command?: string })?.command))?.[0]),
        );
        for (let i = 0; i < 30; i++)
          assert.ok(marks.has(`mark-ro${i}`), `mark-ro${i} written after recovery`);
        assert.ok(statSync(join(base, "state")).isDirectory());
      } finally {
        if (!asRoot) chmodSync(base, 0o700);
        await h.cleanup();
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );

  test(
    "workers that cannot be constructed: everything runs inline and in-process, logs still written",
    { timeout: kTestTimeoutMs },
    async () => {
      const h = makeHost(
        "atreides-fault-noworker-",
        { offload: { poolSize: 1, inlineThresholdBytes: 0 }, logging: { flushIntervalMs: 10 } },
        {
          ioWorker: new URL("file:///nonexistent-atreides-io-worker.js"),
          cpuWorker: "/nonexistent-atreides-cpu-worker.js",
        },
      );
      try {
        const sid = "ses_noworker";
        await ev(h, "session.created", { sessionID: sid, info: { id: sid } });
        for (let i = 0; i < 20; i++)
          await bash(h, sid, `c${i}`, `mark-nw${i}`, "Error: Cannot find module 'x'\n", 1);
        await h.a.hooks["experimental.text.complete"]!({ sessionID: sid } as never, {
          text: "- [ ] inline todo",
        });
        await until(() => h.rt.registry.get(sid)!.state.todos.length === 1, 15_000, "the inline parse");
        await until(() => h.rt.registry.get(sid)!.state.strikes > 0, 15_000, "the inline scan");
        await sessionGoesOn(h, sid, "mark-nw-x");
        await h.rt.pipeline.flushNow();
        await until(() => marksInLogs(h).has("mark-nw19"), 15_000, "the log written in-process");
        assert.equal(h.rt.io.counters.inProcess, true, "the I/O service runs in-process");
        assert.ok(h.rt.pool!.broken, "the pool is declared broken");
        assert.ok(h.rt.dispatcher.counters.inline > 0);
        await visible(h, /CPU worker threads cannot start.*the I\/O worker cannot start/);
        const t = await timed(h.a.hooks.dispose!());
        assert.ok(t < 3_000, `dispose finished in ${t} ms`);
      } finally {
        await h.cleanup();
      }
    },
  );
});
