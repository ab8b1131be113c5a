// "Fill in yesterday?": the day after a reminder day that went without a check-in, Today offers
// once to open that day. Once means once per day on this machine: the date looked at is kept in
// the window's preferences whatever was found, so the stored date never says whether that day
// has an entry.
import { api } from "./api";
import { addDays } from "./dates";
import type { Prefs } from "./prefs.svelte";

export class FillInOffer {
  readonly yesterday: string;
  shown = $state(false);

  #prefs: Prefs;
  #checked = false;

  constructor(today: string, prefs: Prefs) {
    this.yesterday = addDays(today, -1);
    this.#prefs = prefs;
  }

  /** Looks once; the core decides (Journal::missed_day): a reminder set, yesterday one of its
   *  days, no entry for it, and a journal that is not new. */
  async check(): Promise<void> {
    if (this.#checked || this.#prefs.fillInCheckedFor === this.yesterday) return;
    this.#checked = true;
    let missed: boolean;
    try {
      missed = (await api.missedDay(addDays(this.yesterday, 1))) === this.yesterday;
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
