import { describe, expect, it, vi } from "vitest";
import { insightsFixture } from "../test/insights";
import type { Marker } from "./bindings/Marker";
import {
  BIG_SERIES,
  bandRows,
  dayTicks,
  markerPlugin,
  meanCiConfig,
  relationConfig,
  axisDays,
  placeLabels,
  satisfactionConfig,
  splitConfig,
  type Theme,
  withAlpha,
  withGaps,
  type XY,
} from "./chartConfigs";
import { addDays, dayNumber } from "./dates";

const THEME: Theme = {
  ...{ text: "#111111", muted: "#666666", border: "#cccccc", danger: "#aa0000", surface: "#ffffff" },
  ...{ blue: "#2563eb", teal: "#0d9488", orange: "#d97706" },
};

describe("series helpers", () => {
  it("break a line at every missing day instead of drawing across it", () => {
    const points: XY[] = [
      { x: 10, y: 5 },
      { x: 11, y: 6 },
      { x: 14, y: 7 }, // 12 and 13 not logged
    ];
    expect(withGaps(points, 1)).toEqual([{ x: 10, y: 5 }, { x: 11, y: 6 }, { x: 12, y: null }, { x: 14, y: 7 }]);
    expect(withGaps(points, 7)).toEqual(points); // weekly series: 3 days apart is the same week run
  });


  it("tick Mondays over short ranges, month starts over a year, New Years beyond", () => {
    const ticks = (from: string, to: string) => dayTicks(dayNumber(from), dayNumber(to)).map((d) => addDays("1970-01-01", d));
    expect(ticks("2026-01-01", "2026-01-20")).toEqual(["2026-01-05", "2026-01-12", "2026-01-19"]);
    expect(ticks("2025-11-15", "2026-04-30").slice(0, 3)).toEqual(["2025-12-01", "2026-01-01", "2026-02-01"]);
    expect(ticks("2019-01-01", "2021-06-01")).toEqual(["2019-01-01", "2020-01-01", "2021-01-01"]);
    expect(ticks("2019-06-01", "2026-03-01")).toEqual(["2020", "2021", "2022", "2023", "2024", "2025", "2026"].map((y) => `${y}-01-01`));
  });

  it("turn theme hex colours translucent and leave other forms alone", () => {
    expect(withAlpha("#2f5e8c", 0.5)).toBe("rgba(47, 94, 140, 0.5)");
    expect(withAlpha("rgb(37, 99, 235)", 0.45)).toBe("rgba(37, 99, 235, 0.45)"); // as a browser computes it
    expect(withAlpha("rgb(1 2 3)", 0.5)).toBe("rgb(1 2 3)");
  });
});

describe("young journals and marker labels", () => {
  it("fits the axis to a young journal's days instead of squeezing them into the range", () => {
    const range = { from: "2026-09-07", to: "2026-12-05" };
    const days = ["2026-12-03", "2026-12-04", "2026-12-05"];
    expect(axisDays(range, days)).toEqual({ from: dayNumber("2026-11-30"), to: dayNumber("2026-12-05") });
    // A marker before the first day stays in view; a journal older than the range keeps the range.
    const marker: Marker = { date: "2026-11-15", kind: "role_start", label: "role start" };
    expect(axisDays(range, days, [marker]).from).toBe(dayNumber("2026-11-12"));
    expect(axisDays(range, ["2026-09-07", "2026-12-05"])).toEqual({ from: dayNumber(range.from), to: dayNumber(range.to) });
    expect(axisDays(range, [])).toEqual({ from: dayNumber(range.from), to: dayNumber(range.to) });
  });

  it("places marker labels so none runs past the right edge and none overlaps another", () => {
    const lines = [
      { px: 100, width: 60 },
      { px: 110, width: 50 },
      { px: 380, width: 80 },
      { px: 120, width: 40 },
    ];
    const spots = placeLabels(lines, 40, 400);
    const boxes = spots.map((s, i) => {
      const w = lines[i]?.width ?? 0;
      const start = s.align === "left" ? s.x : s.x - w;
      return { start, end: start + w, row: s.row };
    });
    for (const b of boxes) expect(b.start >= 40 && b.end <= 400).toBe(true);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        if (a.row === b.row) expect(a.end <= b.start || b.end <= a.start).toBe(true);
    expect(spots[2]?.align).toBe("right"); // near the right edge it goes to the left of its line
    expect(new Set(spots.slice(0, 2).map((s) => s.row)).size).toBe(2); // close lines stack
  });
});

describe("satisfaction over time", () => {
  const data = insightsFixture({ n: 10, from: "2026-01-05" });
  const config = satisfactionConfig(data.satisfaction, data.range, data.markers, THEME);
  const [daily, mean7, mean30] = config.data.datasets;

  it("puts points only on logged days and keeps gaps as gaps", () => {
    expect(daily?.showLine).toBe(false);
    expect(daily?.data.map((p) => p.x)).toEqual(data.satisfaction.series.map((p) => dayNumber(p.date)));
    expect(mean7?.spanGaps).toBe(false);
    expect(mean30?.spanGaps).toBe(false);
    // The fixture's days are 2 apart at most: every 7-day window holds a logged day, no break.
    expect(mean7?.data.some((p) => p.y === null)).toBe(false);
  });

  it("breaks a rolling mean where its window holds no logged day", () => {
    // Logged on days 0, 3 and 20 of the range. The 7-day window ending on day 10 (4..10) is
    // empty, so the 7-day line breaks at 3 + 7 = 10; the 30-day window never is.
    const from = "2026-01-05";
    const series = [0, 3, 20].map((d) => ({ date: addDays(from, d), value: 6, mean7: 6, mean30: 6, n7: 1, n30: 1 }));
    const config = satisfactionConfig({ mean: 6, n: 3, ci95: null, series }, { from, to: addDays(from, 30) }, [], THEME);
    const [, m7, m30] = config.data.datasets;
    expect(m7?.data.filter((p) => p.y === null).map((p) => p.x)).toEqual([dayNumber(from) + 10]);
    expect(m30?.data.some((p) => p.y === null)).toBe(false);
  });

  it("tells the rolling means apart by dash, not colour alone, and spans the whole range", () => {
    expect(mean7?.borderDash).toEqual([6, 4]);
    expect(mean30?.borderDash).toBeUndefined();
    expect(mean7?.label).toMatch(/dashed/);
    expect(mean30?.label).toMatch(/solid/);
    expect(config.options?.scales?.["x"]).toMatchObject({ min: dayNumber("2026-01-05"), max: dayNumber(data.range.to) });
  });

  it("draws each series in the report's colour: daily blue, 7-day teal, 30-day orange", () => {
    expect([daily?.borderColor, mean7?.borderColor, mean30?.borderColor]).toEqual([THEME.blue, THEME.teal, THEME.orange]);
    expect(daily?.backgroundColor).toBe("rgba(37, 99, 235, 0.45)"); // the report's tint(BLUE, 0.45)
  });

  it("keeps animation for small series and drops it for big ones", () => {
    expect(config.options?.animation).not.toBe(false);
    const big = insightsFixture({ n: BIG_SERIES + 1, from: "2020-01-01", to: "2026-01-01" });
    expect(satisfactionConfig(big.satisfaction, big.range, [], THEME).options?.animation).toBe(false);
  });

  it("draws a marker line where its day falls, in the kind's dash", () => {
    const markers: Marker[] = [{ date: "2026-01-05", kind: "phase", label: "manager" }];
    const ctx = { save: vi.fn(), restore: vi.fn(), beginPath: vi.fn(), moveTo: vi.fn(), lineTo: vi.fn(), stroke: vi.fn(), fillText: vi.fn(), setLineDash: vi.fn(), measureText: vi.fn(() => ({ width: 40 })), textAlign: "left" };
    const chart = {
      ctx,
      chartArea: { left: 0, right: 500, top: 10, bottom: 200 },
      scales: { x: { getPixelForValue: (v: number) => v - dayNumber("2026-01-05") + 100 } },
    };
    const plugin = markerPlugin(markers, THEME);
    (plugin.afterDatasetsDraw as unknown as (c: typeof chart) => void)(chart);
    expect(ctx.moveTo).toHaveBeenCalledWith(100, 10);
    expect(ctx.lineTo).toHaveBeenCalledWith(100, 200);
    expect(ctx.setLineDash).toHaveBeenCalledWith([6, 4]);
    expect(ctx.fillText).toHaveBeenCalledWith("manager", 104, expect.any(Number));
  });

  it("draws the trial review's line in the report's orange and every label in the text colour", () => {
    const markers: Marker[] = [
      { date: "2026-01-05", kind: "role_start", label: "role start" },
      { date: "2026-03-05", kind: "trial_review", label: "trial review" },
    ];
    const strokes: string[] = [];
    const ctx = {
      save: vi.fn(), restore: vi.fn(), beginPath: vi.fn(), moveTo: vi.fn(), lineTo: vi.fn(), fillText: vi.fn(), setLineDash: vi.fn(),
      measureText: vi.fn(() => ({ width: 40 })), textAlign: "left", strokeStyle: "", fillStyle: "",
      stroke: vi.fn(() => strokes.push(ctx.strokeStyle)),
    };
    const chart = { ctx, chartArea: { left: 0, right: 500, top: 10, bottom: 200 }, scales: { x: { getPixelForValue: (v: number) => v - dayNumber("2026-01-01") } } };
    (markerPlugin(markers, THEME).afterDatasetsDraw as unknown as (c: typeof chart) => void)(chart);
    expect(strokes).toEqual([THEME.text, THEME.orange]);
    expect(ctx.fillStyle).toBe(THEME.text);
  });
});

describe("the other charts", () => {
  const data = insightsFixture({ n: 20 });

  it("stack leadership (100 − technical) on the weekly technical share", () => {
    const [technical, leadership] = splitConfig(data.technical_share, data.range, THEME).data.datasets;
    const first = data.technical_share.weekly[0];
    expect(technical?.data[0]).toMatchObject({ y: first?.mean, n: first?.n });
    expect(leadership?.data[0]?.y).toBe(100 - (first?.mean ?? 0));
    expect([technical?.fill, leadership?.fill, leadership?.label]).toEqual(["origin", "-1", "Leadership share (hatched)"]);
    // As in the report: technical blue, leadership orange.
    expect([technical?.borderColor, leadership?.borderColor]).toEqual([THEME.blue, THEME.orange]);
  });

  it("draw the scatter, the band between its edges and the fitted line", () => {
    const [points, lo, hi, line] = relationConfig(data.relation, THEME).data.datasets;
    expect(points?.data).toHaveLength(20);
    expect(points?.showLine).toBe(false);
    expect(lo?.data[0]).toEqual({ x: 0, y: data.relation.line[0]?.lo });
    expect(hi?.fill).toBe("-1");
    expect(line?.data.at(-1)).toEqual({ x: 100, y: data.relation.line[10]?.y });
    expect([points?.borderColor, line?.borderColor]).toEqual([THEME.blue, THEME.blue]); // the report's BLUE
  });

  it("print n under every band's label", () => {
    const config = meanCiConfig(bandRows(data.sweet_spot), "Mean", THEME);
    expect(config.data.labels?.[0]).toEqual(["0–20%", "n = 4"]);
    expect(config.data.datasets[0]?.data).toEqual(data.sweet_spot.map((b) => b.mean));
    expect(config.data.datasets[0]?.backgroundColor).toBe(THEME.blue); // the report's bars are BLUE
  });
});
