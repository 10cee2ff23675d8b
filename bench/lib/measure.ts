/**
 * Main-thread busy time, three ways, best first:
 *  - "thread-cpu": the host thread's own CPU time. Linux keeps per-thread CPU in
 *    /proc/self/task/<tid>/schedstat, but for the thread that reads it the value is only as fresh
 *    as the last scheduler tick (±4 ms). So it is computed as process CPU (getrusage, exact for
 *    every thread) minus the schedstat of every other thread (pool and I/O workers, libuv's thread
 *    pool, V8's helpers), which are idle and therefore up to date at the window's edges. Time the
 *    host thread spent descheduled (a loaded machine) is not counted as work.
 *  - "elu": event-loop utilisation. Main thread only, but it is wall time: a loop that never idles
 *    (a benchmark driver) reads as busy even while the OS runs other threads instead.
 *  - "cpu-all-threads": process.cpuUsage(), which sums every thread (workers included); the last
 *    resort off Linux.
 * Every window reports the chosen clock and ELU active time side by side.
 */
import { readdirSync, readFileSync } from "node:fs";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

export type BusyClock = "thread-cpu" | "elu" | "cpu-all-threads";

interface EluSample {
  idle: number;
  active: number;
  utilization: number;
}

type EluFn = (a?: EluSample, b?: EluSample) => EluSample;

const isBun = typeof (process.versions as { bun?: string }).bun === "string";

// Bun 1.3 exposes eventLoopUtilization but it always reads zero, so Bun never uses it.
const eluFn: EluFn | null =
  !isBun && typeof (performance as { eventLoopUtilization?: unknown }).eventLoopUtilization === "function"
    ? (performance as unknown as { eventLoopUtilization: EluFn }).eventLoopUtilization.bind(performance)
    : null;

/** CPU milliseconds every thread but the main one has run (the main thread's tid is the pid). */
function otherThreadsCpuMs(): number | null {
  try {
    let ns = 0;
    for (const tid of readdirSync("/proc/self/task")) {
      if (Number(tid) === process.pid) continue;
      try {
        ns += Number(readFileSync(`/proc/self/task/${tid}/schedstat`, "latin1").split(" ")[0]) || 0;
      } catch {
        // the thread exited between readdir and read: its time left the process total as well
      }
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

/** Main-thread CPU milliseconds so far, or null where /proc does not say. */
function mainThreadCpuMs(): number | null {
  const u = process.cpuUsage();
  const others = otherThreadsCpuMs();
  return others === null ? null : (u.user + u.system) / 1000 - others;
}

export const busyClock: BusyClock =
  mainThreadCpuMs() !== null ? "thread-cpu" : eluFn ? "elu" : "cpu-all-threads";

export interface BusyReading {
  /** Main-thread busy milliseconds by the best clock (see busyClock). */
  busyMs: number;
  /** ELU active milliseconds (wall time the loop was not idle), when the runtime has ELU. */
  eluActiveMs: number | null;
  wallMs: number;
}

export interface BusyWindow {
  stop(): BusyReading;
}

export function openBusyWindow(): BusyWindow {
  const t0 = performance.now();
  const e0 = eluFn?.() ?? null;
  const c0 = process.cpuUsage();
  const m0 = busyClock === "thread-cpu" ? mainThreadCpuMs() : null;
  return {
    stop: () => {
      const m1 = busyClock === "thread-cpu" ? mainThreadCpuMs() : null;
      const wallMs = performance.now() - t0;
      const eluActiveMs = eluFn && e0 ? eluFn(eluFn(), e0).active : null;
      let busyMs: number;
      if (m0 !== null && m1 !== null) busyMs = m1 - m0;
      else if (busyClock === "elu" && eluActiveMs !== null) busyMs = eluActiveMs;
      else {
        const c = process.cpuUsage(c0);
        busyMs = (c.user + c.system) / 1000;
      }
      return { busyMs, eluActiveMs, wallMs };
    },
  };
}

/** Run `fn` inside a busy window. */
export async function measureBusy<T>(fn: () => Promise<T>): Promise<BusyReading & { result: T }> {
  const w = openBusyWindow();
  const result = await fn();
  return { result, ...w.stop() };
}

/** Resolve on the next turn of the event loop (after I/O callbacks and immediates queued before). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * ELU reads zero until the event loop has started; scenarios call this first so their first
 * measurement is not taken during the main module's first tick. It also takes the keep-alive.
 */
export async function loopStarted(): Promise<void> {
  keepAlive ??= setInterval(() => {}, 1 << 30);
  // A crash (in a scenario or a worker event) must say why on stderr: run.ts and the smoke test
  // show that tail. The monitor only observes; the process still dies as it would.
  if (process.listenerCount("uncaughtExceptionMonitor") === 0)
    process.on("uncaughtExceptionMonitor", (err, origin) =>
      process.stderr.write(`  · ${origin}: ${(err as Error)?.stack ?? String(err)}\n`),
    );
  await nextTurn();
  await sleep(1);
}

// The plugin unref()s its workers and timers (it must never keep the host alive), so a scenario
// awaiting their results needs its own ref'd handle or node exits mid-await. Released by emit().
let keepAlive: NodeJS.Timeout | null = null;

export function releaseKeepAlive(): void {
  if (keepAlive) clearInterval(keepAlive);
  keepAlive = null;
}

export interface DelayMonitor {
  stop(): { p50Ms: number; p99Ms: number; maxMs: number; samples: number };
}

// 1 ms sampling: the finest libuv timer resolution, so a 5 ms stall is always seen.
const kDelayResolutionMs = 1;

/**
 * Event-loop delay with `monitorEventLoopDelay`. The values are the histogram's own (time between
 * two 1 ms timer firings), so an idle loop reads ≈1.1 ms, not 0; README explains this.
 */
export function monitorDelay(): DelayMonitor {
  const h = monitorEventLoopDelay({ resolution: kDelayResolutionMs });
  h.enable();
  return {
    stop: () => {
      h.disable();
      const ns = 1e6;
      return {
        p50Ms: h.percentile(50) / ns,
        p99Ms: h.percentile(99) / ns,
        maxMs: h.max / ns,
        samples: h.count,
      };
    },
  };
}

/** A full GC: node's global.gc (needs --expose-gc) or Bun.gc(true). */
export function gcFunction(): (() => void) | null {
  const bun = (globalThis as { Bun?: { gc(sync: boolean): void } }).Bun;
  if (bun) return () => bun.gc(true);
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === "function" ? gc : null;
}

/** Full GC a few times so heap numbers settle (no-op without a GC function). */
export async function settleGc(rounds = 3): Promise<boolean> {
  const gc = gcFunction();
  if (!gc) return false;
  for (let i = 0; i < rounds; i++) {
    gc();
    await sleep(20);
  }
  return true;
}
