/** Every scenario, in report order. Each is bench/scenarios/<name>.ts, run in its own process. */
export const SCENARIOS = [
  "hook-latency",
  "sustained",
  "log-syscalls",
  "save-storm",
  "memory-soak",
  "cold-start",
  "pool-scaling",
  "codec",
  "feature-cost",
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];
