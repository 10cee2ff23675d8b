/**
 * `npm run bench`: runs every scenario in a fresh child process, collects their JSON, prints one
 * Markdown table per scenario plus a System line, and writes results/latest.{json,md} and
 * results/chart.svg.
 *
 *   node build/bench/run.js [--quick] [--only a,b] [--runtime node|bun] [--out DIR]
 *
 * --quick     tiny sizes (seconds); written to results/quick/ so full results are kept
 * --only      run these scenarios; their results are merged into an existing latest.json
 * --runtime   bun: run scenarios with `BUN_BE_BUN=1 node_modules/.bin/opencode <script>` (the Bun
 *             inside OpenCode); default node
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { flagString, parseArgs } from "./lib/cli.js";
import { markdownSection, parseScenarioOutput, type ScenarioResult } from "./lib/report.js";
import { SCENARIOS } from "./lib/scenarios.js";
import { groupedBarChart } from "./lib/svg.js";
import { loadNow, type SystemInfo, systemInfo, systemLine } from "./lib/system.js";

// Per-scenario wall limit: a scenario that hangs must not hang the whole run.
const kTimeoutMs = { quick: 120_000, full: 900_000 };

interface RunFile {
  system: SystemInfo;
  quick: boolean;
  runtime: string;
  scenarios: Record<string, ScenarioResult | { scenario: string; error: string }>;
}

const here = dirname(fileURLToPath(import.meta.url));

function repoRoot(): string {
  let d = here;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, "package.json"))) return d;
    d = dirname(d);
  }
  throw new Error(`package.json not found above ${here}`);
}

function runScenario(
  name: string,
  quick: boolean,
  runtime: string,
  root: string,
): Promise<ScenarioResult | { scenario: string; error: string }> {
  const script = join(here, "scenarios", `${name}.js`);
  const flags = ["--json", ...(quick ? ["--quick"] : [])];
  const [cmd, argv, env] =
    runtime === "bun"
      ? [
          join(root, "node_modules", ".bin", "opencode"),
          [script, ...flags],
          { ...process.env, BUN_BE_BUN: "1" },
        ]
      : [process.execPath, ["--expose-gc", script, ...flags], process.env];
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderrTail = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      process.stderr.write(d);
      stderrTail = (stderrTail + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), quick ? kTimeoutMs.quick : kTimeoutMs.full);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const r = parseScenarioOutput(stdout);
      if (code === 0 && r) resolve(r);
      else
        resolve({
          scenario: name,
          error: `exit ${code ?? signal}; ${r ? "" : "no JSON result; "}${stderrTail.trim().split("\n").slice(-5).join(" / ")}`,
        });
    });
  });
}

function render(file: RunFile): string {
  const parts = ["# Atreides benchmark results", "", systemLine(file.system), ""];
  if (file.quick) parts.push("_Quick run: tiny sizes, not comparable with the targets._", "");
  if (file.system.load.start > file.system.cores || file.system.load.end > file.system.cores)
    parts.push(
      `_The load average exceeded the ${file.system.cores} cores: other processes competed for the CPUs during this run, which inflates delays and wall-clock numbers (thread-CPU numbers are affected least)._`,
      "",
    );
  for (const name of SCENARIOS) {
    const r = file.scenarios[name];
    if (!r) continue;
    if ("error" in r) parts.push(`### ${name}`, "", `**failed:** ${r.error}`, "");
    else parts.push(markdownSection(r), "");
  }
  return parts.join("\n");
}

async function main(): Promise<number> {
  const args = parseArgs();
  const root = repoRoot();
  const runtime = flagString(args, "runtime") ?? "node";
  if (runtime !== "node" && runtime !== "bun")
    throw new Error(`--runtime must be node or bun, got ${runtime}`);
  const only = flagString(args, "only")?.split(",") ?? null;
  const unknown = only?.filter((n) => !(SCENARIOS as readonly string[]).includes(n)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${SCENARIOS.join(", ")}`);
  const names = SCENARIOS.filter((n) => !only || only.includes(n));
  const outDir =
    flagString(args, "out") ??
    join(root, "bench", "results", ...(args.quick ? ["quick"] : []), ...(runtime === "bun" ? ["bun"] : []));

  const results: RunFile["scenarios"] = {};
  const t0 = performance.now();
  const loadStart = loadNow();
  for (const name of names) {
    process.stderr.write(`▶ ${name}${args.quick ? " (quick)" : ""} on ${runtime}\n`);
    results[name] = await runScenario(name, args.quick, runtime, root);
  }
  const first = Object.values(results).find((r): r is ScenarioResult => !("error" in r));
  const file: RunFile = {
    system: systemInfo(first?.runtime ?? runtime, loadStart),
    quick: args.quick,
    runtime,
    scenarios: results,
  };

  // --only: keep the other scenarios of an earlier run with the same settings.
  const jsonPath = join(outDir, "latest.json");
  if (only && existsSync(jsonPath)) {
    try {
      const prev = JSON.parse(readFileSync(jsonPath, "utf8")) as RunFile;
      if (prev.quick === file.quick && prev.runtime === file.runtime)
        file.scenarios = { ...prev.scenarios, ...results };
    } catch {
      // unreadable earlier results are replaced
    }
  }
  mkdirSync(outDir, { recursive: true });
  const md = render(file);
  writeFileSync(jsonPath, `${JSON.stringify(file, null, 2)}\n`);
  writeFileSync(join(outDir, "latest.md"), md);
  const latency = file.scenarios["hook-latency"];
  if (latency && !("error" in latency) && latency.chart) {
    const c = latency.chart;
    writeFileSync(
      join(outDir, "chart.svg"),
      groupedBarChart(`Atreides: ${latency.title}`, c.unit, c.columns, c.panels),
    );
  }
  process.stdout.write(`${md}\n`);
  process.stderr.write(
    `bench finished in ${((performance.now() - t0) / 1000).toFixed(0)} s; wrote ${outDir}\n`,
  );
  return Object.values(results).some((r) => "error" in r) ? 1 : 0;
}

process.exitCode = await main();
