// The Insights view's state: the chosen date range (last 30/90/365 days, all, or custom), the
// statistics the core computed for it, and the trial decisions. Only the newest request may
// land, so clicking through presets never shows an older range's numbers under a newer label.
import { api, type Decision, type Insights } from "./api";
import type { Choice } from "./bindings/Choice";
import { daysBetween, localDate } from "./dates";
import { describeError, type Problem } from "./errors";
import type { Notices } from "./notices.svelte";
import { customRange, PRESETS, presetRange, type Preset, type Range, type RangeChoice } from "./range";

export { customRange, PRESETS, presetRange };

/** Context key: a function saying whether the journal is too young for any trend (the summary
 * says so once, so the cards leave out their own small-sample flags). */
export const YOUNG = Symbol("insights-young");
export type { Preset, Range, RangeChoice };

/** The four choices at a trial review, in the order shown; "back to IC" is an equal path. */
export const CHOICES: { choice: Choice; label: string; hint: string }[] = [
  { choice: "continue", label: "Continue", hint: "stay in the role as it is" },
  { choice: "extend", label: "Extend the trial", hint: "decide later, with more days logged" },
  { choice: "back_to_ic", label: "Back to IC", hint: "return to hands-on technical work" },
  { choice: "hybrid", label: "Hybrid", hint: "shape a role that mixes both" },
];

/** "Extend" and "hybrid" go on to a next review; the other paths end the trial. */
export function setsNextReview(choice: Choice): boolean {
  return choice === "extend" || choice === "hybrid";
}

/** The latest decision taken at or after this review date: the review it answered. */
export function decisionFor(decisions: Decision[], reviewDate: string): Decision | null {
  return decisions.filter((d) => d.decided_on >= reviewDate).at(-1) ?? null;
}

/** "Trial review in 23 days", "… tomorrow", "… today". */
export function countdown(reviewDate: string, today: string): string {
  const days = daysBetween(today, reviewDate);
  if (days <= 0) return "Trial review today";
  return days === 1 ? "Trial review tomorrow" : `Trial review in ${days} days`;
}

export function choiceLabel(choice: Choice): string {
  return CHOICES.find((c) => c.choice === choice)?.label ?? choice;
}

export class InsightsState {
  readonly today: string;
  choice = $state<RangeChoice>("90");
  /** The range inputs; a preset fills them in, typing in them makes the range custom. */
  from = $state("");
  to = $state("");
  /** Plain data (no deep proxy): thousands of points go straight to the charts. */
  data = $state.raw<Insights | null>(null);
  loading = $state(false);
  error = $state<Problem | null>(null);
  rangeProblem = $state<string | null>(null);
  decisions = $state.raw<Decision[]>([]);
  decisionStatus = $state<"idle" | "saving" | "saved" | "failed">("idle");
  decisionError = $state<Problem | null>(null);

  /** Nothing logged in the range: the view shows its empty state instead of charts. */
  readonly empty = $derived(this.data !== null && this.data.coverage.days_logged === 0);

  #notices: Notices;
  #request = 0;

  constructor(notices: Notices, today: string = localDate()) {
    this.#notices = notices;
    this.today = today;
    this.#fill(presetRange("90", today));
  }

  /** Picks a preset and loads it. */
  async choose(preset: Preset): Promise<void> {
    this.choice = preset;
    this.rangeProblem = null;
    this.#fill(presetRange(preset, this.today));
    await this.load();
  }

  /** Sets one end of a custom range and loads it when it makes sense. */
  async setCustom(end: "from" | "to", value: string): Promise<void> {
    this[end] = value;
    this.choice = "custom";
    await this.load();
  }

  /** The range the current choice asks for, or null (with `rangeProblem` set) when invalid. */
  range(): Range | null {
    if (this.choice !== "custom") return presetRange(this.choice, this.today);
    const range = customRange(this.from, this.to);
    if ("problem" in range) {
      this.rangeProblem = range.problem;
      return null;
    }
    this.rangeProblem = null;
    return range;
  }

  async load(): Promise<void> {
    const range = this.range();
    if (range === null) return;
    const request = ++this.#request;
    this.loading = true;
    try {
      const data = await api.getInsights(range.from, range.to);
      if (request !== this.#request) return;
      this.data = data;
      this.error = null;
    } catch (err) {
      if (request !== this.#request) return;
      this.error = this.#problem(err, "Could not compute the insights");
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  async loadDecisions(): Promise<void> {
    try {
      this.decisions = await api.listDecisions();
    } catch (err) {
      this.decisionError = this.#problem(err, "Could not list the decisions");
    }
  }

  /** The decision form was edited: an old "Decision recorded" should not linger. */
  touchDecision(): void {
    if (this.decisionStatus !== "saving") this.decisionStatus = "idle";
  }

  /** Records a decision dated today, then shows the updated list. */
  /** Records the decision; "extend" and "hybrid" carry the next review date, and the insights
   * are read again so the trial shows its new countdown. */
  async recordDecision(choice: Choice, note: string, nextReview?: string): Promise<boolean> {
    this.decisionStatus = "saving";
    this.decisionError = null;
    try {
      await api.recordDecision({ decided_on: this.today, choice, note: note.trim() }, setsNextReview(choice) ? nextReview : undefined);
    } catch (err) {
      this.decisionStatus = "failed";
      this.decisionError = this.#problem(err, "Could not record the decision");
      return false;
    }
    await this.loadDecisions();
    if (setsNextReview(choice)) await this.load();
    this.decisionStatus = "saved";
    return true;
  }

  #fill(range: Range): void {
    this.from = range.from ?? "";
    this.to = range.to ?? "";
  }

  /** Shown where it happened; a journal that locked itself hands over to the unlock screen. */
  #problem(err: unknown, action: string): Problem {
    const problem = describeError(err);
    if (problem.kind === "locked") this.#notices.report(err, action);
    return problem;
  }
}
