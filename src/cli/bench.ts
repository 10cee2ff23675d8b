/**
 * `atreides bench`: run the benchmark runner of a clone (build/bench/run.js) with a progress line,
 * then say where the report and chart went. The published package does not ship the benchmarks,
 * so there it explains how to run them from a clone instead.
 *
 * The runner's protocol (bench/run.ts): "▶ <scenario> …" on stderr when a scenario starts, the
 * scenarios' own "  · <message>" progress on stderr, the Markdown report on stdout, and finally
 * "bench finished in N s; wrote <dir>" on stderr; <dir> holds latest.md, latest.json and chart.svg.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isFile } from "./fsx.js";
import { CliError, type CliIo, EXIT } from "./io.js";
import { packageInfo } from "./package-info.js";

export interface BenchFlags {
  quick?: boolean;
  only?: string;
  out?: string;
}

// Spinner frame rate: smooth enough to show life, cheap enough to be invisible in a benchmark.
const kTickMs = 250;
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const SCENARIO_START = /^▶\s+(\S+)/;
const PROGRESS = /^\s*·\s+(.*)$/;
const WROTE = /\bwrote\s+(\S.*?)\s*$/;

export function benchRunner(root: string): string | null {
  const runner = join(root, "build", "bench", "run.js");
  return isFile(runner) ? runner : null;
}

/** How many scenarios a run will have (from the built scenario list); null when unknown. */
async function scenarioCount(root: string, only: string | undefined): Promise<number | null> {
  if (only) return only.split(",").filter(Boolean).length;
  try {
    const mod = (await import(pathToFileURL(join(root, "build", "bench", "lib", "scenarios.js")).href)) as {
      SCENARIOS?: unknown;
    };
    return Array.isArray(mod.SCENARIOS) ? mod.SCENARIOS.length : null;
  } catch {
    return null;
  }
}

export async function runBench(
  flags: BenchFlags,
  io: CliIo,
  root: string = packageInfo().root,
): Promise<number> {
  const runner = benchRunner(root);
  if (!runner) {
    if (existsSync(join(root, "bench"))) {
      throw new CliError(
        `the benchmark runner is not built (${join(root, "build", "bench", "run.js")} is missing)`,
        "run `npm run build` in this clone first (or simply `npm run bench -- --quick`)",
      );
    }
    throw new CliError(
      "the benchmarks are not part of the published package",
      "run them from a clone of the atreides-opencode repository: `npm install && npm run bench -- --quick`",
    );
  }
  const out = flags.out ? resolve(io.cwd, flags.out) : undefined;
  const args = [
    runner,
    ...(flags.quick ? ["--quick"] : []),
    ...(flags.only ? ["--only", flags.only] : []),
    ...(out ? ["--out", out] : []),
  ];
  const total = await scenarioCount(root, flags.only);
  const tty = io.stderrIsTTY;
  const started = Date.now();
  let scenario = "";
  let done = 0;
  let detail = "starting";
  let frame = 0;
  let wroteDir: string | null = null;
  const clear = () => tty && io.err("\r\x1b[2K");
  const draw = () => {
    if (!tty) return;
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    const count = total ? `[${Math.min(done, total)}/${total}]` : `[${done}]`;
    io.err(
      `\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${count} ${secs} s ${scenario}  ${detail}`.slice(0, 160),
    );
  };
  const child = spawn(process.execPath, args, { cwd: root, env: io.env, stdio: ["ignore", "pipe", "pipe"] });
  const onAbort = () => child.kill("SIGINT");
  io.signal.addEventListener("abort", onAbort, { once: true });
  const timer = tty ? setInterval(draw, kTickMs) : null;
  eachLine(child.stdout, (l) => {
    clear();
    io.out(`${l}\n`);
    draw();
  });
  eachLine(child.stderr, (l) => {
    const start = SCENARIO_START.exec(l);
    const wrote = WROTE.exec(l);
    if (wrote?.[1]) wroteDir = wrote[1];
    if (start?.[1]) {
      if (scenario) done++;
      scenario = start[1];
      detail = "";
    }
    const progress = PROGRESS.exec(l);
    if (tty && progress) {
      detail = progress[1] ?? "";
      draw();
      return;
    }
    clear();
    io.err(`${start && total ? `[${done + 1}/${total}] ` : ""}${l}\n`);
    draw();
  });
  const code = await new Promise<number>((finish) => {
    child.once("error", (err) => {
      io.err(`cannot start the benchmark runner: ${err.message}\n`);
      finish(EXIT.fail);
    });
    child.once("close", (c, sig) => finish(c ?? (sig ? EXIT.fail : EXIT.ok)));
  });
  if (timer) clearInterval(timer);
  io.signal.removeEventListener("abort", onAbort);
  clear();
  const dir = wroteDir ?? out ?? join(root, "bench", "results", ...(flags.quick ? ["quick"] : []));
  const found = ["latest.md", "latest.json", "chart.svg"].map((f) => join(dir, f)).filter(isFile);
  io.err(
    `\nbench ${code === 0 ? "finished" : `finished with failures (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  const report = found.filter((f) => !f.endsWith(".svg"));
  const chart = found.filter((f) => f.endsWith(".svg"));
  if (report.length) io.err(`report: ${report.join(", ")}\n`);
  if (chart.length) io.err(`chart:  ${chart.join("\n")}\n`);
  else io.err("chart:  none (the chart comes from the hook-latency scenario)\n");
  return code;
}

function eachLine(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buf = "";
  stream.setEncoding("utf8");
  stream.on("data", (c: string) => {
    buf += c;
    for (let nl = buf.indexOf("\n"); nl >= 0; nl = buf.indexOf("\n")) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  });
  stream.on("end", () => {
    if (buf) onLine(buf);
  });
}
