// Smoke run of every benchmark scenario at tiny size: each must exit 0 and print one parseable
// result with the shared shape. No timing is asserted (the numbers of a quick run mean nothing).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parseScenarioOutput } from "../../bench/lib/report.js";
import { SCENARIOS } from "../../bench/lib/scenarios.js";

const scenariosDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench", "scenarios");
// Generous per-scenario bound (quick runs take seconds); the suite as a whole stays under 2 minutes.
const kScenarioTimeoutMs = 90_000;

function runQuick(name: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--expose-gc", join(scenariosDir, `${name}.js`), "--quick", "--json"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGKILL"), kScenarioTimeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("bench scenarios, --quick", { concurrency: 2 }, () => {
  for (const name of SCENARIOS) {
    test(name, { timeout: kScenarioTimeoutMs + 5_000 }, async () => {
      const r = await runQuick(name);
      assert.equal(r.code, 0, `${name} exited ${r.code}: ${r.stderr.slice(-1500)}`);
      const result = parseScenarioOutput(r.stdout);
      assert.ok(result, `${name} printed no result JSON; stdout: ${r.stdout.slice(0, 500)}`);
      assert.equal(result.scenario, name);
      assert.equal(result.quick, true);
      assert.ok(result.columns.length >= 2, "at least two columns (a baseline and ours)");
      assert.ok(result.rows.length >= 1, "at least one row");
      const ids = new Set(result.columns.map((c) => c.id));
      for (const row of result.rows) {
        assert.equal(typeof row.metric, "string");
        assert.equal(typeof row.verdict, "string");
        assert.deepEqual(
          Object.keys(row.values).filter((k) => !ids.has(k)),
          [],
          `row "${row.metric}" has values for unknown columns`,
        );
        // Every column of every row was measured (null only where a subject has no such metric).
        assert.ok(
          Object.values(row.values).some((v) => v !== null),
          `row "${row.metric}" has no measured value`,
        );
      }
      // A subject that failed to run leaves its whole column empty.
      for (const c of result.columns)
        assert.ok(
          result.rows.some((row) => row.values[c.id] !== null && row.values[c.id] !== undefined),
          `column "${c.label}" has no value in any row (the subject failed; see stderr: ${r.stderr.slice(-800)})`,
        );
      // A row with a target must carry a verdict: met, missed by …, or not measured.
      for (const row of result.rows.filter((x) => x.target))
        assert.match(row.verdict, /^(met|missed by|not measured)/);
    });
  }
});
