// The "year in pixels" layout: every day of the range placed in week columns (Monday on top),
// one block per calendar year, plus the monthly means that stand beside it as text. Logged
// without a score and not logged stay two different things.
import type { CalendarDay } from "./bindings/CalendarDay";
import type { InsightsRange } from "./bindings/InsightsRange";
import { addDays, longDate, toDate } from "./dates";
import { moveIndex } from "./roving";

export interface HeatCell {
  date: string;
  /** Satisfaction 1–10, or null when the day is logged without one (or not logged). */
  value: number | null;
  logged: boolean;
}

export interface HeatYear {
  year: string;
  /** Day cells in column order (week by week); null pads the first week before its Monday. */
  cells: (HeatCell | null)[];
}

export interface MonthMean {
  month: string;
  /** Days with a satisfaction value. */
  n: number;
  mean: number | null;
}

/** The days of the range, year by year; `maxDays` caps a runaway range (newest days kept). */
export function heatmapYears(calendar: CalendarDay[], range: InsightsRange, maxDays = 3700): HeatYear[] {
  const byDate = new Map(calendar.map((d) => [d.date, d.value]));
  const years: HeatYear[] = [];
  let day = range.from;
  const span = Math.round((toDate(range.to).getTime() - toDate(range.from).getTime()) / 86_400_000);
  if (span >= maxDays) day = addDays(range.to, -(maxDays - 1));
  while (day <= range.to) {
    const year = day.slice(0, 4);
    const pad = (toDate(day).getDay() + 6) % 7;
    const cells: (HeatCell | null)[] = Array.from({ length: pad }, () => null);
    while (day <= range.to && day.startsWith(year)) {
      const value = byDate.get(day);
      cells.push({ date: day, value: value ?? null, logged: value !== undefined });
      day = addDays(day, 1);
    }
    years.push({ year, cells });
  }
  return years;
}

/** Where each month begins in a year's grid: its week column and its short name. */
export function monthStarts(cells: (HeatCell | null)[]): { column: number; label: string }[] {
  const starts: { column: number; label: string }[] = [];
  cells.forEach((cell, i) => {
    if (cell && (cell.date.endsWith("-01") || starts.length === 0)) {
      const column = Math.floor(i / 7);
      const label = toDate(cell.date).toLocaleDateString(undefined, { month: "short" });
      // A label is about three columns wide: a month starting closer than that to the last
      // label (a range that begins late in a month) takes its place.
      const last = starts.at(-1);
      if (last && column - last.column < 3) starts[starts.length - 1] = { column, label };
      else starts.push({ column, label });
    }
  });
  return starts;
}

/** Mean satisfaction per month over the days with a value, oldest month first. */
export function monthlyMeans(calendar: CalendarDay[]): MonthMean[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const d of calendar) {
    const month = d.date.slice(0, 7);
    const acc = sums.get(month) ?? { sum: 0, n: 0 };
    if (d.value !== null) {
      acc.sum += d.value;
      acc.n += 1;
    }
    sums.set(month, acc);
  }
  return [...sums]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { sum, n }]) => ({ month, n, mean: n === 0 ? null : sum / n }));
}

/** The CSS class of a cell: the shared satisfaction scale, or "logged, no score", or empty. */
export function cellClass(cell: HeatCell): string {
  if (cell.value !== null) return `sat-${Math.min(10, Math.max(1, Math.round(cell.value)))}`;
  return cell.logged ? "no-score" : "not-logged";
}

/** What a day says to assistive technology and in the line under the grid:
 *  "Tuesday, 3 March 2026: satisfaction 7 of 10" / "…: logged, no score" / "…: not logged". */
export function dayText(cell: HeatCell): string {
  const what = cell.value !== null ? `satisfaction ${cell.value} of 10` : cell.logged ? "logged, no score" : "not logged";
  return `${longDate(cell.date)}: ${what}`;
}

/** A year's cells cut into weeks: the rows of the grid for assistive technology (a week is a row
 *  of a calendar), drawn as columns. */
export function weeksOf(cells: (HeatCell | null)[]): (HeatCell | null)[][] {
  const weeks: (HeatCell | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Where a key moves the focus among `count` consecutive days drawn as week columns (Monday on
 *  top): ↑ ↓ a day, ← → a week, Home and End to the first and last day; null for other keys.
 *  The grid is roving's row-major layout turned on its side, so the arrows swap axes. */
export function dayMove(key: string, index: number, count: number): number | null {
  const turned: Record<string, string> = { ArrowUp: "ArrowLeft", ArrowDown: "ArrowRight", ArrowLeft: "ArrowUp", ArrowRight: "ArrowDown" };
  return moveIndex(turned[key] ?? key, index, count, 7);
}
