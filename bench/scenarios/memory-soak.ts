/**
 * Scenario 5, memory soak: 100,000 session lifecycles (session.created → one bash call →
 * session.deleted) plus 10,000 abandoned sessions (created, one call, never deleted) that are
 * swept by the idle TTL. Heap (main isolate) and RSS (whole process, workers included) are taken
 * after full GCs before and after; growth is the difference.
 *
 * The TTL sweep is driven by ageing the abandoned sessions' lastActivityAt past the TTL and calling
 * registry.sweep() (the sweeper's own timer would need 2 h). The naive baseline has no sweeper (the
 * original had none), and runs with logging and persistence off so 100k cycles finish in seconds;
 * its growth comes from its maps alone.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";
import { toolCall } from "../lib/calls.js";
import { parseArgs, progress } from "../lib/cli.js";
import { sessionEvent } from "../lib/host.js";
import { gcFunction, loopStarted, nextTurn, settleGc } from "../lib/measure.js";
import { openSession, selectKinds, withSubject } from "../lib/plan.js";
import { atMost, COLUMNS, emit, info, newResult } from "../lib/report.js";
import { MiB, sig } from "../lib/stats.js";
import type { Subject, SubjectKind } from "../lib/subjects.js";
import { toolOutput } from "../lib/text.js";

// Heap numbers need global.gc: re-run once with --expose-gc when it is missing.
if (!gcFunction() && !process.env.ATREIDES_BENCH_REEXEC) {
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: "inherit",
      env: { ...process.env, ATREIDES_BENCH_REEXEC: "1" },
    },
  );
  process.exit(r.status ?? 1);
}

const args = parseArgs();
const started = performance.now();
const CYCLES = args.quick ? 500 : 100_000;
const ABANDONED = args.quick ? 100 : 10_000;
const WARMUP = args.quick ? 100 : 2_000;
const KINDS: readonly SubjectKind[] = ["naive", "inline", "default"];
const output = toolOutput(2048, "ascii");
// Above the abandoned count, so the TTL sweep (not the LRU cap of 1,000) is what clears them.
const MAX_SESSIONS = 100_000;
// The driver waits for the subject to catch up (settle: logs and states written) this often, so the
// run is paced by what the writer sustains and nothing is dropped: a soak that dropped 95% of its
// records would never exercise the writer's per-session state.
const SETTLE_EVERY = 1_000;

interface Measured {
  heapGrowthMiB: number;
  rssGrowthMiB: number;
  sessionsLeft: number;
  entriesLeft: number;
  swept: number;
  cyclesPerS: number;
  dropped: number;
}

let seq = 0;

/** tmpfs for the 200k files ours writes (memory is the subject here, not the disk); null = os tmpdir. */
function ramDisk(): string | null {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return null;
  }
}

async function cycle(s: Subject, id: string, remove: boolean): Promise<void> {
  await s.event(sessionEvent("session.created", id));
  await toolCall(s, { sessionID: id, callID: `${id}_call`, command: "git status", output, exit: 0 });
  if (remove) await s.event(sessionEvent("session.deleted", id));
  // One loop turn per cycle, as a host would give: per-tick batches and flush timers run.
  await nextTurn();
}

function snapshot(): { heap: number; rss: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

async function measure(kind: SubjectKind): Promise<Measured | null> {
  return withSubject(
    kind,
    "soak",
    async (s) => {
      await openSession(s, "ses_soak_first");
      for (let i = 0; i < WARMUP; i++) await cycle(s, `ses_warm_${i}`, true);
      await s.settle();
      await settleGc();
      const before = snapshot();
      const t0 = performance.now();
      for (let i = 0; i < CYCLES; i++) {
        await cycle(s, `ses_soak_${++seq}`, true);
        if (i % SETTLE_EVERY === SETTLE_EVERY - 1) await s.settle();
        if (i % 20_000 === 19_999) progress(`${kind}: ${i + 1} cycles`);
      }
      const cyclesPerS = CYCLES / ((performance.now() - t0) / 1000);
      for (let i = 0; i < ABANDONED; i++) {
        await cycle(s, `ses_gone_${++seq}`, false);
        if (i % SETTLE_EVERY === SETTLE_EVERY - 1) await s.settle();
      }
      let swept = 0;
      const rt = s.ours?.runtime;
      if (rt) {
        const ttl = rt.cfg.limits.sessionIdleTtlMs;
        // Age every session still held (the abandoned ones and the first one, which is oldest in LRU
        // order: the sweep stops at the first fresh session it meets).
        for (const sess of rt.registry.all()) sess.state.lastActivityAt -= ttl + 1;
        swept = rt.registry.sweep();
      }
      await s.event(sessionEvent("session.deleted", "ses_soak_first"));
      await s.settle();
      await settleGc(5);
      const after = snapshot();
      const n = s.naive;
      return {
        heapGrowthMiB: (after.heap - before.heap) / MiB,
        rssGrowthMiB: (after.rss - before.rss) / MiB,
        sessionsLeft: rt ? rt.registry.size : n!.sessions.size,
        entriesLeft: rt ? rt.registry.entryCount() : n!.sessions.size + n!.thinkMode.size + n!.trackers.size,
        swept,
        cyclesPerS,
        dropped: rt ? rt.pipeline.counters.dropped + ((await rt.io.stats())?.recordsDropped ?? 0) : 0,
      };
    },
    {
      options: { limits: { maxSessions: MAX_SESSIONS } },
      naive: { logging: false, persistence: false },
      tmpBase: ramDisk(),
    },
  );
}

await loopStarted();
const kinds = selectKinds(args, KINDS);
const result = newResult(
  "memory-soak",
  `${CYCLES.toLocaleString("en")} session create/delete cycles + ${ABANDONED.toLocaleString("en")} abandoned sessions swept by TTL`,
  args,
  kinds.map((k) => COLUMNS[k as keyof typeof COLUMNS]),
);
const m: Record<string, Measured | null> = {};
for (const k of kinds) {
  m[k] = await measure(k);
  progress(`${k}: ${JSON.stringify(m[k])}`);
}
const col = (f: (x: Measured) => number) => Object.fromEntries(kinds.map((k) => [k, m[k] ? f(m[k]!) : null]));
const worstOurs = Math.max(
  m.inline?.heapGrowthMiB ?? Number.NEGATIVE_INFINITY,
  m.default?.heapGrowthMiB ?? Number.NEGATIVE_INFINITY,
);
result.rows.push(
  {
    ...info(
      "heap growth after GC (main isolate)",
      "MiB",
      col((x) => x.heapGrowthMiB),
    ),
    target: "≤ 5 MiB (ours)",
    ...atMost(Number.isFinite(worstOurs) ? worstOurs : null, 5, "MiB"),
  },
  info(
    "RSS growth (process, workers included)",
    "MiB",
    col((x) => x.rssGrowthMiB),
  ),
  info(
    "sessions still in memory",
    "sessions",
    col((x) => x.sessionsLeft),
  ),
  info(
    "per-session entries still held (sessions, maps, timers)",
    "entries",
    col((x) => x.entriesLeft),
  ),
  info(
    "abandoned sessions swept by TTL",
    "sessions",
    col((x) => x.swept),
  ),
  info(
    "lifecycle throughput",
    "cycles/s",
    col((x) => x.cyclesPerS),
  ),
  info(
    "log records dropped (backpressure)",
    "records",
    col((x) => x.dropped),
  ),
);
result.notes.push(
  `Heap = process.memoryUsage().heapUsed of the main isolate after ${WARMUP} warm-up cycles and full GCs (before) and after the soak, the TTL sweep, a flush and full GCs (after).`,
  "naive: logging and persistence off (100k awaited stat+appendFile cycles would take minutes); it keeps abandoned sessions and every think-mode entry forever, as the original did.",
  `ours: all features on; every session writes a log file and a state file (on tmpfs when /dev/shm exists). The driver settles (waits for the writes) every ${SETTLE_EVERY.toLocaleString("en")} cycles, so the pace is what the writer sustains and no record is dropped.`,
);
for (const k of kinds) if (m[k]) progress(`${k}: heap ${sig(m[k]!.heapGrowthMiB)} MiB`);
emit(result, args, started);
