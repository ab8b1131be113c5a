// Chart.js configurations for the Insights charts, as pure functions of the core's numbers and
// the theme — testable without a canvas. Every chart is a "line" chart on a linear or category
// axis (a scatter is a line without its line), so one controller serves all and no date adapter
// is needed: days are plain numbers (`dayNumber`). Gaps stay gaps (`spanGaps` off): daily values
// are points only, and a rolling-mean line breaks wherever its window would hold no logged day —
// the mean exists only while there is something to average. Weeks without a value break the
// weekly line. Lines differ by dash as well as colour. Series take the report's colours
// (theme.blue, .teal, .orange from app.css --chart-*), so a chart reads the same in the window
// and in the PDF: blue for daily points, technical share, the scatter and group means; teal for
// the 7-day mean; orange for the 30-day mean, leadership share and the trial-review marker.
import type { ChartConfiguration, Plugin, TooltipItem } from "chart.js";
import type { Band } from "./bindings/Band";
import type { InsightsRange } from "./bindings/InsightsRange";
import type { Marker } from "./bindings/Marker";
import type { MarkerKind } from "./bindings/MarkerKind";
import type { Relation } from "./bindings/Relation";
import type { Satisfaction } from "./bindings/Satisfaction";
import type { TechnicalShare } from "./bindings/TechnicalShare";
import { dayNumber, fromDayNumber } from "./dates";
import { meanCiText, MIN_EVIDENCE, num, SATISFACTION } from "./evidence";

export interface Theme {
  text: string;
  muted: string;
  border: string;
  danger: string;
  surface: string;
  /** The report's series colours (core report/charts BLUE, TEAL, ORANGE). */
  blue: string;
  teal: string;
  orange: string;
}

/** A point; `n` is how many logged values stand behind it (for the tooltip). */
export interface XY {
  x: number;
  y: number | null;
  n?: number;
}

export type LineConfig = ChartConfiguration<"line", XY[]>;
export type CategoryConfig = ChartConfiguration<"line", (number | null)[], string[]>;

/** More points than this: no animation (it costs more than it shows). */
export const BIG_SERIES = 400;
export const MARKER_DASH: Record<MarkerKind, number[]> = { role_start: [], phase: [6, 4], trial_review: [2, 3] };

/** `#rrggbb` or a computed `rgb(r, g, b)` at an opacity; other colour forms pass through
 *  unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  const rgb = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(color.trim());
  if (!hex && !rgb) return color;
  const [r, g, b] = hex ? [hex[1], hex[2], hex[3]].map((h) => parseInt(h ?? "0", 16)) : [rgb?.[1], rgb?.[2], rgb?.[3]].map(Number);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Puts a null after any point whose successor is more than `step` away, so the line breaks. */
export function withGaps(points: XY[], step: number): XY[] {
  const out: XY[] = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev && p.x - prev.x > step) out.push({ x: prev.x + step, y: null });
    out.push(p);
  });
  return out;
}

/** Tick positions for a day axis: Mondays for short ranges, first days of months, then of
 *  years; Chart.js thins them further when they would collide. */
export function dayTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  const span = max - min;
  if (span <= 120) {
    // Day 0 (1970-01-01) was a Thursday, so Mondays are the days ≡ 4 (mod 7).
    for (let d = min + ((((4 - min) % 7) + 7) % 7); d <= max; d += 7) ticks.push(d);
    return ticks;
  }
  const [y0 = 1970, m0 = 1] = fromDayNumber(min).split("-").map(Number);
  const step = span <= 800 ? 1 : 12;
  for (let i = step === 12 ? (13 - m0) % 12 : 0; ; i += step) {
    const month = m0 - 1 + i;
    const d = dayNumber(`${y0 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}-01`);
    if (d > max) break;
    if (d >= min) ticks.push(d);
  }
  return ticks;
}

const raw = (item: TooltipItem<"line">): XY => item.raw as XY;
const days = (n: number | undefined): string => `n = ${n ?? 1} day${n === 1 ? "" : "s"}`;

function dayAxis(theme: Theme, days: { from: number; to: number }) {
  return {
    type: "linear" as const,
    min: days.from,
    max: days.to,
    ticks: { color: theme.muted, callback: (v: number | string) => fromDayNumber(Number(v)) },
    afterBuildTicks: (axis: { min: number; max: number; ticks: { value: number }[] }) => {
      axis.ticks = dayTicks(axis.min, axis.max).map((value) => ({ value }));
    },
    grid: { color: withAlpha(theme.border, 0.6) },
  };
}

function valueAxis(theme: Theme, title: string, min: number, max: number) {
  return {
    min,
    max,
    title: { display: true, text: title, color: theme.muted },
    ticks: { color: theme.muted },
    grid: { color: withAlpha(theme.border, 0.6) },
  };
}

const legend = (theme: Theme) => ({ labels: { color: theme.text, boxHeight: 2 } });

/** The days a time axis shows: the range, but a young journal's axis starts a few days before
 *  its first logged day (or marker) instead of squeezing three days against the right edge of
 *  a 90-day axis. */
export function axisDays(range: InsightsRange, dates: string[], markers: Marker[] = []): { from: number; to: number } {
  const from = dayNumber(range.from);
  const to = dayNumber(range.to);
  const seen = [...dates, ...markers.map((m) => m.date)].map(dayNumber).filter((d) => d >= from && d <= to);
  if (seen.length === 0) return { from, to };
  return { from: Math.max(from, Math.min(...seen) - 3), to };
}

/** Where each marker label goes: to the right of its line, or to the left when it would run
 *  past the plot's right edge; in the first row where it overlaps no earlier label. Pure, so
 *  "never clipped, never on top of each other" is tested without a canvas. */
export function placeLabels(
  lines: { px: number; width: number }[],
  left: number,
  right: number,
): { x: number; row: number; align: "left" | "right" }[] {
  const rowsEnd: number[] = [];
  const order = lines.map((_, i) => i).sort((a, b) => (lines[a]?.px ?? 0) - (lines[b]?.px ?? 0));
  const placed: { x: number; row: number; align: "left" | "right" }[] = new Array(lines.length);
  for (const i of order) {
    const { px, width } = lines[i] ?? { px: 0, width: 0 };
    const toRight = px + 4 + width <= right;
    const start = toRight ? px + 4 : Math.max(left, px - 4 - width);
    let row = rowsEnd.findIndex((end) => end + 6 <= start);
    if (row < 0) {
      row = rowsEnd.length;
      rowsEnd.push(0);
    }
    rowsEnd[row] = start + width;
    placed[i] = { x: toRight ? px + 4 : start + width, row, align: toRight ? "left" : "right" };
  }
  return placed;
}

/** Vertical lines with their labels for role start, phase changes and the trial review. */
export function markerPlugin(markers: Marker[], theme: Theme): Plugin<"line"> {
  return {
    id: "dualtrackMarkers",
    afterDatasetsDraw(chart) {
      const x = chart.scales["x"];
      if (!x) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.fillStyle = theme.text;
      ctx.lineWidth = 1.5;
      const shown = markers
        .map((m) => ({ m, px: x.getPixelForValue(dayNumber(m.date)) }))
        .filter(({ px }) => px >= chartArea.left && px <= chartArea.right);
      const spots = placeLabels(
        shown.map(({ m, px }) => ({ px, width: ctx.measureText(m.label).width })),
        chartArea.left,
        chartArea.right,
      );
      shown.forEach(({ m, px }, i) => {
        // The trial review's line in the report's orange, role start and phases in the text
        // colour; every label in the text colour (orange on white is below 4.5:1 for text).
        ctx.strokeStyle = m.kind === "trial_review" ? theme.orange : theme.text;
        ctx.setLineDash(MARKER_DASH[m.kind]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        const spot = spots[i];
        if (!spot) return;
        ctx.textAlign = spot.align;
        ctx.fillText(m.label, spot.x, chartArea.top + 12 + spot.row * 13);
      });
      ctx.restore();
    },
  };
}

/** Daily points, 7-day (dashed) and 30-day (solid) rolling means, markers. */
export function satisfactionConfig(sat: Satisfaction, range: InsightsRange, markers: Marker[], theme: Theme): LineConfig {
  const xs = sat.series.map((p) => dayNumber(p.date));
  // How many logged days each mean covers, days before the range included (core counts them).
  const n7 = sat.series.map((p) => p.n7);
  const n30 = sat.series.map((p) => p.n30);
  const daily = sat.series.map((p, i) => ({ x: xs[i] ?? 0, y: p.value, n: 1 }));
  const mean7 = withGaps(sat.series.map((p, i) => ({ x: xs[i] ?? 0, y: p.mean7, n: n7[i] })), 7);
  const mean30 = withGaps(sat.series.map((p, i) => ({ x: xs[i] ?? 0, y: p.mean30, n: n30[i] })), 30);
  const big = xs.length > BIG_SERIES;
  const line = { pointRadius: 0, pointHitRadius: 4, spanGaps: false, tension: 0 };
  return {
    type: "line",
    data: {
      datasets: [
        { label: "Daily", data: daily, showLine: false, pointRadius: big ? 1.5 : 3, pointStyle: "circle", borderColor: theme.blue, backgroundColor: withAlpha(theme.blue, 0.45) },
        { label: "7-day mean (dashed)", data: mean7, borderColor: theme.teal, borderDash: [6, 4], borderWidth: 2, ...line },
        { label: "30-day mean (solid)", data: mean30, borderColor: theme.orange, borderWidth: 2.5, ...line },
      ],
    },
    options: {
      animation: big ? false : { duration: 250 },
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: "nearest", intersect: false },
      scales: {
        x: dayAxis(theme, axisDays(range, sat.series.map((p) => p.date), markers)),
        y: valueAxis(theme, "Satisfaction (1–10)", 1, 10),
      },
      plugins: {
        legend: legend(theme),
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? fromDayNumber(items[0].parsed.x ?? 0) : ""),
            label: (item) => `${item.dataset.label?.replace(/ \(.*\)$/, "")}: ${num(item.parsed.y)} (${days(raw(item).n)})`,
          },
        },
      },
    },
    plugins: [markerPlugin(markers, theme)],
  };
}

/** Weekly technical share stacked under leadership share (100 − technical, so its top edge is
 *  always 100 and not drawn); weeks without a value are gaps. `fills` lets the runtime hatch the
 *  leadership area. */
export function splitConfig(tech: TechnicalShare, range: InsightsRange, theme: Theme, fills?: { leadership: string | CanvasPattern }): LineConfig {
  const weeks = tech.weekly.filter((w) => w.mean !== null);
  const technical = withGaps(weeks.map((w) => ({ x: dayNumber(w.week_start), y: w.mean, n: w.n })), 7);
  const leadership = technical.map((p) => ({ ...p, y: p.y === null ? null : 100 - p.y }));
  const axis = axisDays(range, weeks.map((w) => w.week_start));
  const area = { pointRadius: weeks.length > 60 ? 0 : 2.5, pointHitRadius: 6, spanGaps: false, tension: 0 };
  return {
    type: "line",
    data: {
      datasets: [
        { label: "Technical share (solid)", data: technical, fill: "origin", borderColor: theme.blue, backgroundColor: withAlpha(theme.blue, 0.35), borderWidth: 2, ...area },
        { label: "Leadership share (hatched)", data: leadership, fill: "-1", borderColor: theme.orange, backgroundColor: fills?.leadership ?? withAlpha(theme.orange, 0.2), ...area, borderWidth: 0, pointRadius: 0 },
      ],
    },
    options: {
      animation: weeks.length > BIG_SERIES ? false : { duration: 250 },
      maintainAspectRatio: false,
      parsing: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        // A week starting before the range still shows from its Monday.
        x: dayAxis(theme, { ...axis, from: Math.min(axis.from, technical[0]?.x ?? Infinity) }),
        y: { ...valueAxis(theme, "Share of the working day (%)", 0, 100), stacked: true },
      },
      plugins: {
        legend: legend(theme),
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? `Week of ${fromDayNumber(items[0].parsed.x ?? 0)}` : ""),
            label: (item) => `${item.dataset.label?.replace(/ \(.*\)$/, "")}: ${num(raw(item).y)}% (${days(raw(item).n)})`,
          },
        },
      },
    },
  };
}

/** The days as a scatter; once the verdict is a finding, also the least-squares line and its
 *  95% confidence band (shaded between two dotted edges). Below the evidence line no line or
 *  band is drawn: it would claim what the data do not say. */
export function relationConfig(rel: Relation, theme: Theme): LineConfig {
  const points = rel.points.map((p) => ({ x: p.technical_share, y: p.satisfaction, date: p.date }));
  const band = { pointRadius: 0, borderWidth: 1, borderDash: [2, 3], borderColor: theme.muted, spanGaps: false };
  const fitted = rel.evidence === "finding";
  return {
    type: "line",
    data: {
      datasets: [
        { label: "Days", data: points, showLine: false, pointRadius: points.length > BIG_SERIES ? 2 : 3.5, borderColor: theme.blue, backgroundColor: withAlpha(theme.blue, 0.35) },
        ...(fitted
          ? [
              { label: "95% band, lower", data: rel.line.map((l) => ({ x: l.x, y: l.lo })), ...band },
              { label: "95% band (dotted edges)", data: rel.line.map((l) => ({ x: l.x, y: l.hi })), fill: "-1", backgroundColor: withAlpha(theme.blue, 0.15), ...band },
              { label: "Fitted line (solid)", data: rel.line.map((l) => ({ x: l.x, y: l.y })), borderColor: theme.blue, borderWidth: 2.5, pointRadius: 0 },
            ]
          : []),
      ],
    },
    options: {
      animation: points.length > BIG_SERIES ? false : { duration: 250 },
      maintainAspectRatio: false,
      parsing: false,
      scales: {
        x: { type: "linear", ...valueAxis(theme, "Technical share (%)", 0, 100) },
        y: valueAxis(theme, "Satisfaction (1–10)", 1, 10),
      },
      plugins: {
        legend: { labels: { ...legend(theme).labels, filter: (item) => item.text !== "95% band, lower" } },
        tooltip: {
          filter: (item) => item.datasetIndex === 0 || item.datasetIndex === 3,
          callbacks: {
            label: (item) => {
              const p = item.raw as { x: number; y: number; date?: string };
              if (p.date) return `${p.date}: ${p.x}% technical, satisfaction ${p.y}`;
              return `Fitted at ${p.x}%: ${num(p.y)} (n = ${rel.n} days)`;
            },
          },
        },
      },
    },
  };
}

export interface MeanRow {
  label: string;
  n: number;
  mean: number | null;
  ci95: [number, number] | null;
}

/** 95% CI whiskers (line with caps) under each category's mean. */
export function ciPlugin(rows: MeanRow[], theme: Theme): Plugin<"line"> {
  return {
    id: "dualtrackCi",
    beforeDatasetsDraw(chart) {
      const y = chart.scales["y"];
      const meta = chart.getDatasetMeta(0);
      if (!y) return;
      const { ctx } = chart;
      ctx.save();
      ctx.strokeStyle = theme.text;
      ctx.lineWidth = 1.5;
      rows.forEach((row, i) => {
        const point = meta.data[i];
        // Below the evidence line no whisker; above it, drawn within the 1–10 scale.
        if (!row.ci95 || !point || row.n < MIN_EVIDENCE) return;
        const [lo, hi] = [y.getPixelForValue(Math.max(1, row.ci95[0])), y.getPixelForValue(Math.min(10, row.ci95[1]))];
        ctx.beginPath();
        ctx.moveTo(point.x, lo);
        ctx.lineTo(point.x, hi);
        for (const end of [lo, hi]) {
          ctx.moveTo(point.x - 6, end);
          ctx.lineTo(point.x + 6, end);
        }
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}

/** A mean (diamond) per category with its 95% CI whisker; the n sits under each label. */
export function meanCiConfig(rows: MeanRow[], yTitle: string, theme: Theme): CategoryConfig {
  return {
    type: "line",
    data: {
      labels: rows.map((r) => [r.label, `n = ${r.n}`]),
      datasets: [
        { label: "Mean with 95% CI", data: rows.map((r) => r.mean), showLine: false, pointStyle: "rectRot", pointRadius: 7, pointHoverRadius: 8, borderColor: theme.text, backgroundColor: theme.blue },
      ],
    },
    options: {
      animation: { duration: 250 },
      maintainAspectRatio: false,
      scales: { x: { offset: true, ticks: { color: theme.text }, grid: { display: false } }, y: valueAxis(theme, yTitle, 1, 10) },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const row = rows[item.dataIndex];
              return row ? [`mean ${num(row.mean)}`, meanCiText(row.ci95, row.n, SATISFACTION), `n = ${row.n}`].filter(Boolean).join(", ") : "";
            },
          },
        },
      },
    },
    plugins: [ciPlugin(rows, theme)],
  };
}

export function bandRows(bands: Band[]): MeanRow[] {
  return bands.map((b) => ({ label: `${b.from}–${b.to}%`, n: b.n, mean: b.mean, ci95: b.ci95 }));
}
