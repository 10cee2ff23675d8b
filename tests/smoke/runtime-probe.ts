// Run under a given runtime (node, or OpenCode's embedded Bun via BUN_BE_BUN=1 opencode <this file>):
// start the real CPU pool and I/O worker, run one task of each kind, write logs and state, close.
// Prints one JSON line with what happened; exits non-zero on any failure.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CpuPool } from "../../src/main/offload/cpu-pool.js";
import { Dispatcher } from "../../src/main/offload/dispatcher.js";
import { IoClient } from "../../src/main/offload/io-client.js";
import { IO_WORKER_URL } from "../../src/main/offload/worker-urls.js";
import { DEFAULT_SCAN_OPTIONS } from "../../src/shared/scan/index.js";
import { encodeStateFile } from "../../src/shared/state/file-format.js";
import { createTaskContext } from "../../src/shared/tasks/execute.js";

const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), "atreides-probe-"));
const out: Record<string, unknown> = {
  runtime: (process.versions as Record<string, string>).bun
    ? `bun ${(process.versions as Record<string, string>).bun}`
    : `node ${process.version}`,
};
try {
  const workerData = {
    redactor: { homeDir: "/home/tester", customPatterns: [] },
    scan: DEFAULT_SCAN_OPTIONS,
  };
  const pool = new CpuPool({ threads: 2, idleTimeoutMs: 5_000, maxQueue: 16, workerData });
  const d = new Dispatcher(createTaskContext(workerData), pool, { thresholdBytes: 0, timeoutMs: 10_000 });
  const secret = "ghp_0123456789abcdefghijABCDEFGHIJ012345";
  const [red, scan, todos] = await Promise.all([
    d.run("redactLines", { lines: [JSON.stringify({ msg: `token ${secret}` })] }, 1 << 20),
    d.run(
      "scanOutputs",
      { items: [{ tool: "bash", output: "bash: foo: command not found", exitCode: 127 }] },
      1 << 20,
    ),
    d.run("parseChecklists", { texts: ["- [ ] one\n- [x] two"] }, 1 << 20),
  ]);
  out.pooled = d.counters.pooled;
  out.redacted = !red.lines[0]!.includes(secret);
  out.scanCategory = scan.results[0]!.category;
  out.todos = todos.results[0]!.items.length;
  const t0 = performance.now();
  await pool.close();
  out.poolCloseMs = Math.round(performance.now() - t0);

  const io = new IoClient(
    {
      logDir: join(dir, "logs"),
      stateDir: join(dir, "state"),
      maxFileBytes: 1 << 20,
      maxSessionBytes: 1 << 24,
      flushIntervalMs: 20,
      maxBufferedBytes: 1 << 22,
      fsync: false,
      logRetention: { maxFiles: 100, maxTotalBytes: 1 << 30, maxAgeDays: 30 },
      stateRetention: { maxFiles: 100, maxTotalBytes: 1 << 30, maxAgeDays: 30 },
      retentionDelayMs: 60_000,
    },
    IO_WORKER_URL,
  );
  const ack = await io.submit(
    [{ sessionID: "ses_probe", lines: ['{"level":30,"msg":"hello"}\n'] }],
    [
      {
        sessionID: "ses_probe",
        text: encodeStateFile("ses_probe", '{"sessionID":"ses_probe"}', Date.now(), 1),
      },
    ],
  );
  out.ioAck = ack?.accepted ?? null;
  out.ioInProcess = io.counters.inProcess;
  const t1 = performance.now();
  await io.close(2_000);
  out.ioCloseMs = Math.round(performance.now() - t1);
  out.logFiles = readdirSync(join(dir, "logs")).length;
  out.logText = readFileSync(join(dir, "logs", "ses_probe.jsonl"), "utf8").trim();
  out.stateFiles = readdirSync(join(dir, "state")).filter((f) => f.endsWith(".state.json")).length;
  out.totalMs = Math.round(performance.now() - started);
  process.stdout.write(`${JSON.stringify(out)}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ ...out, error: String((err as Error)?.stack ?? err) })}\n`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
