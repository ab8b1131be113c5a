import { describe, expect, it } from "vitest";
import { formFromSettings, isTimeOfDay, toSettings } from "./settings.svelte";

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
    expect(base.reminderTime).toBe("");
    expect(toSettings({ ...base, reminderTime: "18:05" })).toMatchObject({ reminder_time: "18:05" });
    expect(formFromSettings({ reminder_time: "07:30" }).reminderTime).toBe("07:30");
    for (const bad of ["24:00", "7:30", "18:60", "6pm"]) {
      expect(toSettings({ ...base, reminderTime: bad })).toEqual({ problem: expect.stringMatching(/^Reminder/) });
    }
    expect(isTimeOfDay("23:59")).toBe(true);
  });
});
