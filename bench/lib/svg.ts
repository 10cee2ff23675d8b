/**
 * A hand-written SVG chart: grouped bars on a log scale, one panel per chart panel (e.g. ASCII and
 * non-ASCII), one group per category (output size), one bar per column. No dependencies.
 */
import type { ChartPanel, Column } from "./report.js";
import { sig } from "./stats.js";

const PALETTE = ["#c0392b", "#2471a3", "#229954", "#7d3c98", "#b9770e", "#566573"];
const WIDTH = 960;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 70, right: 20, top: 36, bottom: 40 };
const HEADER = 64;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "1 µs", "10 µs", "1 ms", "1 s" for a value in µs. */
function tickLabel(us: number): string {
  if (us >= 1e6) return `${sig(us / 1e6)} s`;
  if (us >= 1e3) return `${sig(us / 1e3)} ms`;
  return `${sig(us)} µs`;
}

export function groupedBarChart(
  title: string,
  unit: string,
  columns: readonly Column[],
  panels: readonly ChartPanel[],
): string {
  const values = panels
    .flatMap((p) => columns.flatMap((c) => p.series[c.id] ?? []))
    .filter((v): v is number => v !== null && v > 0);
  const lo = values.length ? 10 ** Math.floor(Math.log10(Math.min(...values))) : 1;
  const hi = values.length ? 10 ** Math.ceil(Math.log10(Math.max(...values))) : 10;
  const decades = Math.max(1, Math.round(Math.log10(hi / lo)));
  const height = HEADER + panels.length * PANEL_HEIGHT;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="16" font-weight="600">${esc(title)}</text>`,
  ];
  // Legend
  let lx = MARGIN.left;
  columns.forEach((c, i) => {
    out.push(`<rect x="${lx}" y="36" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>`);
    out.push(`<text x="${lx + 16}" y="46">${esc(c.label)}</text>`);
    lx += 24 + c.label.length * 7;
  });
  panels.forEach((p, pi) => {
    const top = HEADER + pi * PANEL_HEIGHT + MARGIN.top;
    const plotH = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
    const plotW = WIDTH - MARGIN.left - MARGIN.right;
    const y = (v: number) => Math.round((top + plotH - (Math.log10(v / lo) / decades) * plotH) * 10) / 10;
    out.push(
      `<text x="${MARGIN.left}" y="${top - 12}" font-size="13" font-weight="600">${esc(p.title)} — ${esc(unit)}</text>`,
    );
    for (let d = 0; d <= decades; d++) {
      const v = lo * 10 ** d;
      const yy = y(v);
      out.push(
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${yy}" y2="${yy}" stroke="#e5e7e9"/>`,
      );
      out.push(
        `<text x="${MARGIN.left - 6}" y="${yy + 4}" text-anchor="end" fill="#555">${tickLabel(v)}</text>`,
      );
    }
    const groupW = plotW / Math.max(1, p.categories.length);
    const barW = Math.min(28, (groupW * 0.8) / Math.max(1, columns.length));
    p.categories.forEach((cat, ci) => {
      const gx = Math.round((MARGIN.left + ci * groupW + (groupW - barW * columns.length) / 2) * 10) / 10;
      columns.forEach((c, k) => {
        const v = p.series[c.id]?.[ci] ?? null;
        const x = Math.round((gx + k * barW) * 10) / 10;
        if (v === null || v <= 0) {
          out.push(
            `<text x="${x + barW / 2}" y="${top + plotH - 4}" text-anchor="middle" fill="#999">—</text>`,
          );
          return;
        }
        const yy = y(Math.max(v, lo));
        out.push(
          `<rect x="${x + 1}" y="${yy}" width="${barW - 2}" height="${Math.round((top + plotH - yy) * 10) / 10}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${c.label}, ${cat}: ${tickLabel(v)}`)}</title></rect>`,
        );
        out.push(
          `<text x="${x + barW / 2}" y="${yy - 3}" text-anchor="middle" font-size="9" fill="#333">${esc(tickLabel(v).replace(" ", ""))}</text>`,
        );
      });
      out.push(
        `<text x="${MARGIN.left + ci * groupW + groupW / 2}" y="${top + plotH + 18}" text-anchor="middle">${esc(cat)}</text>`,
      );
    });
    out.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${top}" y2="${top + plotH}" stroke="#888"/>`);
    out.push(
      `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#888"/>`,
    );
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
