import { describe, expect, it } from "vitest";
import { Notices } from "./notices.svelte";
import { formFromSettings, isTimeOfDay, scopedForm, SettingsState, toSettings } from "./settings.svelte";
import { memoryJournal } from "../test/backend";

const base = formFromSettings({});

describe("settings form ↔ Settings", () => {
  it("leaves unset things absent and defaults the idle lock to 15 minutes", () => {
    expect(base.idleMinutes).toBe(15);
    expect(toSettings(base)).toEqual({ idle_lock_minutes: 15 });
  });

  it("maps presets, custom trial lengths, phases and prompts", () => {
    const form = {
      ...base,
      roleStart: "2026-03-01",
      trialChoice: "custom" as const,
      trialCustom: 120,
      phases: [{ name: " manager ", start: "2026-03-01" }],
      promptsText: "one\n\n two \n",
    };
    expect(toSettings(form)).toEqual({
      role_start: "2026-03-01",
      trial_days: 120,
      phases: [{ name: "manager", start: "2026-03-01" }],
      prompts: ["one", "two"],
      idle_lock_minutes: 15,
    });
    expect(toSettings({ ...base, trialChoice: "90" })).toMatchObject({ trial_days: 90 });
  });

  it("round-trips stored settings into the form (a preset length shows as the preset)", () => {
    expect(formFromSettings({ trial_days: 180 }).trialChoice).toBe("180");
    const custom = formFromSettings({ trial_days: 45, idle_lock_minutes: 5 });
    expect([custom.trialChoice, custom.trialCustom, custom.idleMinutes]).toEqual(["custom", 45, 5]);
  });

  it("names the problem instead of sending a setting the core would reject", () => {
    expect(toSettings({ ...base, idleMinutes: 0 })).toEqual({ problem: expect.stringMatching(/Idle lock/) });
    expect(toSettings({ ...base, trialChoice: "custom", trialCustom: undefined })).toHaveProperty("problem");
    expect(toSettings({ ...base, phases: [{ name: "", start: "2026-01-01" }] })).toHaveProperty("problem");
    const twice = [
      { name: "IC", start: "2026-01-01" },
      { name: "lead", start: "2026-01-01" },
    ];
    expect(toSettings({ ...base, phases: twice })).toEqual({ problem: "Two phases start on 2026-01-01." });
  });

  it("keeps a reminder time as HH:MM and refuses anything else", () => {
    expect([base.reminderOn, base.reminderTime]).toEqual([false, ""]);
    const on = { ...base, reminderOn: true };
    expect(toSettings({ ...on, reminderTime: "18:05" })).toMatchObject({ reminder_time: "18:05" });
    expect(formFromSettings({ reminder_time: "07:30" })).toMatchObject({ reminderOn: true, reminderTime: "07:30" });
    for (const bad of ["", "24:00", "7:30", "18:60", "6pm"]) {
      expect(toSettings({ ...on, reminderTime: bad })).toEqual({ problem: expect.stringMatching(/^Reminder/) });
    }
    expect(isTimeOfDay("23:59")).toBe(true);
  });
});

describe("the reminder in the form", () => {
  it("defaults to Monday to Friday, stored as no days chosen (the core's default)", () => {
    expect(base.reminderDays).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(formFromSettings({ reminder_time: "18:00", reminder_days: [] }).reminderDays).toEqual(base.reminderDays);
    const on = { ...base, reminderOn: true, reminderTime: "18:00" };
    // The default goes out as absent, whatever order the boxes were ticked in.
    expect(toSettings({ ...on, reminderDays: ["fri", "mon", "tue", "wed", "thu"] })).toEqual({
      idle_lock_minutes: 15,
      reminder_time: "18:00",
    });
    // Other days go out once each, Monday first.
    expect(toSettings({ ...on, reminderDays: ["sun", "sat", "sun"] })).toMatchObject({ reminder_days: ["sat", "sun"] });
    expect(formFromSettings({ reminder_time: "10:00", reminder_days: ["sun", "sat"] }).reminderDays).toEqual(["sat", "sun"]);
  });

  it("refuses a reminder on no day at all, which would read as Monday to Friday", () => {
    const noDays = { ...base, reminderOn: true, reminderTime: "18:00", reminderDays: [] };
    expect(toSettings(noDays)).toEqual({ problem: "Reminder: choose at least one day, or turn the reminder off." });
    // Off, no days is simply nothing to store.
    expect(toSettings({ ...noDays, reminderOn: false })).toEqual({ idle_lock_minutes: 15 });
  });

  it("off stores no reminder time but keeps the time (and the chosen days) in the form", () => {
    const settings = new SettingsState(new Notices());
    settings.setReminderOn(true);
    expect(settings.form.reminderTime).toBe("18:00"); // offered when none was chosen
    settings.setReminderTime("07:15");
    settings.toggleReminderDay("fri");
    settings.toggleReminderDay("sat");
    settings.setReminderOn(false);
    expect(settings.form).toMatchObject({ reminderOn: false, reminderTime: "07:15", reminderDays: ["mon", "tue", "wed", "thu", "sat"] });
    const off = toSettings(settings.form);
    expect(off).not.toHaveProperty("reminder_time");
    // Like `dualtrack remind --off`, the days stay for the next time it is turned on.
    expect(off).toMatchObject({ reminder_days: ["mon", "tue", "wed", "thu", "sat"] });
    settings.setReminderOn(true);
    expect(settings.form.reminderTime).toBe("07:15"); // not reset to the offered 18:00
    expect(toSettings(settings.form)).toMatchObject({ reminder_time: "07:15" });
  });

  it("saves each card's part with the other part as stored", () => {
    const stored = { role_start: "2026-03-01", idle_lock_minutes: 10, reminder_time: "18:00" };
    const form = { ...formFromSettings(stored), roleStart: "2026-04-01", reminderOn: false, reminderTime: "bad" };
    expect(toSettings(scopedForm(form, stored, "role"))).toEqual({ ...stored, role_start: "2026-04-01" });
    const reminderForm = { ...form, reminderTime: "09:00", reminderOn: true, idleMinutes: 0 };
    expect(toSettings(scopedForm(reminderForm, stored, "reminder"))).toEqual({ ...stored, reminder_time: "09:00" });
  });

  it("sends the reminder's Settings when its card saves, and says so there only", async () => {
    const journal = memoryJournal([], { role_start: "2026-03-01", idle_lock_minutes: 10 });
    const settings = new SettingsState(new Notices());
    await settings.load();
    settings.form.roleStart = "not a date"; // an unsaved, broken edit in the other card
    settings.setReminderOn(true);
    settings.setReminderTime("17:30");
    settings.toggleReminderDay("sun");
    expect(await settings.save("reminder")).toBe(true);
    expect(journal.backend.argsOf("save_settings")).toEqual([
      {
        settings: {
          role_start: "2026-03-01",
          idle_lock_minutes: 10,
          reminder_time: "17:30",
          reminder_days: ["mon", "tue", "wed", "thu", "fri", "sun"],
        },
      },
    ]);
    expect([settings.reminderStatus, settings.status]).toEqual(["saved", "idle"]);
    settings.setReminderOn(false);
    await settings.save("reminder");
    expect(journal.settings).toEqual({
      role_start: "2026-03-01",
      idle_lock_minutes: 10,
      reminder_days: ["mon", "tue", "wed", "thu", "fri", "sun"],
    });
    expect(settings.form.reminderTime).toBe("17:30");
  });
});

describe("reading the settings again when Settings opens", () => {
  it("shows a change made meanwhile in the CLI, but never throws away an unsaved edit", async () => {
    const journal = memoryJournal([], { role_start: "2026-03-01" });
    const settings = new SettingsState(new Notices());
    await settings.load();
    expect(settings.form.reminderOn).toBe(false);
    journal.settings = { role_start: "2026-03-01", reminder_time: "07:45" }; // `dualtrack remind --at 07:45`
    await settings.refresh();
    expect(settings.form).toMatchObject({ reminderOn: true, reminderTime: "07:45" });

    settings.setReminderTime("08:00"); // typed here, not saved yet
    journal.settings = { role_start: "2026-03-01", reminder_time: "09:00" };
    await settings.refresh();
    expect(settings.form.reminderTime).toBe("08:00");
  });
});
