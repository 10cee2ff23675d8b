/**
 * Crash soak: the crash harness of tests/reliability/crash.test.ts with many more kills.
 *
 *   npm run build && node build/bench/soak/crash-soak.js [--kills 200] [--rate 800] [--flush 100]
 *                                                        [--max-delay 900] [--seed N] [--json out.json]
 *
 * Prints a Markdown summary (kills, tool calls, records lost, worst loss window, torn lines,
 * violations) and exits 1 if any violation was found. Writes only under a temp dir it removes
 * (and the --json file when asked).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatCrashReport, runCrashHarness } from "../../tests/fixtures/reliability/crash-harness.js";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a non-negative number`);
  return v;
}

const kills = flag("kills", 200);
const flushIntervalMs = flag("flush", 100);
const callsPerSecond = flag("rate", 800);
const maxKillDelayMs = flag("max-delay", 900);
const seedArg = process.argv.indexOf("--seed");
const jsonAt = process.argv.indexOf("--json");
const root = mkdtempSync(join(tmpdir(), "atreides-soak-"));
const started = Date.now();
try {
  const report = await runCrashHarness({
    root,
    kills,
    flushIntervalMs,
    callsPerSecond,
    maxKillDelayMs,
    ...(seedArg !== -1 ? { seed: flag("seed", 0) } : {}),
    onRound: (r) => {
      if ((r.round + 1) % 20 === 0) process.stderr.write(`  ${r.round + 1}/${kills} kills\n`);
    },
  });
  process.stdout.write(
    `## Crash soak (${((Date.now() - started) / 1000).toFixed(0)} s)\n\n${formatCrashReport(report)}\n`,
  );
  const windows = report.rounds.filter((r) => r.lost > 0).map((r) => r.lossWindowMs);
  const startup = report.rounds.filter(
    (r) => r.oldestLostAfterReadyMs !== null && r.oldestLostAfterReadyMs < 300,
  );
  process.stdout.write(
    `rounds with losses: ${windows.length}; of those starting < 300 ms after hooks were ready: ${startup.length}\n`,
  );
  for (const v of report.violations.slice(0, 20)) process.stdout.write(`VIOLATION: ${v}\n`);
  if (jsonAt !== -1 && process.argv[jsonAt + 1])
    writeFileSync(process.argv[jsonAt + 1]!, JSON.stringify(report, null, 2));
  if (report.violations.length > 0) process.exitCode = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
