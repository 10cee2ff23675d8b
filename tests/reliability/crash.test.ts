/**
 * The full plugin (real CPU pool and I/O worker) in a child process under heavy synthetic tool use,
 * SIGKILLed at random instants and restarted on the same data dir: state files always decode (and a
 * resumed session never goes back to an older saved state), logs are JSONL but for torn last lines
 * the readers skip, no raw secret reaches disk, and the records lost at a kill are at most about one
 * flush window old. The 200-kill soak of the same harness: `node build/bench/soak/crash-soak.js`.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { readRecords } from "../../src/cli/logs/records.js";
import type { StateWrite } from "../../src/shared/contracts/io-api.js";
import { decodeStateFileText } from "../../src/shared/state/persisted.js";
import { formatCrashReport, runCrashHarness } from "../fixtures/reliability/crash-harness.js";
import { bash, ev, makeHost } from "./helpers.js";

// A regression that hangs (a call on a dead worker, a stuck pipeline) fails instead of stalling the suite.
const kTestTimeoutMs = 120_000;
const KILLS = 20;
const FLUSH_MS = 100;
// A lost record may be one flush window old plus the time to redact and write its window. This
// bound is a safety net for a loaded CI machine, far above what a healthy run shows (the report
// prints the measured worst case); a stuck pipeline (a window never written) exceeds it by far.
const kProcessingSlackMs = 400;

describe("crash harness: SIGKILL the full plugin under load", () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), "atreides-crash-"));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test(
    `${KILLS} kills at random instants, each followed by a resume on the same data dir`,
    { timeout: kTestTimeoutMs },
    async (t) => {
      const report = await runCrashHarness({
        root,
        kills: KILLS,
        flushIntervalMs: FLUSH_MS,
        callsPerSecond: 800,
        minKillDelayMs: 20,
        maxKillDelayMs: 600,
      });
      for (const line of formatCrashReport(report).split("\n")) t.diagnostic(line);
      assert.deepEqual(report.violations, [], `violations (seed ${report.seed})`);
      assert.equal(report.kills, KILLS);
      assert.ok(report.returned > 200, `the load ran (${report.returned} tool calls returned)`);
      assert.ok(report.resumesChecked > 0, "resumed sessions were checked against their saved state");
      assert.ok(report.stateFilesChecked > KILLS, "state files were written and checked");
      assert.ok(
        report.worstLossMs <= FLUSH_MS + kProcessingSlackMs,
        `worst loss window ${report.worstLossMs} ms (seed ${report.seed})`,
      );

      // The CLI's reader takes every file as it is: the records it returns are the ones the harness
      // parsed, and torn lines are skipped, not fatal.
      const logDir = join(root, "data", "atreides", "logs");
      const files = readdirSync(logDir).map((n) => join(logDir, n));
      const read = await readRecords(files);
      assert.equal(read.records.length, report.logRecords);
    },
  );
});

describe("resume after a crash", () => {
  test(
    "a resumed session's saved state is never overwritten by a fresh one before it has reloaded",
    { timeout: kTestTimeoutMs },
    async () => {
      const sid = "ses_resume";
      const first = makeHost("atreides-resume-", { offload: { poolSize: 0 } });
      try {
        for (let i = 0; i < 5; i++) await bash(first, sid, `a${i}`, `mark-a${i}`);
        await first.a.hooks.dispose!();
        const file = join(first.dataDir, "state", `${sid}.state.json`);
        const saved = () => decodeStateFileText(readFileSync(file, "utf8"))!.stats.toolCalls;
        assert.equal(saved(), 5);

        // The next process: the I/O worker takes tens of ms to start, so the state reload is still
        // pending when the first flush windows (5 ms) go out. Capture every state sent for writing.
        const second = makeHost(
          "",
          { offload: { poolSize: 1 }, logging: { flushIntervalMs: 5 }, persistence: { debounceMs: 0 } },
          {},
          first.root,
        );
        const sent: StateWrite[] = [];
        const io = second.rt.io;
        const submit = io.submit.bind(io);
        io.submit = (spans, states) => {
          sent.push(...states);
          return submit(spans, states);
        };
        await ev(second, "session.updated", { sessionID: sid, info: { id: sid } });
        for (let i = 0; i < 3; i++) await bash(second, sid, `b${i}`, `mark-b${i}`);
        await second.rt.barrier.wait(sid, 10_000);
        await second.rt.pipeline.flushNow();
        await second.a.hooks.dispose!();
        const calls = sent
          .filter((w) => w.sessionID === sid)
          .map((w) => decodeStateFileText(w.text)?.stats.toolCalls);
        assert.ok(calls.length > 0, "the resumed session was saved");
        for (const n of calls)
          assert.ok(n !== undefined && n >= 5, `a save with toolCalls ${n} would overwrite the 5 saved`);
        assert.equal(saved(), 8, "saved history plus the new turn");
      } finally {
        rmSync(first.root, { recursive: true, force: true });
      }
    },
  );
});
