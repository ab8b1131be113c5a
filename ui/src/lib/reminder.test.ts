import { describe, expect, it } from "vitest";
import { dayOf, inWeekOrder, isReminderDay, isWorkdays, reminderDays } from "./reminder";

describe("the reminder's days (as core/src/reminder.rs reads them)", () => {
  it("names the local weekday of a date, across a month and a year end", () => {
    // 2026-12-05 is a Saturday (the core's own test date); 2027-01-01 a Friday.
    expect(["2026-11-30", "2026-12-05", "2026-12-06", "2027-01-01"].map(dayOf)).toEqual(["mon", "sat", "sun", "fri"]);
  });

  it("reads none chosen as Monday to Friday, and chosen days once each, Monday first", () => {
    expect(reminderDays({})).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(reminderDays({ reminder_days: [] })).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(reminderDays({ reminder_days: ["sun", "sat", "sun"] })).toEqual(["sat", "sun"]);
    expect(inWeekOrder(["fri", "mon"])).toEqual(["mon", "fri"]);
    expect(isWorkdays(["fri", "thu", "wed", "tue", "mon"])).toBe(true);
    expect(isWorkdays(["mon", "tue"])).toBe(false);
  });

  it("counts a day only when a reminder is set and the day is one of its days", () => {
    expect(isReminderDay({ reminder_time: "18:00" }, "2026-11-30")).toBe(true); // a Monday, by default
    expect(isReminderDay({ reminder_time: "18:00" }, "2026-12-05")).toBe(false); // Saturday
    expect(isReminderDay({ reminder_time: "10:00", reminder_days: ["sat"] }, "2026-12-05")).toBe(true);
    expect(isReminderDay({ reminder_days: ["sat"] }, "2026-12-05")).toBe(false); // off
  });
});
