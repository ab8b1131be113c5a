// Browsing the journal: the shown month (calendar and timeline), the open day with its entry,
// an editor for it, deleting with a confirm step, and "on this day" from earlier years.
import { api, type Entry } from "./api";
import { CheckIn } from "./checkin.svelte";
import { addMonths, monthBounds, monthOf } from "./dates";
import type { Notices } from "./notices.svelte";

export class JournalBrowser {
  readonly today: string;
  month = $state("");
  /** The shown month's entries, oldest first as the journal lists them. */
  entries = $state<Entry[]>([]);
  loading = $state(false);
  selectedDate = $state<string | null>(null);
  /** The open day's entry; null when the day has none. */
  selected = $state<Entry | null>(null);
  editing = $state<CheckIn | null>(null);
  confirmingDelete = $state(false);
  deleting = $state(false);
  onThisDay = $state<Entry[]>([]);

  readonly byDate = $derived(new Map(this.entries.map((e) => [e.date, e])));
  readonly newestFirst = $derived([...this.entries].reverse());

  #notices: Notices;
  #onChange: () => void;
  #monthRequest = 0;

  constructor(today: string, notices: Notices, onChange: () => void = () => {}) {
    this.today = today;
    this.month = monthOf(today);
    this.#notices = notices;
    this.#onChange = onChange;
  }

  async loadMonth(): Promise<void> {
    const request = ++this.#monthRequest;
    const { from, to } = monthBounds(this.month);
    this.loading = true;
    try {
      const entries = await api.listEntries(from, to);
      if (request === this.#monthRequest) this.entries = entries;
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
    this.confirmingDelete = false;
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
    void editor.load();
  }

  async closeEditor(): Promise<void> {
    const editor = this.editing;
    if (!editor) return;
    this.editing = null;
    await editor.flush();
    editor.dispose();
  }

  askDelete(): void {
    this.confirmingDelete = true;
  }

  cancelDelete(): void {
    this.confirmingDelete = false;
  }

  async confirmDelete(): Promise<void> {
    const date = this.selectedDate;
    if (date === null) return;
    this.deleting = true;
    try {
      await api.deleteEntry(date);
      this.selected = null;
      this.confirmingDelete = false;
      this.onThisDay = this.onThisDay.filter((e) => e.date !== date);
      await this.loadMonth();
      this.#onChange();
    } catch (err) {
      this.#notices.report(err, "Could not delete the entry");
    } finally {
      this.deleting = false;
    }
  }
}
