/**
 * Scenario 2, sustained load: 16 sessions × 2,000 tool calls, interleaved (each session awaits its
 * own calls in order, sessions run concurrently, as OpenCode does with parallel sessions). Event-loop
 * delay is sampled with monitorEventLoopDelay at 1 ms resolution for the whole run.
 *
 * Two runs per subject:
 *  - paced (the target): every session starts a call every 5 ms, 3,200 calls/s offered in total,
 *    the same load for every subject (the naive baseline can just sustain it);
 *  - saturated: calls back to back, as fast as each subject answers (a stress test: a faster
 *    subject also gets more work per second).
 *
 * Output mix per session, by call index: every 10th call returns 50 KiB, every 7th is non-ASCII,
 * every 50th fails (exit 1 with an error text), the rest are 2 KiB ASCII.
 */

import { toolCall } from "../lib/calls.js";
import { parseArgs, progress } from "../lib/cli.js";
import { COMMANDS } from "../lib/host.js";
import { loopStarted, monitorDelay, nextTurn, openBusyWindow, sleep } from "../lib/measure.js";
import { openSession, selectKinds, withSubject } from "../lib/plan.js";
import { atMost, COLUMNS, emit, info, newResult } from "../lib/report.js";
import { KiB, sig } from "../lib/stats.js";
import type { Subject, SubjectKind } from "../lib/subjects.js";
import { errorOutput, toolOutput } from "../lib/text.js";

const args = parseArgs();
const started = performance.now();
const SESSIONS = args.quick ? 4 : 16;
const CALLS = args.quick ? 40 : 2000;
const KINDS: readonly SubjectKind[] = ["naive", "inline", "default"];
// Per-session period of the paced run: 16 sessions × 200 calls/s = 3,200 calls/s offered.
const PACE_MS = 5;
const kinds = selectKinds(args, KINDS);

const big = toolOutput(50 * KiB, "ascii");
const small = toolOutput(2 * KiB, "ascii");
const smallUnicode = toolOutput(2 * KiB, "unicode");

function outputFor(i: number): { output: string; exit: number } {
  if (i % 50 === 49) return { output: errorOutput(i), exit: 1 };
  if (i % 10 === 9) return { output: big, exit: 0 };
  if (i % 7 === 6) return { output: smallUnicode, exit: 0 };
  return { output: small, exit: 0 };
}

async function sessionLoop(s: Subject, sessionID: string, paceMs: number): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const { output, exit } = outputFor(i);
    await toolCall(s, {
      sessionID,
      callID: `${sessionID}_c${i}`,
      command: COMMANDS[i % COMMANDS.length]!,
      output,
      exit,
    });
    const wait = paceMs > 0 ? start + (i + 1) * paceMs - performance.now() : 0;
    // Behind schedule: go on at once (the offered load stays the same, the subject falls behind).
    if (wait >= 1) await sleep(wait);
    else await nextTurn();
  }
}

interface Measured {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  wallS: number;
  busyUsPerCall: number;
  callsPerS: number;
}

async function measure(kind: SubjectKind, paceMs: number): Promise<Measured | null> {
  return withSubject(kind, "sustained", async (s) => {
    const ids = Array.from({ length: SESSIONS }, (_, i) => `ses_sustained_${i}`);
    for (const id of ids) await openSession(s, id);
    await s.settle();
    const delay = monitorDelay();
    const w = openBusyWindow();
    await Promise.all(ids.map((id) => sessionLoop(s, id, paceMs)));
    await s.settle();
    const { busyMs, wallMs } = w.stop();
    const d = delay.stop();
    const calls = SESSIONS * CALLS;
    return {
      p50Ms: d.p50Ms,
      p99Ms: d.p99Ms,
      maxMs: d.maxMs,
      wallS: wallMs / 1000,
      busyUsPerCall: (busyMs * 1000) / calls,
      callsPerS: calls / (wallMs / 1000),
    };
  });
}

await loopStarted();
const result = newResult(
  "sustained",
  `${SESSIONS} sessions × ${CALLS} tool calls, interleaved: event-loop delay`,
  args,
  kinds.map((k) => COLUMNS[k as keyof typeof COLUMNS]),
);
const m: Record<string, Measured | null> = {};
const sat: Record<string, Measured | null> = {};
for (const k of kinds) {
  m[k] = await measure(k, PACE_MS);
  sat[k] = await measure(k, 0);
  progress(
    `${k}: paced p99 ${m[k] ? sig(m[k]!.p99Ms) : "—"} ms, saturated p99 ${sat[k] ? sig(sat[k]!.p99Ms) : "—"} ms`,
  );
}
const col = (src: Record<string, Measured | null>, f: (x: Measured) => number) =>
  Object.fromEntries(kinds.map((k) => [k, src[k] ? f(src[k]!) : null]));
const offered = (SESSIONS * 1000) / PACE_MS;
result.rows.push(
  info(
    `paced (${offered.toLocaleString("en")} calls/s offered): event-loop delay p50`,
    "ms",
    col(m, (x) => x.p50Ms),
  ),
  {
    ...info(
      `paced: event-loop delay p99`,
      "ms",
      col(m, (x) => x.p99Ms),
    ),
    target: "≤ 5 ms (ours default)",
    ...atMost(m.default?.p99Ms ?? null, 5, "ms"),
  },
  info(
    "paced: event-loop delay max",
    "ms",
    col(m, (x) => x.maxMs),
  ),
  info(
    "paced: main-thread CPU per call",
    "µs",
    col(m, (x) => x.busyUsPerCall),
  ),
  info(
    "paced: calls/s achieved",
    "calls/s",
    col(m, (x) => x.callsPerS),
  ),
  info(
    "saturated: event-loop delay p99",
    "ms",
    col(sat, (x) => x.p99Ms),
  ),
  info(
    "saturated: event-loop delay max",
    "ms",
    col(sat, (x) => x.maxMs),
  ),
  info(
    "saturated: main-thread CPU per call",
    "µs",
    col(sat, (x) => x.busyUsPerCall),
  ),
  info(
    "saturated: throughput",
    "calls/s",
    col(sat, (x) => x.callsPerS),
  ),
);
result.notes.push(
  "Delay values are monitorEventLoopDelay's own: the interval between two 1 ms timer firings, so an idle loop reads ≈1.1 ms.",
  `Paced: each session starts a call every ${PACE_MS} ms (or at once when behind). Saturated: one loop turn between a session's calls, far denser than a real agent; a faster subject gets more calls per second, so its batches and GC work per second grow too.`,
  "Mix: 2 KiB ASCII, every 7th call 2 KiB non-ASCII, every 10th 50 KiB, every 50th a failing command (exit 1).",
);
emit(result, args, started);
