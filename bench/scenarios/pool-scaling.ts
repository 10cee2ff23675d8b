/**
 * Scenario 7, pool scaling: redaction throughput of serialised log records (the pool's main job)
 * inline on the host thread, with poolSize 1 and with poolSize 2. Batches of ~256 KiB go through
 * runtime.dispatcher.run("redactLines"), 8 in flight, with the inline threshold at 0 so every
 * batch is pooled.
 *
 * The machine the targets were written for has 2 cores; the host thread also needs CPU (packing
 * each batch and unpacking its result), so 2 threads cannot reach 2× there.
 */
import { availableParallelism } from "node:os";
import { parseArgs, progress } from "../lib/cli.js";
import { loopStarted, openBusyWindow } from "../lib/measure.js";
import { warmPool, withSubject } from "../lib/plan.js";
import { atLeast, type Column, emit, info, newResult } from "../lib/report.js";
import { KiB, MiB, sig } from "../lib/stats.js";
import type { Subject, SubjectKind } from "../lib/subjects.js";
import { toolOutput } from "../lib/text.js";

const args = parseArgs();
const started = performance.now();
const TOTAL_BYTES = (args.quick ? 2 : 48) * MiB;
const BATCH_BYTES = 256 * KiB;
const IN_FLIGHT = 8;

function record(i: number): string {
  const sha = (i * 2654435761).toString(16).padStart(8, "0").repeat(5);
  return JSON.stringify({
    level: 30,
    time: 1_732_000_000_000 + i,
    msg: "bash ok",
    sessionID: `ses_scale_${i % 16}`,
    event: "tool.after",
    data: {
      tool: "bash",
      command: `curl -H 'Authorization: Bearer sk_live_${sha.slice(0, 24)}' https://api.example.com/v1/users/${i}`,
      note: `contact user${i}@example.com from 10.0.${i % 255}.${(i * 7) % 255}, commit ${sha}`,
      exit: 0,
      ms: i % 997,
    },
  });
}

function makeBatches(): { lines: string[]; bytes: number }[] {
  const batches: { lines: string[]; bytes: number }[] = [];
  let lines: string[] = [];
  let bytes = 0;
  let total = 0;
  for (let i = 0; total < TOTAL_BYTES; i++) {
    const r = record(i);
    lines.push(r);
    bytes += r.length;
    total += r.length;
    if (bytes >= BATCH_BYTES) {
      batches.push({ lines, bytes });
      lines = [];
      bytes = 0;
    }
  }
  if (lines.length > 0) batches.push({ lines, bytes });
  return batches;
}

interface Measured {
  mbPerS: number;
  busyMsPerMb: number;
  redactedOk: boolean;
  /** Host-thread µs per single awaited task, by task and input size (the inline-threshold calibration). */
  perTask: Record<string, number>;
  threads: number | null;
}

// Input sizes for the break-even rows: where a pooled task starts costing the host thread less
// than running it inline.
const BREAK_EVEN_KIB = [1, 4, 16, 64] as const;
const BREAK_EVEN_TASKS = args.quick ? 20 : 300;

/** Lines from the front of the first batch adding up to about `kib` KiB. */
function linesOf(kib: number, from: string[]): { lines: string[]; bytes: number } {
  const lines: string[] = [];
  let bytes = 0;
  for (const l of from) {
    if (bytes >= kib * KiB) break;
    lines.push(l);
    bytes += l.length;
  }
  return { lines, bytes };
}

/** Host-thread CPU µs per task, one task at a time (as a hook's batch would go). */
async function perTaskUs(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 10; i++) await run();
  const w = openBusyWindow();
  for (let i = 0; i < BREAK_EVEN_TASKS; i++) await run();
  return (w.stop().busyMs * 1000) / BREAK_EVEN_TASKS;
}

async function runAll(s: Subject, batches: { lines: string[]; bytes: number }[]): Promise<boolean> {
  const d = s.ours!.runtime!.dispatcher;
  let next = 0;
  let ok = true;
  const worker = async () => {
    while (next < batches.length) {
      const b = batches[next++]!;
      const out = await d.run("redactLines", { lines: b.lines }, b.bytes);
      // Spot check: the bearer token must be gone from the first line.
      if (out.lines.length !== b.lines.length || out.lines[0]!.includes("sk_live_")) ok = false;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return ok;
}

async function measure(
  kind: SubjectKind,
  poolSize: number,
  batches: { lines: string[]; bytes: number }[],
): Promise<Measured | null> {
  return withSubject(
    kind,
    "scaling",
    async (s) => {
      await warmPool(s);
      // Warm-up: enough batches to start every thread and JIT the redactor on each.
      await runAll(s, batches.slice(0, Math.max(2, poolSize * 4)));
      const w = openBusyWindow();
      const redactedOk = await runAll(s, batches);
      const { busyMs, wallMs } = w.stop();
      const mb = TOTAL_BYTES / MiB;
      const d = s.ours!.runtime!.dispatcher;
      const perTask: Record<string, number> = {};
      for (const kib of BREAK_EVEN_KIB) {
        const b = linesOf(kib, batches[0]!.lines);
        perTask[`redact:${kib}`] = await perTaskUs(() => d.run("redactLines", { lines: b.lines }, b.bytes));
      }
      for (const kib of [2, 50]) {
        const output = toolOutput(kib * KiB, "ascii");
        perTask[`scan:${kib}`] = await perTaskUs(() =>
          d.run(
            "scanOutputs",
            { items: [{ tool: "bash", output, exitCode: 0 }] },
            Math.min(output.length, 16 * KiB),
          ),
        );
      }
      const piscina = (s.ours!.runtime!.pool as unknown as { pool?: { threads?: unknown[] } } | null)?.pool;
      return {
        mbPerS: mb / (wallMs / 1000),
        busyMsPerMb: busyMs / mb,
        redactedOk,
        perTask,
        threads: piscina?.threads?.length ?? null,
      };
    },
    { options: { offload: { poolSize, inlineThresholdBytes: 0, maxQueue: 10_000, taskTimeoutMs: 60_000 } } },
  );
}

await loopStarted();
const columns: Column[] = [
  { id: "inline", label: "inline (host thread)" },
  { id: "pool1", label: "poolSize 1" },
  { id: "pool2", label: "poolSize 2" },
];
const result = newResult(
  "pool-scaling",
  `redaction throughput, ${TOTAL_BYTES / MiB} MiB of log records in 256 KiB batches`,
  args,
  columns,
);
const batches = makeBatches();
const m: Record<string, Measured | null> = {
  inline: await measure("inline", 0, batches),
  pool1: await measure("poolOnly", 1, batches),
  pool2: await measure("poolOnly", 2, batches),
};
for (const [k, v] of Object.entries(m)) progress(`${k}: ${JSON.stringify(v)}`);
const col = (f: (x: Measured) => number | string) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v ? f(v) : null]));
const speedup = m.pool1 && m.pool2 ? m.pool2.mbPerS / m.pool1.mbPerS : null;
result.rows.push(
  info(
    "throughput",
    "MB/s",
    col((x) => x.mbPerS),
  ),
  info(
    "host-thread time per MB",
    "ms/MB",
    col((x) => x.busyMsPerMb),
  ),
  {
    ...info("speedup 2 threads vs 1", "×", { inline: null, pool1: 1, pool2: speedup }),
    target: "≥ 1.7×",
    ...atLeast(speedup, 1.7, "×"),
  },
  info(
    "speedup vs inline",
    "×",
    col((x) => (m.inline ? x.mbPerS / m.inline.mbPerS : Number.NaN)),
  ),
  info(
    "pool threads running at the end",
    "threads",
    col((x) => x.threads ?? (x === m.inline ? 0 : Number.NaN)),
  ),
  ...BREAK_EVEN_KIB.map((kib) =>
    info(
      `host-thread cost of one redactLines task of ${kib} KiB`,
      "µs",
      col((x) => x.perTask[`redact:${kib}`] ?? Number.NaN),
    ),
  ),
  ...[2, 50].map((kib) =>
    info(
      `host-thread cost of one scanOutputs task, ${kib} KiB output`,
      "µs",
      col((x) => x.perTask[`scan:${kib}`] ?? Number.NaN),
    ),
  ),
  info(
    "secrets redacted (spot check)",
    "",
    col((x) => (x.redactedOk ? "yes" : "NO")),
  ),
);
result.notes.push(
  `This machine: ${availableParallelism()} logical CPUs. With 2 pool threads plus the host thread (which packs every batch with msgpackr and unpacks the result) there are 3 busy threads on ${availableParallelism()} CPUs.`,
  `${IN_FLIGHT} batches in flight; inline runs the same batches on the host thread one after another.`,
  `Per-task rows: ${BREAK_EVEN_TASKS} tasks awaited one at a time; host-thread CPU per task. A pooled task costs the host thread the msgpackr pack of its input, the post and the unpack of its result; it pays where that is below the inline cost. scanOutputs carries the whole output to the pool (the head+tail window is cut in the worker).`,
);
if (speedup !== null) progress(`speedup ${sig(speedup)}×`);
emit(result, args, started);
