// Local calendar dates as `YYYY-MM-DD` text, the form entries are keyed by. Everything here works
// in the user's local time zone: "today" is the day on the wall calendar, not in UTC.

const pad = (n: number): string => String(n).padStart(2, "0");

/** The local calendar day of `d` (default: now) as `YYYY-MM-DD`. */
export function localDate(d: Date = new Date()): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function parts(date: string): [number, number, number] {
  const [y = "1970", m = "1", d = "1"] = date.split("-");
  return [Number(y), Number(m), Number(d)];
}

/** Local midnight of a `YYYY-MM-DD` day. */
export function toDate(date: string): Date {
  const [y, m, d] = parts(date);
  return new Date(y, m - 1, d);
}

/** `YYYY-MM` of a day. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** The month `n` months after `month` (`YYYY-MM`; n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = parts(`${month}-01`);
  const d = new Date(y, m - 1 + n, 1);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** First and last day of a month, inclusive. */
export function monthBounds(month: string): { from: string; to: string } {
  const [y, m] = parts(`${month}-01`);
  const last = new Date(y, m, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${pad(last)}` };
}

/** The month's days laid out Monday-first; `null` pads the first week. */
export function monthGrid(month: string): (string | null)[] {
  const { to } = monthBounds(month);
  const days = parts(to)[2];
  const mondayOffset = (toDate(`${month}-01`).getDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: mondayOffset }, () => null);
  for (let d = 1; d <= days; d++) cells.push(`${month}-${pad(d)}`);
  return cells;
}

/** "November 2026". */
export function monthLabel(month: string): string {
  return toDate(`${month}-01`).toLocaleDateString(undefined, { month: "long", year: "numeric" });
}

/** "Tue 1 Dec" (with the year when it is not this year: "Tue 1 Dec 2025"). */
export function shortDate(date: string, today: string = localDate()): string {
  const sameYear = date.slice(0, 4) === today.slice(0, 4);
  return toDate(date).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

/** "Friday, 27 November 2026". */
export function longDate(date: string): string {
  return toDate(date).toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
}

/** Whole days from `from` to `to` (negative when `to` is earlier); immune to DST shifts. */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

export function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return localDate(toDate(text)) === text;
}

/** The day `n` days after `date` (n may be negative); by calendar, so DST never shifts it. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return localDate(new Date(y, m - 1, d + n));
}

/** Days since 1970-01-01 — a plain number for chart axes, so no date adapter is needed. */
export function dayNumber(date: string): number {
  return daysBetween("1970-01-01", date);
}

/** The `YYYY-MM-DD` of a day number (inverse of `dayNumber`). */
export function fromDayNumber(n: number): string {
  return addDays("1970-01-01", Math.round(n));
}
