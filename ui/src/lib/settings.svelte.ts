// The user's settings (PRODUCT §5): role start, trial length, phases, the prompt set, the idle
// lock and the reminder time. The form keeps loose text while editing; `toSettings` says what is wrong or gives the
// exact Settings to store, with unset things absent.
import { api, type Settings } from "./api";
import { isDate } from "./dates";
import { describeError } from "./errors";
import type { Notices } from "./notices.svelte";
import { DEFAULT_IDLE_MINUTES } from "./session.svelte";

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
  /** `HH:MM`, or "" for no reminder. */
  reminderTime: string;
}

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
    reminderTime: s.reminder_time ?? "",
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
  if (form.reminderTime !== "") {
    if (!isTimeOfDay(form.reminderTime)) return { problem: "Reminder: use a time of day such as 18:00." };
    settings.reminder_time = form.reminderTime;
  }
  return settings;
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
  status = $state<"idle" | "saving" | "saved" | "failed">("idle");
  problem = $state<string | null>(null);

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

  /** Marks the form as edited (so an old "Settings saved" does not linger). */
  touched(): void {
    this.status = "idle";
    this.problem = null;
  }

  addPhase(): void {
    this.form.phases.push({ name: "", start: "" });
    this.touched();
  }

  removePhase(index: number): void {
    this.form.phases.splice(index, 1);
    this.touched();
  }

  async save(): Promise<boolean> {
    const result = toSettings($state.snapshot(this.form));
    if ("problem" in result) {
      this.problem = result.problem;
      this.status = "failed";
      return false;
    }
    this.status = "saving";
    this.problem = null;
    try {
      await api.saveSettings(result);
    } catch (err) {
      this.status = "failed";
      const problem = describeError(err);
      if (problem.kind === "invalid_entry" || problem.kind === "invalid_input") this.problem = problem.detail;
      else this.#notices.report(err, "Could not save the settings");
      return false;
    }
    this.current = result;
    this.status = "saved";
    return true;
  }
}
