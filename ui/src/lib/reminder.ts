// The daily reminder's days as the core reads them (core/src/reminder.rs): none chosen means
// Monday to Friday, and a day "missed" is a reminder day that went without an entry. The
// window needs the same rule for "Fill in yesterday?"; these mirror the core, they do not
// decide anything the core decides differently.
import type { Day, Settings } from "./api";
import { toDate } from "./dates";

/** Monday first, as the calendar and the core order them. */
export const DAYS: readonly Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** The reminder's days unless the person chose others. */
export const WORKDAYS: readonly Day[] = ["mon", "tue", "wed", "thu", "fri"];

export const DAY_NAMES: Record<Day, { short: string; long: string }> = {
  mon: { short: "Mon", long: "Monday" },
  tue: { short: "Tue", long: "Tuesday" },
  wed: { short: "Wed", long: "Wednesday" },
  thu: { short: "Thu", long: "Thursday" },
  fri: { short: "Fri", long: "Friday" },
  sat: { short: "Sat", long: "Saturday" },
  sun: { short: "Sun", long: "Sunday" },
};

/** The weekday of a local `YYYY-MM-DD` day. */
export function dayOf(date: string): Day {
  return DAYS[(toDate(date).getDay() + 6) % 7] ?? "mon";
}

/** The days once each, Monday first. */
export function inWeekOrder(days: readonly Day[]): Day[] {
  return DAYS.filter((d) => days.includes(d));
}

export function isWorkdays(days: readonly Day[]): boolean {
  const ordered = inWeekOrder(days);
  return ordered.length === WORKDAYS.length && ordered.every((d, i) => d === WORKDAYS[i]);
}

/** The days the stored reminder comes on (Monday to Friday when none were chosen). */
export function reminderDays(settings: Settings): Day[] {
  const chosen = inWeekOrder(settings.reminder_days ?? []);
  return chosen.length > 0 ? chosen : [...WORKDAYS];
}

/** A reminder is set and `date` is one of its days (the core's `Reminder::on`). */
export function isReminderDay(settings: Settings, date: string): boolean {
  return settings.reminder_time !== undefined && reminderDays(settings).includes(dayOf(date));
}
