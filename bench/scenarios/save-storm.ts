/**
 * Scenario 4, save storm: a 1 MiB session state that changes every 10 ms for 2 s, each change
 * asking for a save, while a concurrent reader loads the state file every 5 ms.
 *  - naive: `setInterval(async () => await saveState(), 10)` (overlapping saves, one fixed
 *    `<file>.tmp`), PII filter + pretty JSON on the main thread;
 *  - ours: every 10 ms a new state body goes to the log pipeline (pushState), which redacts it and
 *    hands it to the I/O service; saves are coalesced (latest wins), atomic, one in flight.
 * The reader counts reads whose content does not parse (a torn or half-renamed file).
 */
import { spawn } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stateFileName } from "../../src/shared/io/names.js";
import { sessionFileStem } from "../../src/shared/paths.js";
import { splitStateFile } from "../../src/shared/state/file-format.js";
import { parseArgs, progress } from "../lib/cli.js";
import { loopStarted, monitorDelay, openBusyWindow, sleep } from "../lib/measure.js";
import { openSession, selectKinds, withSubject } from "../lib/plan.js";
import { atMost, COLUMNS, emit, info, newResult } from "../lib/report.js";
import { KiB, MiB, sig } from "../lib/stats.js";
import type { SubjectKind } from "../lib/subjects.js";
import { stateBody } from "../lib/text.js";

const args = parseArgs();
const started = performance.now();
const STATE_BYTES = args.quick ? 256 * KiB : MiB;
const DURATION_MS = args.quick ? 300 : 2000;
const INTERVAL_MS = 10;
// Reader period: twice per save interval, so it sees every state the file passes through.
const READ_EVERY_MS = 5;
// Distinct states cycled through (precomputed so building them is not measured).
const VARIANTS = 8;
const SESSION = "ses_storm";
const KINDS: readonly SubjectKind[] = ["naive", "inline", "default"];

interface Measured {
  requested: number;
  completed: number;
  coalesced: number | null;
  maxInFlight: number;
  overlapping: number | string | null;
  failed: number | null;
  mbWritten: number;
  reads: number;
  readFailures: number;
  lastWins: boolean;
  busyPct: number;
  p99Ms: number;
}

type Reader = { stop(): Promise<{ reads: number; failures: number }> };

/** The reader runs in its own process, so a busy host thread cannot starve it. */
async function startReader(path: string, format: "naive" | "ours"): Promise<Reader> {
  const script = join(dirname(fileURLToPath(import.meta.url)), "..", "lib", "state-reader.js");
  const child = spawn(process.execPath, [script, path, format, String(READ_EVERY_MS)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => (out.includes("ready") ? resolve() : setTimeout(check, 5));
    child.once("error", reject);
    check();
  });
  return {
    stop: async () => {
      const closed = new Promise<void>((r) => child.once("close", () => r()));
      child.stdin.end();
      await closed;
      const last = out.trim().split("\n").pop() ?? "{}";
      return JSON.parse(last) as { reads: number; failures: number };
    },
  };
}

const parseNaive = (text: string): number =>
  (JSON.parse(text) as { metadata: { history: { savedCounter: number } } }).metadata.history.savedCounter;
const parseOurs = (text: string): number | null => {
  const f = splitStateFile(text);
  return f ? (JSON.parse(f.body) as { savedCounter: number }).savedCounter : null;
};

async function measure(kind: SubjectKind): Promise<Measured | null> {
  return withSubject(
    kind,
    "storm",
    async (s, temp) => {
      await openSession(s, SESSION);
      await s.settle();
      const variants = Array.from({ length: VARIANTS }, (_, i) => stateBody(STATE_BYTES, i));
      const texts = variants.map((v) => JSON.stringify(v));
      const naiveStates = variants.map((v) => ({
        version: 1,
        sessionId: SESSION,
        phase: "implementation",
        metadata: { history: v },
      }));
      const naive = s.naive;
      const path = naive
        ? join(temp.stateDir, `${SESSION}.json`)
        : join(temp.stateDir, stateFileName(sessionFileStem(SESSION)));
      const reader = await startReader(path, naive ? "naive" : "ours");
      const delay = monitorDelay();
      const w = openBusyWindow();
      let requested = 0;
      let last = -1;
      if (naive) {
        naive.startAutoSave(SESSION, () => naiveStates[(last = requested++ % VARIANTS)]!, INTERVAL_MS);
        await sleep(DURATION_MS);
        naive.stopAutoSave(SESSION);
      } else {
        const rt = s.ours!.runtime!;
        const timer = setInterval(() => {
          last = requested++ % VARIANTS;
          rt.pipeline.pushState(SESSION, texts[last]!);
        }, INTERVAL_MS);
        await sleep(DURATION_MS);
        clearInterval(timer);
      }
      const { busyMs, wallMs } = w.stop();
      const d = delay.stop();
      // Let in-flight saves land, then read the final file.
      if (naive) while (naive.savesInFlight(SESSION) > 0) await sleep(5);
      else await s.settle();
      const r = await reader.stop();
      let finalCounter: number | null = null;
      try {
        finalCounter = (naive ? parseNaive : parseOurs)(await readFile(path, "utf8"));
      } catch {
        finalCounter = null;
      }
      if (naive) {
        const c = naive.counters;
        return {
          requested,
          completed: c.saves,
          coalesced: null,
          maxInFlight: c.maxSavesInFlight,
          overlapping: c.overlappingSaves,
          failed: c.saveFailures,
          mbWritten: naive.fs.bytesWritten / MiB,
          reads: r.reads,
          readFailures: r.failures,
          lastWins: finalCounter === last,
          busyPct: (busyMs / wallMs) * 100,
          p99Ms: d.p99Ms,
        };
      }
      const st = await s.ours!.runtime!.io.stats();
      const completed = st?.stateSaves ?? 0;
      // Bytes per save: the file as it is now (every save of the run has the same size ±1 digit).
      const fileBytes = await stat(path)
        .then((x) => x.size)
        .catch(() => 0);
      return {
        requested,
        completed,
        coalesced: requested - completed,
        maxInFlight: st?.maxConcurrentSavesPerSession ?? 0,
        overlapping: st && st.maxConcurrentSavesPerSession > 1 ? "≥ 1" : 0,
        failed: null,
        mbWritten: (completed * fileBytes) / MiB,
        reads: r.reads,
        readFailures: r.failures,
        lastWins: finalCounter === last,
        busyPct: (busyMs / wallMs) * 100,
        p99Ms: d.p99Ms,
      };
    },
    { naive: { autoSaveIntervalMs: 0 } },
  );
}

await loopStarted();
const kinds = selectKinds(args, KINDS);
const result = newResult(
  "save-storm",
  `${STATE_BYTES / KiB} KiB state, save requested every ${INTERVAL_MS} ms for ${DURATION_MS / 1000} s, concurrent reader`,
  args,
  kinds.map((k) => COLUMNS[k as keyof typeof COLUMNS]),
);
const m: Record<string, Measured | null> = {};
for (const k of kinds) {
  m[k] = await measure(k);
  progress(`${k}: ${JSON.stringify(m[k])}`);
}
const col = (f: (x: Measured) => number | string | null) =>
  Object.fromEntries(kinds.map((k) => [k, m[k] ? f(m[k]!) : null]));
result.rows.push(
  info(
    "saves requested",
    "saves",
    col((x) => x.requested),
  ),
  info(
    "saves written",
    "saves",
    col((x) => x.completed),
  ),
  info(
    "saves coalesced (requested − written; latest wins)",
    "saves",
    col((x) => x.coalesced),
  ),
  {
    ...info(
      "max saves of one session in flight",
      "saves",
      col((x) => x.maxInFlight),
    ),
    target: "≤ 1 (zero overlapping saves, ours)",
    ...atMost(
      m.inline || m.default ? Math.max(m.inline?.maxInFlight ?? 0, m.default?.maxInFlight ?? 0) : null,
      1,
      "",
    ),
  },
  info(
    "overlapping saves",
    "saves",
    col((x) => x.overlapping),
  ),
  info(
    "failed saves (rename of a vanished temp file)",
    "saves",
    col((x) => x.failed),
  ),
  info(
    "state bytes written",
    "MiB",
    col((x) => x.mbWritten),
  ),
  info(
    "reader: unparseable reads",
    "% of reads",
    col((x) => (x.reads > 0 ? (x.readFailures / x.reads) * 100 : null)),
  ),
  info(
    "final file holds the last state",
    "",
    col((x) => (x.lastWins ? "yes" : "no")),
  ),
  info(
    "main thread busy during the storm",
    "%",
    col((x) => x.busyPct),
  ),
  info(
    "event-loop delay p99 during the storm",
    "ms",
    col((x) => x.p99Ms),
  ),
);
result.notes.push(
  "naive runs its own setInterval auto-save at 10 ms (the criticised pattern); ours gets a new state body every 10 ms through the same path its debounced auto-save uses (pipeline.pushState → redaction → I/O service).",
  "State bytes: naive counts every write of its fs seam (temp files included); ours is saves × state file size. naive's state is pretty-printed (2-space) JSON, ours compact.",
  `Reader: a separate process, readFile + parse every ${READ_EVERY_MS} ms; a missing file (between naive's renames) is retried, not counted.`,
);
for (const k of kinds) if (m[k]) progress(`${k}: ${sig(m[k]!.busyPct)}% busy`);
emit(result, args, started);
