// The user's settings (PRODUCT §5): role start, trial length, phases, the prompt set, the idle
// lock and the daily reminder (time and weekdays). The form keeps loose text while editing;
// `toSettings` says what is wrong or gives the exact Settings to store, with unset things absent.
// Settings has two cards with their own Save (the role, the reminder): each saves its own part
// and keeps the other as stored, so one card's unsaved edits never ride along or block it.
import { api, type Day, type Settings } from "./api";
import { isDate } from "./dates";
import { describeError } from "./errors";
import type { Notices } from "./notices.svelte";
import { inWeekOrder, isWorkdays, reminderDays } from "./reminder";
import { DEFAULT_IDLE_MINUTES } from "./session.svelte";

/** Offered when the reminder is first turned on: the end of a working day. */
export const DEFAULT_REMINDER_TIME = "18:00";

export const TRIAL_PRESETS = ["30", "90", "180"] as const;
export type TrialChoice = "none" | "custom" | (typeof TRIAL_PRESETS)[number];

export interface PhaseRow {
  name: string;
  start: string;
}

export interface SettingsFormValues {
  roleStart: string;
  trialChoice: TrialChoice;
  trialCustom: number | undefined;
  phases: PhaseRow[];
  promptsText: string;
  idleMinutes: number | undefined;
  /** Off keeps the time and days below in the form (turning it on again brings them back), but
   *  nothing of them is stored as a reminder. */
  reminderOn: boolean;
  /** `HH:MM`, or "" when none was chosen. */
  reminderTime: string;
  /** Monday to Friday unless the stored setting says otherwise. */
  reminderDays: Day[];
}

export type SaveScope = "all" | "role" | "reminder";
export type SaveStatus = "idle" | "saving" | "saved" | "failed";

export function formFromSettings(s: Settings): SettingsFormValues {
  const trial = s.trial_days;
  const preset = TRIAL_PRESETS.find((p) => Number(p) === trial);
  return {
    roleStart: s.role_start ?? "",
    trialChoice: trial === undefined ? "none" : (preset ?? "custom"),
    trialCustom: preset === undefined ? trial : undefined,
    phases: (s.phases ?? []).map((p) => ({ name: p.name, start: p.start })),
    promptsText: (s.prompts ?? []).join("\n"),
    idleMinutes: s.idle_lock_minutes ?? DEFAULT_IDLE_MINUTES,
    reminderOn: s.reminder_time !== undefined,
    reminderTime: s.reminder_time ?? "",
    reminderDays: reminderDays(s),
  };
}

/** The Settings to store, or the first problem found (it names the setting). */
export function toSettings(form: SettingsFormValues): Settings | { problem: string } {
  const settings: Settings = {};
  if (form.roleStart) {
    if (!isDate(form.roleStart)) return { problem: "Role start is not a valid date." };
    settings.role_start = form.roleStart;
  }
  if (form.trialChoice === "custom") {
    const days = form.trialCustom;
    if (days === undefined || !Number.isInteger(days) || days < 1 || days > 3650) {
      return { problem: "Trial length: use a whole number of days from 1 to 3650." };
    }
    settings.trial_days = days;
  } else if (form.trialChoice !== "none") {
    settings.trial_days = Number(form.trialChoice);
  }
  const starts = new Set<string>();
  for (const [i, phase] of form.phases.entries()) {
    const name = phase.name.trim();
    if (name === "" || [...name].length > 64) {
      return { problem: `Phase ${i + 1} needs a name of 1–64 characters.` };
    }
    if (!isDate(phase.start)) return { problem: `Phase ${i + 1} needs a start date.` };
    if (starts.has(phase.start)) return { problem: `Two phases start on ${phase.start}.` };
    starts.add(phase.start);
  }
  if (form.phases.length > 0) {
    settings.phases = form.phases.map((p) => ({ name: p.name.trim(), start: p.start }));
  }
  const prompts = form.promptsText
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (prompts.length > 200) return { problem: "Keep the prompt set to at most 200 prompts." };
  if (prompts.some((p) => p.length > 1000)) return { problem: "A prompt is longer than 1000 characters." };
  if (prompts.length > 0) settings.prompts = prompts;
  const idle = form.idleMinutes;
  if (idle === undefined || !Number.isInteger(idle) || idle < 1 || idle > 1440) {
    return { problem: "Idle lock: use a whole number of minutes from 1 to 1440." };
  }
  settings.idle_lock_minutes = idle;
  const days = inWeekOrder(form.reminderDays);
  if (form.reminderOn) {
    if (!isTimeOfDay(form.reminderTime)) return { problem: "Reminder: use a time of day such as 18:00." };
    // No day at all would read as "none chosen" = Monday to Friday: say so instead.
    if (days.length === 0) return { problem: "Reminder: choose at least one day, or turn the reminder off." };
    settings.reminder_time = form.reminderTime;
  }
  // The days are kept while the reminder is off, as `dualtrack remind --off` keeps them;
  // Monday to Friday is the default and is stored as "none chosen".
  if (days.length > 0 && !isWorkdays(days)) settings.reminder_days = days;
  return settings;
}

/** The form one card saves: its own fields as edited, the other card's as stored. */
export function scopedForm(form: SettingsFormValues, stored: Settings, scope: SaveScope): SettingsFormValues {
  if (scope === "all") return form;
  const kept = formFromSettings(stored);
  const reminder = (f: SettingsFormValues) => ({
    reminderOn: f.reminderOn,
    reminderTime: f.reminderTime,
    reminderDays: f.reminderDays,
  });
  return scope === "reminder" ? { ...kept, ...reminder(form) } : { ...form, ...reminder(kept) };
}

/** `HH:MM`, 00:00–23:59 (what the core accepts). */
export function isTimeOfDay(text: string): boolean {
  const match = /^(\d\d):(\d\d)$/.exec(text);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

export class SettingsState {
  /** The settings as stored in the journal. */
  current = $state<Settings>({});
  form = $state(formFromSettings({}));
  loaded = $state(false);
  /** The role card's (and the welcome screen's) save. */
  status = $state<SaveStatus>("idle");
  problem = $state<string | null>(null);
  /** The reminder card's save. */
  reminderStatus = $state<SaveStatus>("idle");
  reminderProblem = $state<string | null>(null);

  readonly idleLockMinutes = $derived(this.current.idle_lock_minutes ?? DEFAULT_IDLE_MINUTES);

  #notices: Notices;

  constructor(notices: Notices) {
    this.#notices = notices;
  }

  async load(): Promise<void> {
    try {
      this.current = await api.getSettings();
      this.form = formFromSettings(this.current);
      this.loaded = true;
    } catch (err) {
      this.#notices.report(err, "Could not load the settings");
    }
  }

  /** Reads the settings again (the CLI may have changed them, e.g. `dualtrack remind`) unless
   *  the form holds edits not saved yet, which are never thrown away. */
  async refresh(): Promise<void> {
    if (!this.loaded || JSON.stringify(this.form) !== JSON.stringify(formFromSettings(this.current))) return;
    await this.load();
  }

  /** Marks the form as edited (so an old "Settings saved" does not linger). */
  touched(scope: SaveScope = "all"): void {
    if (scope === "reminder") {
      this.reminderStatus = "idle";
      this.reminderProblem = null;
    } else {
      this.status = "idle";
      this.problem = null;
    }
  }

  /** Turning the reminder on offers a time when none was chosen yet; off keeps the time. */
  setReminderOn(on: boolean): void {
    this.form.reminderOn = on;
    if (on && this.form.reminderTime === "") this.form.reminderTime = DEFAULT_REMINDER_TIME;
    this.touched("reminder");
  }

  setReminderTime(time: string): void {
    this.form.reminderTime = time;
    this.touched("reminder");
  }

  toggleReminderDay(day: Day): void {
    const days = this.form.reminderDays;
    this.form.reminderDays = inWeekOrder(days.includes(day) ? days.filter((d) => d !== day) : [...days, day]);
    this.touched("reminder");
  }

  addPhase(): void {
    this.form.phases.push({ name: "", start: "" });
    this.touched();
  }

  removePhase(index: number): void {
    this.form.phases.splice(index, 1);
    this.touched();
  }

  /** Saves the whole form ("all", the welcome screen) or one card's part of it. */
  async save(scope: SaveScope = "all"): Promise<boolean> {
    const report = (status: SaveStatus, problem: string | null = null) => {
      if (scope === "reminder") {
        this.reminderStatus = status;
        this.reminderProblem = problem;
      } else {
        this.status = status;
        this.problem = problem;
      }
    };
    const result = toSettings(scopedForm($state.snapshot(this.form), this.current, scope));
    if ("problem" in result) {
      report("failed", result.problem);
      return false;
    }
    report("saving");
    try {
      await api.saveSettings(result);
    } catch (err) {
      const problem = describeError(err);
      if (problem.kind === "invalid_entry" || problem.kind === "invalid_input") report("failed", problem.detail);
      else {
        report("failed");
        this.#notices.report(err, "Could not save the settings");
      }
      return false;
    }
    this.current = result;
    report("saved");
    return true;
  }
}
