// "Fill in yesterday?": the day after a reminder day that went without a check-in, Today offers
// once to open that day. Once means once per day on this machine: the date looked at is kept in
// the window's preferences whatever was found, so the stored date never says whether that day
// has an entry.
import { api, type Settings } from "./api";
import { addDays } from "./dates";
import type { Prefs } from "./prefs.svelte";
import { isReminderDay } from "./reminder";

export class FillInOffer {
  readonly yesterday: string;
  shown = $state(false);

  #prefs: Prefs;
  #checked = false;

  constructor(today: string, prefs: Prefs) {
    this.yesterday = addDays(today, -1);
    this.#prefs = prefs;
  }

  /** Looks once: a reminder set, yesterday one of its days, and no entry for it. A journal
   *  with nothing at all up to yesterday is new, not behind: no offer then either. */
  async check(settings: Settings): Promise<void> {
    if (this.#checked || this.#prefs.fillInCheckedFor === this.yesterday) return;
    this.#checked = true;
    if (!isReminderDay(settings, this.yesterday)) return;
    let missed: boolean;
    try {
      const run = await api.dayRun(this.yesterday);
      missed = run.days === 0 && run.previous !== null;
    } catch {
      // The offer is a nicety; without an answer, nothing is offered and it may ask again later.
      this.#checked = false;
      return;
    }
    this.#prefs.setFillInCheckedFor(this.yesterday);
    this.shown = missed;
  }

  dismiss(): void {
    this.shown = false;
  }
}
