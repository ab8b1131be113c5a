import { describe, expect, it } from "vitest";
import { cellClass, dayMove, dayText, heatmapYears, monthlyMeans, monthStarts, weeksOf } from "./heatmap";
import { longDate } from "./dates";
import { belowTheLine, coverageText, isConclusion, signed, smallSample, verdictText } from "./evidence";

describe("calendar heatmap", () => {
  const calendar = [
    { date: "2025-12-30", value: 3 },
    { date: "2026-01-01", value: null }, // logged, no score
    { date: "2026-01-02", value: 9 },
  ];

  it("splits the range at New Year and pads each year's first week to Monday", () => {
    const years = heatmapYears(calendar, { from: "2025-12-29", to: "2026-01-04" });
    expect(years.map((y) => y.year)).toEqual(["2025", "2026"]);
    // 2025-12-29 is a Monday: no padding; 3 days to New Year's Eve.
    expect(years[0]?.cells.map((c) => c?.date ?? null)).toEqual(["2025-12-29", "2025-12-30", "2025-12-31"]);
    // 2026-01-01 is a Thursday: three empty cells (Mon–Wed) first.
    expect(years[1]?.cells.slice(0, 4).map((c) => c?.date ?? null)).toEqual([null, null, null, "2026-01-01"]);
  });

  it("keeps 'logged without a score' apart from 'not logged'", () => {
    const cells = heatmapYears(calendar, { from: "2025-12-29", to: "2026-01-04" }).flatMap((y) => y.cells);
    const byDate = new Map(cells.filter((c) => c !== null).map((c) => [c.date, c]));
    expect(cellClass(byDate.get("2025-12-30")!)).toBe("sat-3");
    expect(cellClass(byDate.get("2026-01-01")!)).toBe("no-score");
    expect(cellClass(byDate.get("2025-12-31")!)).toBe("not-logged");
  });

  it("gives monthly means over the days with a score only", () => {
    expect(monthlyMeans([...calendar, { date: "2026-01-05", value: 6 }])).toEqual([
      { month: "2025-12", n: 1, mean: 3 },
      { month: "2026-01", n: 2, mean: 7.5 }, // (9 + 6) / 2; the unscored day does not count
    ]);
  });
});

describe("evidence wording", () => {
  it("flags a small sample and never words it as a conclusion", () => {
    expect(smallSample(9)).toBe("n = 9 — too few days for a conclusion");
    expect(smallSample(14)).toBeNull();
    expect(isConclusion("too_few")).toBe(false);
    expect(isConclusion("no_clear_link")).toBe(false);
    expect(isConclusion("finding")).toBe(true);
    // The core words every state; the window only makes it a sentence.
    expect(verdictText("5 more logged days until a first trend")).toBe("5 more logged days until a first trend.");
    expect(verdictText("no clear link yet (40 days)")).toBe("No clear link yet (40 days).");
    expect(verdictText("Days with more meetings tend to be less satisfying: -0.3 (n = 40).")).toBe(
      "Days with more meetings tend to be less satisfying: -0.3 (n = 40).",
    );
    expect([belowTheLine("too_few"), belowTheLine("no_clear_link"), belowTheLine("finding")]).toEqual([true, true, false]);
  });

  it("prints signs, coverage and small values without rounding them to zero", () => {
    expect([signed(0.42), signed(-1.25), signed(0.031), signed(null)]).toEqual(["+0.4", "−1.3", "+0.03", "—"]);
    expect(coverageText({ days_logged: 54, days_in_range: 90, ratio: 0.6 })).toBe("54 of 90 days logged (60%)");
    expect(coverageText({ days_logged: 0, days_in_range: 0, ratio: null })).toBe("0 of 0 days logged");
  });
});

describe("month labels", () => {
  it("names each month above the week column it starts in", () => {
    const [year] = heatmapYears([], { from: "2026-01-01", to: "2026-03-31" });
    const starts = monthStarts(year?.cells ?? []);
    expect(starts.map((m) => m.column)).toEqual([0, 4, 8]); // Thu 1 Jan, Sun 1 Feb, Sun 1 Mar
    expect(starts).toHaveLength(3);
    expect(new Set(starts.map((m) => m.label)).size).toBe(3);
  });

  it("gives a range that starts late in a month to the next month's label, so none overlaps", () => {
    const [year] = heatmapYears([], { from: "2025-11-27", to: "2025-12-31" });
    const starts = monthStarts(year?.cells ?? []);
    expect(starts).toHaveLength(1);
    expect(starts[0]?.label).toBe(new Date(2025, 11, 1).toLocaleDateString(undefined, { month: "short" }));
  });
});

describe("heatmap values and keys", () => {
  it("words every day's value, keeping 'logged, no score' apart from 'not logged'", () => {
    expect(dayText({ date: "2026-03-03", value: 7, logged: true })).toBe(`${longDate("2026-03-03")}: satisfaction 7 of 10`);
    expect(dayText({ date: "2026-03-04", value: null, logged: true })).toBe(`${longDate("2026-03-04")}: logged, no score`);
    expect(dayText({ date: "2026-03-05", value: null, logged: false })).toBe(`${longDate("2026-03-05")}: not logged`);
  });

  it("cuts a year into weeks, the padded first one included", () => {
    const [year] = heatmapYears([], { from: "2026-01-01", to: "2026-01-12" }); // from a Thursday: 3 + 12 cells
    const weeks = weeksOf(year?.cells ?? []);
    expect(weeks.map((w) => w.length)).toEqual([7, 7, 1]);
    expect(weeks[0]?.map((c) => c?.date ?? null)).toEqual([null, null, null, "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
  });

  it("moves a day with up and down and a week with left and right, clamped to the range", () => {
    expect([dayMove("ArrowDown", 10, 30), dayMove("ArrowUp", 10, 30)]).toEqual([11, 9]);
    expect([dayMove("ArrowRight", 10, 30), dayMove("ArrowLeft", 10, 30)]).toEqual([17, 3]);
    expect([dayMove("ArrowRight", 27, 30), dayMove("ArrowLeft", 2, 30)]).toEqual([29, 0]);
    expect([dayMove("Home", 10, 30), dayMove("End", 10, 30), dayMove("Enter", 10, 30)]).toEqual([0, 29, null]);
  });
});
