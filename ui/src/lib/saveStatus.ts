// The check-in's one line of state beside Save: "Saving…", "Not saved", or "Saved 18:04 · 4 days
// in a row". Pure, so every case is tested; the form only renders what this returns.
import type { DayRun } from "./bindings/DayRun";
import { shortDate } from "./dates";
import type { SaveState } from "./checkin.svelte";

export interface SaveFacts {
  saveState: SaveState;
  /** Changes the journal has not committed. */
  dirty: boolean;
  /** The day already had a saved entry when the form opened. */
  existed: boolean;
  /** When this form last saved, if it did. */
  savedAt: Date | null;
  /** The run of logged days the saved entry belongs to, once known. */
  run: DayRun | null;
}

/** "18:04" in the person's locale. */
function clock(at: Date): string {
  return at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** "4 days in a row", or when the entry before this one was; empty when there is nothing to say. */
export function runText(run: DayRun | null): string {
  if (run === null || run.days === 0) return "";
  if (run.days >= 2) return `${run.days} days in a row`;
  return run.previous === null ? "your first entry" : `last entry before this: ${shortDate(run.previous)}`;
}

export function saveStatus(f: SaveFacts): string {
  if (f.saveState === "saving") return "Saving…";
  if (f.saveState === "failed" || f.dirty) return "Not saved";
  if (f.savedAt !== null) return [`Saved ${clock(f.savedAt)}`, runText(f.run)].filter(Boolean).join(" · ");
  return f.existed ? "Saved" : "";
}
