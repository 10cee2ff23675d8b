/**
 * Scenario 1, hook latency: main-thread µs per bash tool call (tool.execute.before + after +
 * logging, and every deferred effect: scan, redaction, flush, write) at outputs of 256 B to 8 MiB,
 * ASCII and non-ASCII.
 *
 * Method: one fresh subject per (column, size, charset). Calls are issued back to back, each
 * awaited like OpenCode does, with one event-loop turn between calls so per-tick batching behaves
 * as in a real host. The window closes after settle() (all scans applied, logs flushed and
 * written). Main-thread time is the host thread's own CPU time (bench/lib/measure.ts; pool and I/O
 * threads excluded); ELU active time is kept alongside. The driver's own cost (an empty subject) is
 * subtracted.
 */

import { toolCall } from "../lib/calls.js";
import { flagString, parseArgs, progress } from "../lib/cli.js";
import { COMMANDS } from "../lib/host.js";
import { busyClock, loopStarted, nextTurn, openBusyWindow } from "../lib/measure.js";
import { openSession, selectKinds, withSubject } from "../lib/plan.js";
import {
  atLeast,
  atMost,
  type ChartPanel,
  COLUMNS,
  combine,
  emit,
  info,
  newResult,
  type Row,
} from "../lib/report.js";
import { MiB, percentile, sig } from "../lib/stats.js";
import type { Subject, SubjectKind } from "../lib/subjects.js";
import { type Charset, OUTPUT_SIZES, QUICK_OUTPUT_SIZES, sizeLabel, toolOutput } from "../lib/text.js";

const args = parseArgs();
const started = performance.now();

// Calls per configuration: enough for a stable mean at small sizes; at large sizes the naive
// baseline costs up to ~1 s per call, so a wall budget per configuration caps the run.
const FULL_CALLS: Record<number, number> = { 256: 1500, 2048: 1500, 51200: 500, [MiB]: 100, [8 * MiB]: 20 };
const QUICK_CALLS: Record<number, number> = { 256: 100, 2048: 100, 51200: 30 };
const BUDGET_MS = args.quick ? 400 : 1000;
// Each cell is measured this many times, in fresh subjects, with the columns interleaved, and the
// median kept: on a shared 2-core machine one run varies by ±30%.
const REPS = args.quick ? 1 : 3;
// At least this many calls even when over budget (a mean of fewer is noise).
const MIN_CALLS = 3;
const WARMUP_CALLS = args.quick ? 10 : 100;

const KINDS: readonly SubjectKind[] = ["naive", "inline", "default", "poolOnly"];
const kinds = selectKinds(args, KINDS);
// --sizes 2048,51200 and --charsets ascii narrow the grid (for investigating one cell).
const sizeFlag = flagString(args, "sizes");
const sizes: readonly number[] = sizeFlag
  ? sizeFlag.split(",").map(Number)
  : args.quick
    ? QUICK_OUTPUT_SIZES
    : OUTPUT_SIZES;
const charsets = (flagString(args, "charsets")?.split(",") ?? ["ascii", "unicode"]) as Charset[];

interface Measured {
  calls: number;
  busyMsTotal: number;
  grossUs: number;
  /** ELU active µs per call (wall time the loop was busy; inflated when the machine is loaded). */
  eluUs: number | null;
  latencyP50Us: number;
  latencyP99Us: number;
  counters?: unknown;
}

let seq = 0;

async function runCalls(
  s: Subject,
  output: string,
  n: number,
  budgetMs: number,
): Promise<{ calls: number; lat: number[] }> {
  const lat: number[] = [];
  const deadline = performance.now() + budgetMs;
  let i = 0;
  for (; i < n && (i < MIN_CALLS || performance.now() < deadline); i++) {
    seq++;
    lat.push(
      await toolCall(s, {
        sessionID: "ses_bench_latency",
        callID: `call_${seq}`,
        command: COMMANDS[seq % COMMANDS.length]!,
        output,
        exit: 0,
      }),
    );
    await nextTurn();
  }
  return { calls: i, lat };
}

async function measure(kind: SubjectKind, output: string, n: number): Promise<Measured | null> {
  return withSubject(kind, "latency", async (s) => {
    await openSession(s, "ses_bench_latency");
    await runCalls(s, output, Math.min(WARMUP_CALLS, n), BUDGET_MS / 4);
    await s.settle();
    const w = openBusyWindow();
    const { calls, lat } = await runCalls(s, output, n, BUDGET_MS);
    await s.settle();
    const { busyMs, eluActiveMs } = w.stop();
    const d = s.ours?.runtime?.dispatcher.counters;
    return {
      calls,
      busyMsTotal: busyMs,
      grossUs: (busyMs * 1000) / calls,
      eluUs: eluActiveMs === null ? null : (eluActiveMs * 1000) / calls,
      latencyP50Us: percentile(lat, 50),
      latencyP99Us: percentile(lat, 99),
      counters: d ? { ...d } : undefined,
    };
  });
}

await loopStarted();
const result = newResult(
  "hook-latency",
  "main-thread µs per tool call (before + after + logging + deferred work)",
  args,
  kinds.map((k) => COLUMNS[k as keyof typeof COLUMNS]),
);

// Process warm-up (module graph, JIT of the shared code paths), not recorded.
for (const k of kinds) if (k !== "naive") await measure(k, toolOutput(2048, "ascii"), args.quick ? 20 : 300);

/** Median by main-thread CPU of REPS fresh measurements. */
function medianOf(ms: (Measured | null)[]): Measured | null {
  const ok = ms.filter((m): m is Measured => m !== null).sort((a, b) => a.grossUs - b.grossUs);
  return ok.length === 0 ? null : ok[Math.floor((ok.length - 1) / 2)]!;
}

// Driver overhead: the same loop against no-op hooks.
const emptyRuns: (Measured | null)[] = [];
for (let r = 0; r < REPS; r++)
  emptyRuns.push(await measure("empty", toolOutput(256, "ascii"), args.quick ? 200 : 1500));
const empty = medianOf(emptyRuns);
const driverUs = empty ? empty.grossUs : 0;
const driverEluUs = empty?.eluUs ?? 0;
progress(`driver overhead ${sig(driverUs)} µs/call`);

const raw: Record<string, Record<string, Measured | null>> = {};
const panels: ChartPanel[] = [];
for (const cs of charsets) {
  const panel: ChartPanel = {
    title: cs === "ascii" ? "ASCII output" : "non-ASCII output (CJK + emoji)",
    categories: [],
    series: {},
  };
  for (const k of kinds) panel.series[k] = [];
  for (const size of sizes) {
    const output = toolOutput(size, cs);
    const n = (args.quick ? QUICK_CALLS : FULL_CALLS)[size] ?? 10;
    const key = `${cs}:${size}`;
    raw[key] = {};
    const runs: Record<string, (Measured | null)[]> = Object.fromEntries(kinds.map((k) => [k, []]));
    for (let r = 0; r < REPS; r++) for (const k of kinds) runs[k]!.push(await measure(k, output, n));
    for (const k of kinds) {
      const m = medianOf(runs[k]!);
      raw[key]![k] = m;
      const all = runs[k]!.map((x) => (x ? sig(x.grossUs - driverUs) : "—")).join(", ");
      progress(
        `${cs} ${sizeLabel(size)} ${k}: ${m ? `${sig(m.grossUs - driverUs)} µs/call (runs: ${all}; ${m.calls} calls each)` : "failed"}`,
      );
    }
    const net = (k: SubjectKind): number | null => {
      const m = raw[key]![k];
      return m ? Math.max(0, m.grossUs - driverUs) : null;
    };
    const values: Record<string, number | null> = {};
    for (const k of kinds) values[k] = net(k);
    panel.categories.push(sizeLabel(size));
    for (const k of kinds) panel.series[k]!.push(values[k] ?? null);

    const verdicts = [];
    const targets: string[] = [];
    const def = values.default ?? null;
    if (size === 2048) {
      targets.push("≤ 15 µs");
      verdicts.push(atMost(def, 15, "µs"));
    }
    if (size === 50 * 1024 && values.naive != null && def != null) {
      targets.push("≥ 10× below naive");
      verdicts.push(atLeast(def > 0 ? values.naive / def : Number.POSITIVE_INFINITY, 10, "×"));
    }
    if (values.inline != null && values.poolOnly != null && def != null) {
      targets.push("default ≤ 1.1× best of inline/pool-only");
      const best = Math.min(values.inline, values.poolOnly);
      verdicts.push(atMost(best > 0 ? def / best : 1, 1.1, "×"));
    }
    const row: Row = {
      ...info(`${sizeLabel(size)} ${cs === "ascii" ? "ASCII" : "non-ASCII"}`, "µs/call", values),
      target: targets.join("; "),
    };
    if (verdicts.length > 0) Object.assign(row, combine(...verdicts));
    result.rows.push(row);
  }
  panels.push(panel);
}

// Host-visible latency (what OpenCode waits for per call) at the two sizes that matter most.
for (const size of [2048, 50 * 1024]) {
  const key = `ascii:${size}`;
  if (!raw[key]) continue;
  const values: Record<string, number | null> = {};
  for (const k of kinds) values[k] = raw[key]![k]?.latencyP50Us ?? null;
  result.rows.push(info(`host-visible hook latency p50, ${sizeLabel(size)} ASCII`, "µs", values));
}

// The same cells by ELU active time (wall clock while the loop was busy), for the two target sizes.
for (const size of [2048, 50 * 1024]) {
  const key = `ascii:${size}`;
  if (!raw[key]) continue;
  const values: Record<string, number | null> = {};
  for (const k of kinds) {
    const e = raw[key]![k]?.eluUs;
    values[k] = e == null ? null : Math.max(0, e - driverEluUs);
  }
  // Bun has no working ELU: leave the rows out rather than print empty ones.
  if (Object.values(values).some((v) => v !== null))
    result.rows.push(
      info(`${sizeLabel(size)} ASCII, ELU active time (wall, incl. waiting for a CPU)`, "µs/call", values),
    );
}

result.chart = { unit: "main-thread CPU µs per tool call (log scale)", columns: result.columns, panels };
const routing = raw["ascii:51200"]?.default?.counters;
result.notes.push(
  `µs/call = CPU time of the host thread (clock: ${busyClock}) over the measured calls plus settle(), divided by calls, minus the driver's own ${sig(driverUs)} µs/call (the same loop with no-op hooks). Pool and I/O worker threads are not counted: that is the point of offloading.`,
  `Calls per run: up to ${JSON.stringify(args.quick ? QUICK_CALLS : FULL_CALLS)} (by size in bytes) or ${BUDGET_MS} ms, after ${WARMUP_CALLS} warm-up calls; each cell is the median of ${REPS} runs in fresh subjects, columns interleaved.`,
  "naive logs 2 debug records per call (original defaults: all levels on); ours logs 1 info record per call (logging.toolDebug off by default).",
  "OpenCode itself cuts tool output to 50 KiB before tool.execute.after; the 1 MiB and 8 MiB rows model other hosts and MCP tools.",
);
if (routing)
  result.notes.push(`Dispatcher routing for ours default at 50 KiB ASCII: ${JSON.stringify(routing)}.`);
result.extra = { driverUs, driverEluUs, raw };
emit(result, args, started);
