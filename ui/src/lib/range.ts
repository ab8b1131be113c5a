// The date ranges Insights and Export offer: the last 30/90/365 days ending today, everything,
// or a custom from/to. Days are local `YYYY-MM-DD` text; an open end is absent, and the core
// closes it on the journal's first or last entry.
import { addDays, isDate } from "./dates";

export type Preset = "30" | "90" | "365" | "all";
export type RangeChoice = Preset | "custom";

export const PRESETS: { preset: Preset; label: string }[] = [
  { preset: "30", label: "Last 30 days" },
  { preset: "90", label: "Last 90 days" },
  { preset: "365", label: "Last 365 days" },
  { preset: "all", label: "All" },
];

export interface Range {
  from?: string;
  to?: string;
}

/** The inclusive days of a preset ending today; "all" leaves both ends open (the core closes
 *  them on the journal's first and last entry). */
export function presetRange(preset: Preset, today: string): Range {
  if (preset === "all") return {};
  return { from: addDays(today, -(Number(preset) - 1)), to: today };
}

/** A custom range as typed (either end may be empty), or what is wrong with it. */
export function customRange(from: string, to: string): Range | { problem: string } {
  if (from !== "" && !isDate(from)) return { problem: "“From” is not a valid date." };
  if (to !== "" && !isDate(to)) return { problem: "“To” is not a valid date." };
  if (from !== "" && to !== "" && from > to) return { problem: "“From” is after “To”." };
  const range: Range = {};
  if (from !== "") range.from = from;
  if (to !== "") range.to = to;
  return range;
}
