// How numbers are worded on the Insights view: one rule for when a sample may speak (the core's:
// at least 14 observations and a 95% CI that excludes 0), and one way to print means, signed
// differences, intervals, n and coverage — so every card says the same thing the same way.
import type { Coverage } from "./bindings/Coverage";
import type { Evidence } from "./bindings/Evidence";

/** The fewest observations a conclusion may rest on (core `MIN_EVIDENCE`). */
export const MIN_EVIDENCE = 14;
/** The scales values live on, for clamping intervals. */
export const SATISFACTION: [number, number] = [1, 10];
export const PERCENT: [number, number] = [0, 100];

/** One decimal, more only when one decimal would read as zero; "—" for a missing value. */
export function num(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const size = Math.abs(value);
  const d = decimals ?? (size >= 0.095 || size === 0 ? 1 : size >= 0.0095 ? 2 : 3);
  return value.toFixed(d);
}

/** A number with its sign, for differences and slopes: "+0.4", "−1.2". */
export function signed(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = num(Math.abs(value), decimals);
  return `${value < 0 ? "−" : "+"}${text}`;
}

/** "95% CI −0.5 to +0.3", or a plain reason when there is no interval. */
export function ciText(ci: [number, number] | null | undefined, sign = true): string {
  if (!ci) return "no 95% CI (too few values)";
  const f = sign ? signed : num;
  return `95% CI ${f(ci[0])} to ${f(ci[1])}`;
}

/** A mean's 95% interval as words — "95% CI 6.5 to 7.3" — only once `n` reaches the evidence
 * line, and clamped to the scale the value lives on (saying so), never "−9.7 to 89.7 %". Empty
 * below the line. */
export function meanCiText(ci: [number, number] | null | undefined, n: number, scale: [number, number]): string {
  if (!ci || n < MIN_EVIDENCE) return "";
  const [lo, hi] = [Math.max(scale[0], ci[0]), Math.min(scale[1], ci[1])];
  const clamped = lo !== ci[0] || hi !== ci[1] ? `, cut to the ${scale[0]}–${scale[1]} scale` : "";
  return `95% CI ${num(lo)} to ${num(hi)}${clamped}`;
}

/** The interval excludes 0 (a difference or slope that is clearly not nothing). */
export function excludesZero(ci: [number, number] | null | undefined): boolean {
  return ci !== null && ci !== undefined && (ci[0] > 0 || ci[1] < 0);
}

/** The core found something (its `Evidence`, never a comparison of its wording). */
export function isConclusion(evidence: Evidence): boolean {
  return evidence === "finding";
}

/** The flag beside a chart whose sample is too small: "n = 9 — too few days for a conclusion". */
export function smallSample(n: number, noun = "days"): string | null {
  return n < MIN_EVIDENCE ? `n = ${n} — too few ${noun} for a conclusion` : null;
}

/** "54 of 90 days logged (60%)". */
export function coverageText(c: Coverage): string {
  const pct = c.ratio === null ? "" : ` (${Math.round(c.ratio * 100)}%)`;
  return `${c.days_logged} of ${c.days_in_range} days logged${pct}`;
}

/** The core's verdict as a sentence — the finding, "no clear link yet (90 days)", or "11 more
 * logged days until a first trend" — with a capital and a full stop. */
export function verdictText(verdict: string): string {
  const text = verdict.trim();
  if (text === "") return "";
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Below the evidence line (too few days, or no clear link) nothing about a slope, interval or
 * r is drawn or printed. */
export function belowTheLine(evidence: Evidence): boolean {
  return evidence !== "finding";
}
