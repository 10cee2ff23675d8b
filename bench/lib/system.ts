/** The `System:` line printed under every benchmark report. */
import { availableParallelism, cpus, loadavg, platform, release, totalmem } from "node:os";

export interface SystemInfo {
  os: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  runtime: string;
  date: string;
  /** 1-minute load average when the run started and ended: above the core count, other processes competed. */
  load: { start: number; end: number };
}

export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

export function systemInfo(runtime: string, loadStart: number): SystemInfo {
  const c = cpus();
  return {
    os: `${platform()} ${release()}`,
    cpu: c[0]?.model.trim() || "unknown CPU",
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    runtime,
    date: new Date().toISOString(),
    load: { start: loadStart, end: loadNow() },
  };
}

export function systemLine(s: SystemInfo): string {
  return `System: ${s.os}, ${s.cpu}, ${s.cores} cores, ${s.memoryGiB} GiB RAM, ${s.runtime}, ${s.date}, load average ${s.load.start} → ${s.load.end}`;
}
