/**
 * The one result shape every scenario prints with --json, and the Markdown table both the scenario
 * (without --json) and run.ts render from it. Verdicts are computed by the scenario, which knows
 * its targets; run.ts only renders.
 */
import { type BenchArgs, progress } from "./cli.js";
import { busyClock, releaseKeepAlive } from "./measure.js";
import { sig } from "./stats.js";

export interface Column {
  id: string;
  label: string;
}

export type Cell = number | string | null;

export interface Row {
  metric: string;
  unit: string;
  values: Record<string, Cell>;
  /** Human text of the target ("≤ 15 µs (ours default)"), or "" when the row is informational. */
  target: string;
  /** "met", "missed by …", "n/a" or "" (informational). */
  verdict: string;
  met: boolean | null;
}

export interface ChartSeries {
  /** Column id → one value per category (null when not measured). */
  [columnId: string]: (number | null)[];
}

export interface ChartPanel {
  title: string;
  categories: string[];
  series: ChartSeries;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  quick: boolean;
  runtime: string;
  /** How main-thread time was measured (see bench/lib/measure.ts: thread-cpu, elu or cpu-all-threads). */
  clock: string;
  columns: Column[];
  rows: Row[];
  notes: string[];
  chart?: { unit: string; columns: Column[]; panels: ChartPanel[] };
  /** Anything else worth keeping in latest.json (raw samples, counters). */
  extra?: Record<string, unknown>;
  elapsedMs: number;
}

export const COLUMNS = {
  naive: { id: "naive", label: "naive baseline" },
  inline: { id: "inline", label: "ours poolSize 0" },
  default: { id: "default", label: "ours default" },
  poolOnly: { id: "poolOnly", label: "ours pool-only" },
} as const satisfies Record<string, Column>;

export function runtimeName(): string {
  const bun = (process.versions as { bun?: string }).bun;
  return bun ? `bun ${bun}` : `node ${process.version}`;
}

export function newResult(
  scenario: string,
  title: string,
  args: BenchArgs,
  columns: Column[],
): ScenarioResult {
  return {
    scenario,
    title,
    quick: args.quick,
    runtime: runtimeName(),
    clock: busyClock,
    columns,
    rows: [],
    notes: [],
    elapsedMs: 0,
  };
}

export function info(metric: string, unit: string, values: Record<string, Cell>): Row {
  return { metric, unit, values, target: "", verdict: "", met: null };
}

function fmt(n: number, unit: string): string {
  return `${sig(n)}${unit ? ` ${unit}` : ""}`;
}

/** Target "actual ≤ limit". */
export function atMost(actual: number | null, limit: number, unit: string): Pick<Row, "verdict" | "met"> {
  if (actual === null || !Number.isFinite(actual)) return { verdict: "not measured", met: null };
  if (actual <= limit) return { verdict: `met (${fmt(actual, unit)})`, met: true };
  const over = actual - limit;
  return {
    verdict: `missed by ${fmt(over, unit)} (${fmt(actual, unit)}, +${Math.round((over / limit) * 100)}%)`,
    met: false,
  };
}

/** Target "actual ≥ limit". */
export function atLeast(actual: number | null, limit: number, unit: string): Pick<Row, "verdict" | "met"> {
  if (actual === null || !Number.isFinite(actual)) return { verdict: "not measured", met: null };
  if (actual >= limit) return { verdict: `met (${fmt(actual, unit)})`, met: true };
  const under = limit - actual;
  return { verdict: `missed by ${fmt(under, unit)} (${fmt(actual, unit)})`, met: false };
}

/** Several targets on one row: all must be met. */
export function combine(...parts: Pick<Row, "verdict" | "met">[]): Pick<Row, "verdict" | "met"> {
  const met = parts.some((p) => p.met === false) ? false : parts.every((p) => p.met === true) ? true : null;
  return { verdict: parts.map((p) => p.verdict).join("; "), met };
}

export function cellText(v: Cell): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isFinite(v) ? String(sig(v)) : "—";
  return v;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** One Markdown table: metric, one column per subject, target, verdict. */
export function markdownTable(r: ScenarioResult): string {
  const head = ["metric", ...r.columns.map((c) => c.label), "target", "verdict"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  for (const row of r.rows) {
    const metric = row.unit ? `${row.metric} (${row.unit})` : row.metric;
    const cells = [
      metric,
      ...r.columns.map((c) => cellText(row.values[c.id] ?? null)),
      row.target || "—",
      row.verdict || "—",
    ];
    lines.push(`| ${cells.map(escapeCell).join(" | ")} |`);
  }
  return lines.join("\n");
}

export function markdownSection(r: ScenarioResult): string {
  const parts = [`### ${r.scenario}: ${r.title}`, "", markdownTable(r)];
  if (r.notes.length > 0) parts.push("", ...r.notes.map((n) => `- ${n}`));
  return parts.join("\n");
}

/** Print the result: one JSON line with --json, else the Markdown section. */
export function emit(r: ScenarioResult, args: BenchArgs, startedAt: number): void {
  r.elapsedMs = Math.round(performance.now() - startedAt);
  if (r.clock === "cpu-all-threads")
    r.notes.push(
      'No per-thread clock on this platform/runtime: "main-thread" times here are process CPU time of all threads (workers included).',
    );
  if (args.json) process.stdout.write(`${JSON.stringify(r)}\n`);
  else process.stdout.write(`${markdownSection(r)}\n\n(${r.runtime}, ${r.elapsedMs} ms)\n`);
  progress(`${r.scenario} done in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  releaseKeepAlive();
}

/** The last line of a child's stdout that parses as a scenario result (robust to stray output). */
export function parseScenarioOutput(stdout: string): ScenarioResult | null {
  const lines = stdout.split("\n");
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!.trim();
    if (!l.startsWith("{")) continue;
    try {
      const v = JSON.parse(l) as ScenarioResult;
      if (typeof v.scenario === "string" && Array.isArray(v.rows)) return v;
    } catch {
      // not the result line
    }
  }
  return null;
}
