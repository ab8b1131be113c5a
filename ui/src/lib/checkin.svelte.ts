// One day's check-in while it is being written: the numbers (each "not logged" until set), tags
// and text; the draft autosaved into the journal a moment after the last change; and the save,
// which says "saved" only once the journal has committed it.
import { api, type Entry } from "./api";
import { describeError } from "./errors";
import type { DayRun } from "./bindings/DayRun";
import {
  buildEntry,
  emptyValues,
  FIELD_SPECS,
  NUMBER_FIELDS,
  numberProblem,
  tagProblem,
  type NumberField,
} from "./fields";
import type { Notices } from "./notices.svelte";

export type SaveState = "idle" | "saving" | "saved" | "failed";
export type DraftState = "none" | "saving" | "kept" | "failed";

export interface CheckInOptions {
  /** Quiet time after the last change before the draft is written. */
  debounceMs?: number;
  /** Called once the journal has committed a save. */
  onSaved?: (entry: Entry) => void;
}

export const DRAFT_DEBOUNCE_MS = 1000;

export class CheckIn {
  readonly date: string;
  values = $state(emptyValues());
  tags = $state<string[]>([]);
  text = $state("");
  /** What is typed in the tag box but not yet a tag. */
  tagDraft = $state("");
  tagError = $state<string | null>(null);
  loading = $state(false);
  /** A saved entry exists for this day. */
  existed = $state(false);
  /** The form shows an unsaved draft rather than the saved entry. */
  restoredDraft = $state(false);
  saveState = $state<SaveState>("idle");
  draftState = $state<DraftState>("none");
  /** There are changes the journal has not committed as the entry. */
  dirty = $state(false);
  /** Why the last save did not happen, shown beside Save (a marked field, or the core's
   *  invalid_entry message). */
  entryError = $state<string | null>(null);
  /** When this form last saved. */
  savedAt = $state<Date | null>(null);
  /** The run of logged days the last save belongs to ("4 days in a row"). */
  run = $state<DayRun | null>(null);

  readonly errors = $derived.by(() => this.#errorsNow());
  readonly valid = $derived(Object.keys(this.errors).length === 0);
  /** The first field a save would stop at, so the form can show it (open "More", focus it). */
  readonly problemField = $derived.by((): NumberField | "tags" | null => {
    if (this.tagError !== null) return "tags";
    return NUMBER_FIELDS.find((f) => this.errors[f] !== undefined) ?? null;
  });

  #notices: Notices;
  #debounceMs: number;
  #onSaved: ((entry: Entry) => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #draftWrite: Promise<void> | null = null;
  #revision = 0;

  constructor(date: string, notices: Notices, options: CheckInOptions = {}) {
    this.date = date;
    this.#notices = notices;
    this.#debounceMs = options.debounceMs ?? DRAFT_DEBOUNCE_MS;
    this.#onSaved = options.onSaved;
  }

  /** Fills the form with the day's unsaved draft, else its saved entry, else nothing. */
  async load(): Promise<void> {
    this.loading = true;
    try {
      // Saving an entry deletes its draft, so a draft that exists is newer than the entry.
      const [entry, draft] = await Promise.all([api.getEntry(this.date), api.getDraft(this.date)]);
      this.existed = entry !== null;
      this.restoredDraft = draft !== null;
      this.#apply(draft ?? entry);
      this.dirty = draft !== null;
    } catch (err) {
      this.#notices.report(err, "Could not open this day");
    } finally {
      this.loading = false;
    }
  }

  /** Throws the draft away and shows the saved entry again. */
  async discardDraft(): Promise<void> {
    this.#cancelTimer();
    try {
      await this.#draftWrite;
      await api.discardDraft(this.date);
      this.values = emptyValues();
      this.tags = [];
      this.text = "";
      await this.load();
      this.saveState = "idle";
      this.draftState = "none";
    } catch (err) {
      this.#notices.report(err, "Could not discard the draft");
    }
  }

  set(field: NumberField, value: number | undefined): void {
    this.values[field] = value;
    this.#changed();
  }

  clear(field: NumberField): void {
    this.set(field, undefined);
  }

  setText(text: string): void {
    this.text = text;
    this.#changed();
  }

  setTagDraft(text: string): void {
    this.tagDraft = text;
    this.tagError = null;
  }

  /** Adds one tag; on a bad tag, keeps it in the box and says why. */
  addTag(raw: string): boolean {
    const tag = raw.trim();
    if (tag === "") {
      this.tagDraft = "";
      return true;
    }
    const problem = tagProblem(tag, this.tags);
    if (problem) {
      this.tagError = problem;
      this.tagDraft = tag;
      return false;
    }
    this.tags.push(tag);
    this.tagDraft = "";
    this.tagError = null;
    this.#changed();
    return true;
  }

  removeTag(tag: string): void {
    this.tags = this.tags.filter((t) => t !== tag);
    this.#changed();
  }

  /** The entry as it would be saved now: not-logged numbers are absent. */
  toEntry(): Entry {
    return buildEntry(this.date, $state.snapshot(this.values), $state.snapshot(this.tags), this.text);
  }

  /** Writes a pending draft now instead of waiting (before locking or leaving the screen). */
  async flush(): Promise<void> {
    if (this.#timer !== null) {
      this.#cancelTimer();
      await this.#writeDraft();
    } else {
      await this.#draftWrite;
    }
  }

  async save(): Promise<boolean> {
    if (this.saveState === "saving") return false;
    if (this.tagDraft.trim() !== "" && !this.addTag(this.tagDraft)) {
      this.entryError = `Not saved. Tags: ${this.tagError ?? "this tag cannot be used."}`;
      return false;
    }
    const field = NUMBER_FIELDS.find((f) => this.errors[f] !== undefined);
    if (field !== undefined) {
      this.entryError = `Not saved. ${FIELD_SPECS[field].label}: ${this.errors[field] ?? ""}`;
      return false;
    }
    this.#cancelTimer();
    await this.#draftWrite; // a draft written after the save would outlive it
    const revision = this.#revision;
    const entry = this.toEntry();
    this.saveState = "saving";
    this.entryError = null;
    try {
      await api.saveEntry(entry);
    } catch (err) {
      this.saveState = "failed";
      const problem = describeError(err);
      if (problem.kind === "invalid_entry") this.entryError = problem.detail;
      else this.#notices.report(err, "Could not save the entry");
      return false;
    }
    // The streak is read before the status changes, so "Saved 18:04 · 4 days in a row" appears
    // as one line rather than growing a moment later.
    const run = await this.#readRun();
    this.existed = true;
    this.restoredDraft = false;
    this.draftState = "none";
    // Changes made while the save was in flight are still unsaved.
    if (revision === this.#revision) {
      this.saveState = "saved";
      this.dirty = false;
    } else {
      this.saveState = "idle";
    }
    this.savedAt = new Date();
    this.run = run;
    this.#onSaved?.(entry);
    return true;
  }

  /** The streak line is a nicety: when it cannot be read, the save still stands and says so. */
  async #readRun(): Promise<DayRun | null> {
    try {
      return await api.dayRun(this.date);
    } catch {
      return null;
    }
  }

  /** Stops the autosave timer (the owner calls flush first to keep the last change). */
  dispose(): void {
    this.#cancelTimer();
  }

  #apply(entry: Entry | null): void {
    const values = emptyValues();
    for (const field of NUMBER_FIELDS) values[field] = entry?.[field] ?? undefined;
    this.values = values;
    this.tags = [...(entry?.tags ?? [])];
    this.text = entry?.text ?? "";
  }

  #changed(): void {
    this.#revision++;
    this.dirty = true;
    this.entryError = null;
    if (this.saveState !== "saving") this.saveState = "idle";
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#writeDraft();
    }, this.#debounceMs);
  }

  /** The number fields' problems, computed from the values as they are: the draft written when
   * the screen closes reads this, not the derived, which is inert once the view is gone. */
  #errorsNow(): Partial<Record<NumberField, string>> {
    const found: Partial<Record<NumberField, string>> = {};
    for (const field of NUMBER_FIELDS) {
      const problem = numberProblem(field, this.values[field]);
      if (problem) found[field] = problem;
    }
    return found;
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #writeDraft(): Promise<void> {
    // The core validates drafts too; an out-of-range number waits until it is fixed.
    if (Object.keys(this.#errorsNow()).length > 0 || !this.dirty) return;
    await this.#draftWrite;
    this.draftState = "saving";
    const write = api.saveDraft(this.toEntry()).then(
      () => {
        this.draftState = "kept";
      },
      (err: unknown) => {
        this.draftState = "failed";
        this.#notices.report(err, "Could not keep the draft");
      },
    );
    this.#draftWrite = write;
    await write;
    if (this.#draftWrite === write) this.#draftWrite = null;
  }
}
