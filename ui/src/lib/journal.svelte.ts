// Browsing the journal: the shown month (calendar and timeline, with the days that hold an
// unsaved draft), the open day with its entry, an editor for it that never closes over unsaved
// changes without asking, deleting with a few seconds to undo, and "on this day".
import { api, type Entry } from "./api";
import { CheckIn } from "./checkin.svelte";
import { addMonths, monthBounds, monthOf } from "./dates";
import type { Notices } from "./notices.svelte";

/** How long a deleted entry can be brought back before it is really deleted. */
export const UNDO_MS = 8000;

export interface PendingDelete {
  entry: Entry;
  timer: ReturnType<typeof setTimeout>;
}

export class JournalBrowser {
  readonly today: string;
  month = $state("");
  /** The shown month's entries, oldest first as the journal lists them. */
  entries = $state<Entry[]>([]);
  /** Days of the shown month with an unsaved draft. */
  drafts = $state<Set<string>>(new Set());
  loading = $state(false);
  selectedDate = $state<string | null>(null);
  /** The open day's entry; null when the day has none. */
  selected = $state<Entry | null>(null);
  editing = $state<CheckIn | null>(null);
  /** "Done editing" was pressed with unsaved changes: Save, Discard or keep editing. */
  askingToClose = $state(false);
  /** A deleted entry still within its undo time. */
  pendingDelete = $state<PendingDelete | null>(null);
  onThisDay = $state<Entry[]>([]);

  readonly shown = $derived(this.entries.filter((e) => e.date !== this.pendingDelete?.entry.date));
  readonly byDate = $derived(new Map(this.shown.map((e) => [e.date, e])));
  readonly newestFirst = $derived([...this.shown].reverse());

  #notices: Notices;
  #onChange: () => void;
  #undoMs: number;
  #monthRequest = 0;

  constructor(today: string, notices: Notices, onChange: () => void = () => {}, undoMs = UNDO_MS) {
    this.today = today;
    this.month = monthOf(today);
    this.#notices = notices;
    this.#onChange = onChange;
    this.#undoMs = undoMs;
  }

  /** Opens on the month of the latest entry up to today, so a quiet month never hides a year. */
  async start(): Promise<void> {
    try {
      const run = await api.dayRun(this.today);
      if (run.days === 0 && run.previous !== null) this.month = monthOf(run.previous);
    } catch {
      // Without it, the current month is shown: a lesser start, not a failure.
    }
    await this.loadMonth();
  }

  /** Opens straight into writing `date` (Today's "Fill in yesterday?"), on that day's month. */
  async startEditing(date: string): Promise<void> {
    this.month = monthOf(date);
    void this.loadMonth();
    await this.open(date);
    if (this.selectedDate === date) this.edit();
  }

  async loadMonth(): Promise<void> {
    const request = ++this.#monthRequest;
    const { from, to } = monthBounds(this.month);
    this.loading = true;
    try {
      const [entries, drafts] = await Promise.all([api.listEntries(from, to), api.draftDates(from, to)]);
      if (request === this.#monthRequest) {
        this.entries = entries;
        this.drafts = new Set(drafts);
      }
    } catch (err) {
      this.#notices.report(err, "Could not load this month");
    } finally {
      if (request === this.#monthRequest) this.loading = false;
    }
  }

  async loadOnThisDay(): Promise<void> {
    try {
      this.onThisDay = await api.onThisDay(this.today);
    } catch (err) {
      this.#notices.report(err, "Could not look up earlier years");
    }
  }

  async showMonth(offset: number): Promise<void> {
    this.month = addMonths(this.month, offset);
    await this.loadMonth();
  }

  async open(date: string): Promise<void> {
    await this.closeEditor();
    this.selectedDate = date;
    this.selected = this.byDate.get(date) ?? null;
    if (monthOf(date) !== this.month) {
      this.month = monthOf(date);
      void this.loadMonth();
    }
    try {
      const entry = await api.getEntry(date);
      if (this.selectedDate === date) this.selected = entry;
    } catch (err) {
      this.#notices.report(err, "Could not open this day");
    }
  }

  edit(): void {
    const date = this.selectedDate;
    if (date === null) return;
    const editor = new CheckIn(date, this.#notices, {
      onSaved: (entry) => {
        if (this.selectedDate === date) this.selected = entry;
        void this.loadMonth();
        this.#onChange();
      },
    });
    this.editing = editor;
    this.askingToClose = false;
    void editor.load();
  }

  /** "Done editing": closes at once when everything is saved, else asks first. */
  requestClose(): void {
    if (this.editing?.dirty) this.askingToClose = true;
    else void this.closeEditor();
  }

  /** Save, then close; stays open (with the reason beside Save) when the save is refused. */
  async saveAndClose(): Promise<void> {
    if (await this.editing?.save()) await this.closeEditor();
    else this.askingToClose = false;
  }

  /** Throws the changes away (and their draft), then closes. */
  async discardAndClose(): Promise<void> {
    await this.editing?.discardDraft();
    await this.closeEditor();
  }

  keepEditing(): void {
    this.askingToClose = false;
  }

  /** Closes the editor; unsaved changes are kept as the day's draft (leaving, locking). */
  async closeEditor(): Promise<void> {
    const editor = this.editing;
    if (!editor) return;
    this.editing = null;
    this.askingToClose = false;
    await editor.flush();
    editor.dispose();
    if (editor.dirty) this.drafts = new Set([...this.drafts, editor.date]);
    else if (this.drafts.has(editor.date)) this.drafts = new Set([...this.drafts].filter((d) => d !== editor.date));
  }

  /** Deletes the open day's entry after UNDO_MS; until then it is only hidden. */
  delete(): void {
    const entry = this.selected;
    if (entry === null) return;
    void this.finishDelete();
    const timer = setTimeout(() => void this.finishDelete(), this.#undoMs);
    this.pendingDelete = { entry, timer };
    this.selected = null;
  }

  undoDelete(): void {
    const pending = this.pendingDelete;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete = null;
    if (this.selectedDate === pending.entry.date) this.selected = pending.entry;
  }

  /** Deletes a pending entry now (its time ran out, or the journal is being left or locked). */
  async finishDelete(): Promise<void> {
    const pending = this.pendingDelete;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingDelete = null;
    const date = pending.entry.date;
    try {
      await api.deleteEntry(date);
      this.entries = this.entries.filter((e) => e.date !== date);
      this.onThisDay = this.onThisDay.filter((e) => e.date !== date);
      this.#onChange();
    } catch (err) {
      if (this.selectedDate === date) this.selected = pending.entry;
      this.#notices.report(err, "Could not delete the entry");
    }
  }
}
