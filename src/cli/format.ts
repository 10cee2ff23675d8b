/** Human formatting shared by the commands: sizes, times, aligned tables, coloured status marks. */

const KiB = 1024;
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"] as const;

export function formatBytes(n: number): string {
  let v = n;
  let i = 0;
  while (v >= KiB && i < UNITS.length - 1) {
    v /= KiB;
    i++;
  }
  return i === 0 ? `${v} B` : `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} ${UNITS[i]}`;
}

/** "2026-11-24 06:04:18" in local time: sortable, and what people compare with their clock. */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return "-";
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function formatAge(ms: number, now: number): string {
  const d = Math.max(0, now - ms);
  if (d < MINUTE) return "just now";
  if (d < HOUR) return `${Math.floor(d / MINUTE)} min ago`;
  if (d < DAY) return `${Math.floor(d / HOUR)} h ago`;
  return `${Math.floor(d / DAY)} d ago`;
}

/** Left-aligned columns separated by two spaces; the last column is never padded. */
export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)));
  return `${all
    .map((r) =>
      r
        .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

export type Status = "ok" | "warn" | "error" | "info";

const MARK: Record<Status, string> = { ok: "✓", warn: "!", error: "✗", info: "·" };
const COLOR: Record<Status, string> = {
  ok: "\x1b[32m",
  warn: "\x1b[33m",
  error: "\x1b[31m",
  info: "\x1b[2m",
};
const RESET = "\x1b[0m";

export function mark(status: Status, color: boolean): string {
  return color ? `${COLOR[status]}${MARK[status]}${RESET}` : MARK[status];
}

export function paint(text: string, status: Status, color: boolean): string {
  return color ? `${COLOR[status]}${text}${RESET}` : text;
}
