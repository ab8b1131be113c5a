// Settings → "Bring your history": a journal kept in Day One, jrnl or Daylio (or Dualtrack's own
// JSON) comes in through one file the person picked. First a preview — the core reads the file and
// writes nothing — then, once every Daylio mood has a satisfaction, the import in one transaction.
// Only the newest preview may land, and Import sends exactly the path and options the shown
// preview describes; anything else waits for its own preview first.
import { api, asIpcError, type ImportFormat, type ImportOptions, type ImportReport, type MoodLabel } from "./api";
import { toDate } from "./dates";
import { describeError, type Problem } from "./errors";
import type { Notices } from "./notices.svelte";

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  dualtrack: "Dualtrack",
  dayone: "Day One",
  jrnl: "jrnl",
  daylio: "Daylio",
};

export type ImportBusy = "choosing" | "previewing" | "importing" | null;

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

const entries = (n: number): string => count(n, "entry", "entries");

/** "3 Mar 2021" in the person's locale. */
export function dayText(date: string): string {
  return toDate(date).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric" });
}

/** "3 Mar 2021 – 28 Nov 2026"; empty when no day receives content. */
export function rangeText(r: ImportReport): string {
  if (r.first_day === null || r.last_day === null) return "";
  if (r.first_day === r.last_day) return dayText(r.first_day);
  return `${dayText(r.first_day)} – ${dayText(r.last_day)}`;
}

/** "412 entries → 380 days". */
export function daysText(r: ImportReport): string {
  return `${entries(r.source_entries)} → ${count(r.days, "day")}`;
}

/** When nothing would change, why, in one sentence; null when some day receives content. */
export function nothingNewText(r: ImportReport, skipBad = false): string | null {
  if (r.days > 0) return null;
  if (r.source_entries === 0) return "Nothing to import: the file holds no entries.";
  const empty = skipBad ? "empty or unreadable" : "empty";
  if (r.already_imported >= r.source_entries) {
    return r.source_entries === 1
      ? "Nothing new: its one entry was imported before."
      : `Nothing new: all ${entries(r.source_entries)} were imported before.`;
  }
  if (r.already_imported === 0) {
    return `Nothing to import: ${r.skipped === 1 ? "the one entry is" : `all ${entries(r.skipped)} are`} ${empty}.`;
  }
  const were = r.already_imported === 1 ? "was" : "were";
  const are = r.skipped === 1 ? "is" : "are";
  return `Nothing new: ${entries(r.already_imported)} ${were} imported before and ${r.skipped.toLocaleString()} ${are} ${empty}.`;
}

/** The preview's smaller facts, each one line: merges, entries left alone or out, renamed tags. */
export function detailLines(r: ImportReport, skipBad = false): string[] {
  const lines: string[] = [];
  if (r.merged > 0) {
    lines.push(
      r.merged === 1
        ? "1 day already in your journal gets the imported text added below its own"
        : `${r.merged.toLocaleString()} days already in your journal get the imported text added below theirs`,
    );
  }
  if (r.already_imported > 0 && r.days > 0) {
    lines.push(`${entries(r.already_imported)} imported before ${r.already_imported === 1 ? "is" : "are"} left as they are`);
  }
  if (r.skipped > 0) lines.push(`${entries(r.skipped)} skipped (${skipBad ? "empty or unreadable" : "empty"})`);
  if (r.media_left_out > 0) {
    lines.push(`${count(r.media_left_out, "photo or video", "photos or videos")} left out: only text comes in`);
  }
  if (r.renamed_tags.length > 0) {
    const shown = r.renamed_tags.slice(0, 6).map((t) => `'${t.from}' → '${t.to}'`);
    const more = r.renamed_tags.length - shown.length;
    lines.push(`tags renamed: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`);
  }
  return lines;
}

/** The result in one sentence: how many days, how many new and how many added to. */
export function resultText(r: ImportReport, skipBad = false): string {
  const none = nothingNewText(r, skipBad);
  if (none !== null) return none;
  const parts: string[] = [];
  if (r.created > 0) parts.push(`${r.created.toLocaleString()} new`);
  if (r.merged > 0) parts.push(`${r.merged.toLocaleString()} added to existing entries`);
  return `Imported ${count(r.days, "day")}: ${parts.join(", ")}.`;
}

/** "'meh' and 'tired'" / "'a', 'b' and 'c'". */
function quoted(labels: string[]): string {
  const q = labels.map((l) => `'${l}'`);
  return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} and ${q[q.length - 1]}`;
}

/** What the preview and the import are asked with, as one comparable key. */
function keyOf(path: string, options: ImportOptions): string {
  const moods = Object.entries(options.moods).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([path, moods, options.skip_bad]);
}

export class ImportState {
  /** The file to read: picked in the dialog or typed. */
  path = $state("");
  /** Satisfaction (1–10) the person chose per mood label, as the preview names the label. */
  moodChoices = $state<Record<string, number>>({});
  /** Skip jrnl lines whose date cannot be read (each is listed among the warnings). */
  skipBad = $state(false);
  /** A jrnl journal's own `timeformat` (strftime, e.g. `%d.%m.%Y %H:%M`); "" = the usual ones. */
  timeFormat = $state("");
  preview = $state.raw<ImportReport | null>(null);
  result = $state.raw<ImportReport | null>(null);
  busy = $state<ImportBusy>(null);
  error = $state<Problem | null>(null);
  /** What the shown preview was asked with (see `keyOf`). */
  previewedKey = $state<string | null>(null);

  readonly options = $derived.by((): ImportOptions => ({
    moods: { ...this.moodChoices },
    skip_bad: this.skipBad,
    ...(this.timeFormat.trim() !== "" ? { time_format: this.timeFormat.trim() } : {}),
  }));
  /** Moods the core still has no satisfaction for, by its own word (the shown preview). */
  readonly unmapped = $derived(this.preview?.moods.filter((m) => m.satisfaction === null).map((m) => m.label) ?? []);
  /** The shown preview describes this file with these choices. */
  readonly current = $derived(
    this.preview !== null && this.previewedKey === keyOf(this.path.trim(), this.options),
  );
  /** Why Import cannot run now, in words; null when it can (or while there is no preview). */
  readonly blockedReason = $derived.by((): string | null => {
    if (this.preview === null) return null;
    if (this.preview.days === 0) return "Nothing to import.";
    if (this.unmapped.length > 0) {
      const one = this.unmapped.length === 1;
      return `Choose how satisfied ${one ? "the mood" : "the moods"} ${quoted(this.unmapped)} ${one ? "means" : "mean"} before importing.`;
    }
    return null;
  });
  readonly canImport = $derived(this.current && this.busy === null && this.blockedReason === null);

  #notices: Notices;
  #onImported: () => void;
  #generation = 0;
  /** What the preview on its way was asked with. */
  #asking: string | null = null;

  /** `onImported` tells the rest of the app the journal changed (tags, and views that cache). */
  constructor(notices: Notices, onImported: () => void = () => {}) {
    this.#notices = notices;
    this.#onImported = onImported;
  }

  /** The satisfaction a mood's picker shows: the person's choice, else the core's mapping. */
  choiceFor(mood: MoodLabel): number | null {
    return this.moodChoices[mood.label] ?? mood.satisfaction;
  }

  /** A typed path: another file, so the old preview, result and mood choices no longer apply. */
  setPath(value: string): void {
    if (value === this.path) return;
    this.path = value;
    this.#generation++;
    if (this.busy === "previewing") this.busy = null;
    this.preview = null;
    this.previewedKey = null;
    this.result = null;
    this.error = null;
    this.moodChoices = {};
  }

  /** The open dialog (for a file, or a jrnl folder journal); what is picked is previewed at
   *  once, a cancelled dialog changes nothing. */
  async choose(folder = false): Promise<void> {
    if (this.busy !== null) return;
    this.busy = "choosing";
    let chosen: string | null = null;
    try {
      chosen = await api.chooseImportFile(folder);
    } catch (err) {
      this.error = this.#problem(err, "Could not open the file dialog");
    } finally {
      this.busy = null;
    }
    if (chosen !== null) {
      this.setPath(chosen);
      await this.refresh();
    }
  }

  /** One mood's satisfaction (null: back to the core's suggestion); the preview follows. */
  async chooseMood(label: string, satisfaction: number | null): Promise<void> {
    const next = { ...this.moodChoices };
    if (satisfaction === null) delete next[label];
    else next[label] = satisfaction;
    this.moodChoices = next;
    this.result = null;
    await this.refresh();
  }

  async setSkipBad(on: boolean): Promise<void> {
    this.skipBad = on;
    if (this.path.trim() !== "") await this.refresh();
  }

  async setTimeFormat(format: string): Promise<void> {
    this.timeFormat = format;
    if (this.path.trim() !== "") await this.refresh();
  }

  /** Asks the core what importing the file would do; writes nothing. */
  async refresh(): Promise<void> {
    if (this.busy === "importing") return;
    const path = this.path.trim();
    if (path === "") {
      this.error = { kind: "invalid_input", summary: "Choose the file to bring in first.", detail: "", next: "" };
      return;
    }
    const options = this.options;
    const key = keyOf(path, options);
    // The same question already on its way (a typed path is committed and submitted at once).
    if (this.busy === "previewing" && this.#asking === key) return;
    this.#asking = key;
    const generation = ++this.#generation;
    this.busy = "previewing";
    this.error = null;
    try {
      const report = await api.previewImport(path, options);
      if (generation !== this.#generation) return;
      this.preview = report;
      this.previewedKey = key;
    } catch (err) {
      if (generation !== this.#generation) return;
      this.preview = null;
      this.previewedKey = null;
      this.error = this.#problem(err, "Could not read the file to import");
    } finally {
      if (generation === this.#generation) this.busy = null;
    }
  }

  /** Imports what the preview shows. Returns true once it is in the journal. */
  async importNow(): Promise<boolean> {
    if (!this.canImport) return false;
    const path = this.path.trim();
    this.busy = "importing";
    this.error = null;
    try {
      const report = await api.importFile(path, this.options);
      this.result = report;
      this.preview = null;
      this.previewedKey = null;
      if (report.days > 0) this.#onImported();
      return true;
    } catch (err) {
      this.error = this.#problem(err, "Could not import the file");
      return false;
    } finally {
      this.busy = null;
    }
  }

  /** "Bring in another file": back to an empty form. */
  reset(): void {
    this.setPath("");
    this.result = null;
    this.error = null;
    this.skipBad = false;
    this.timeFormat = "";
  }

  /** Shown where it happened; a journal that locked itself hands over to the unlock screen. */
  #problem(err: unknown, action: string): Problem {
    const problem = describeError(err);
    if (problem.kind === "locked") this.#notices.report(err, action);
    // The interface names "not_found" for a missing file; ErrorKind has no such kind yet.
    if (problem.kind === "io" || (asIpcError(err).kind as string) === "not_found") {
      return {
        ...problem,
        kind: "io",
        summary: "The file could not be read.",
        next: "Check that it is still there and that you may open it, then choose it again.",
      };
    }
    return problem;
  }
}
