// The rules of the daily entry's fields (PRODUCT §1). The names are the core's `Field`
// (generated), so FIELD_SPECS must give every field its label and range or the build fails; the
// form says what is wrong before anything is sent, and the core still validates every save.
import type { Entry } from "./api";
import type { Field } from "./bindings/Field";

/** The numeric fields in the order the form shows them. */
export const NUMBER_FIELDS: readonly Field[] = [
  "satisfaction",
  "leadership_satisfaction",
  "technical_satisfaction",
  "energy",
  "technical_share",
  "meetings",
  "focus_minutes",
];

export type NumberField = Field;
export type NumberValues = Record<NumberField, number | undefined>;

export interface FieldSpec {
  label: string;
  min: number;
  max: number;
  step: number;
  /** What the ends of a scale mean, in words (scales only). */
  ends?: [string, string];
}

export const FIELD_SPECS: Record<NumberField, FieldSpec> = {
  satisfaction: { label: "How was the day?", min: 1, max: 10, step: 1, ends: ["1 · a bad day", "10 · a great day"] },
  leadership_satisfaction: {
    label: "Leadership work",
    min: 1,
    max: 10,
    step: 1,
    ends: ["1 · frustrating", "10 · fulfilling"],
  },
  technical_satisfaction: {
    label: "Technical work",
    min: 1,
    max: 10,
    step: 1,
    ends: ["1 · frustrating", "10 · fulfilling"],
  },
  energy: { label: "Energy at day's end", min: 1, max: 5, step: 1, ends: ["1 · drained", "5 · full of energy"] },
  technical_share: { label: "How the day split", min: 0, max: 100, step: 5 },
  meetings: { label: "Meetings", min: 0, max: 50, step: 1 },
  focus_minutes: { label: "Longest focus block (min)", min: 0, max: 1440, step: 1 },
};

export const MAX_TAGS = 32;
export const MAX_TAG_CHARS = 32;
// Rust's char::is_alphanumeric is Alphabetic or Numeric; the same classes in Unicode regex terms.
const TAG_CHARS = /^[\p{Alphabetic}\p{N}_-]+$/u;

export function emptyValues(): NumberValues {
  return Object.fromEntries(NUMBER_FIELDS.map((f) => [f, undefined])) as NumberValues;
}

/** Why `value` cannot be stored in `field`, or null when it can (undefined = not logged = fine). */
export function numberProblem(field: NumberField, value: number | undefined): string | null {
  if (value === undefined) return null;
  const { min, max } = FIELD_SPECS[field];
  if (!Number.isInteger(value)) return "Use a whole number.";
  if (value < min || value > max) return `Use a number from ${min} to ${max}.`;
  return null;
}

/** Why `tag` cannot join `existing`, or null when it can. */
export function tagProblem(tag: string, existing: readonly string[]): string | null {
  if (tag.length === 0) return "A tag needs at least one character.";
  if ([...tag].length > MAX_TAG_CHARS) return `Tags are at most ${MAX_TAG_CHARS} characters.`;
  if (!TAG_CHARS.test(tag)) return `“${tag}”: tags hold only letters, digits, - and _.`;
  if (existing.includes(tag)) return `“${tag}” is already on this entry.`;
  if (existing.length >= MAX_TAGS) return `An entry can carry at most ${MAX_TAGS} tags.`;
  return null;
}

/** "60% leadership · 40% technical": left to right, as the split slider reads. */
export function splitText(share: number | undefined): string {
  if (share === undefined) return "not logged";
  return `${100 - share}% leadership · ${share}% technical`;
}

/** An entry with only the logged numbers present: not logged is absent, never zero. */
export function buildEntry(date: string, values: NumberValues, tags: string[], text: string): Entry {
  const entry: Entry = { date, tags: [...tags], text };
  for (const field of NUMBER_FIELDS) {
    const value = values[field];
    if (value !== undefined) entry[field] = value;
  }
  return entry;
}

/** The first non-empty line of Markdown as plain words: no heading, list, link or emphasis marks. */
export function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line
    .replace(/^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+\.\s+)/, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|\*|`|~~)(\S(?:.*?\S)?)\1/g, "$2")
    // Underscores mark emphasis only at word edges (snake_case stays as it is).
    .replace(/(?<![\p{L}\p{N}_])(__|_)(\S(?:.*?\S)?)\1(?![\p{L}\p{N}_])/gu, "$2")
    .trim();
}
