// Guided prompts for the daily text. They rotate weekly by time in the role (weeks since
// `role_start`), so the question changes as the job does; the user may replace the set.
import { daysBetween } from "./dates";
import type { Settings } from "./api";

export const BUILTIN_PROMPTS: readonly string[] = [
  "What did you do today that only you could do?",
  "Where did you miss hands-on work today, and what would have satisfied that itch?",
  "Which conversation today mattered most, and why?",
  "What did you unblock for someone else today?",
  "What drained you today, and what gave you energy?",
  "What did you decide today, and what did you leave for the team to decide?",
  "What would you do differently if today happened again?",
  "What did you learn about leading from today?",
];

/** The prompt set in force: the user's own, or the built-in one when they have none. */
export function promptSet(settings: Settings): readonly string[] {
  const own = (settings.prompts ?? []).filter((p) => p.trim() !== "");
  return own.length > 0 ? own : BUILTIN_PROMPTS;
}

/** The prompt for `date`: index = whole weeks since role_start (or since 1970 without one) mod
 *  count. Written about a past or future day (`date` is not `today`), it asks about "that day". */
export function promptFor(settings: Settings, date: string, today: string = date): string {
  const prompts = promptSet(settings);
  const weeks = Math.floor(daysBetween(settings.role_start ?? "1970-01-05", date) / 7);
  const index = ((weeks % prompts.length) + prompts.length) % prompts.length;
  const prompt = prompts[index] ?? "";
  return date === today ? prompt : aboutThatDay(prompt);
}

/** "What did you do today?" → "What did you do that day?" (also "Today's", "tonight"). */
export function aboutThatDay(prompt: string): string {
  return prompt
    .replace(/\btoday's\b/g, "that day's")
    .replace(/\bToday's\b/g, "That day's")
    .replace(/\btoday\b/g, "that day")
    .replace(/\bToday\b/g, "That day")
    .replace(/\btonight\b/g, "that evening");
}
