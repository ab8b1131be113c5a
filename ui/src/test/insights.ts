// Insights fixtures for the UI tests, shaped like the core's answer (the numbers are plausible,
// not recomputed: the statistics themselves are tested in `core`). `n` logged days from `from`
// every other day after the first week, so the series has gaps; verdicts follow the core's
// rule — a conclusion only from 14 days on.
import type { Insights } from "../lib/api";
import type { Comparison } from "../lib/bindings/Comparison";
import type { Trial } from "../lib/bindings/Trial";
import { addDays, daysBetween } from "../lib/dates";

export interface FixtureOptions {
  /** Logged days (with satisfaction and technical share). */
  n?: number;
  from?: string;
  to?: string;
  trial?: Trial | null;
}

export const RELATION_VERDICT =
  "Days with more hands-on technical work tend to be more satisfying: +0.4 points per +10 points of technical share (95% CI +0.1 to +0.7, n = 40).";

/** The core's words below the evidence line (core insights/evidence.rs). */
export const NO_CLEAR_LINK = "no clear link yet (40 days)";
export const tooFew = (n: number): string =>
  `${Math.max(1, 14 - n)} more logged ${14 - n === 1 ? "day" : "days"} until a first trend`;

function loggedDates(from: string, n: number): string[] {
  // Daily for a week, then every other day: gaps the charts must keep.
  return Array.from({ length: n }, (_, i) => addDays(from, i < 7 ? i : 7 + (i - 7) * 2));
}

const slope = (n: number, per: string, verdict: string) => ({
  n,
  slope: n >= 2 ? -0.3 : null,
  ci95: n >= 3 ? ([-0.5, -0.1] as [number, number]) : null,
  r: n >= 2 ? -0.35 : null,
  intercept: n >= 2 ? 7.5 : null,
  per,
  evidence: n < 14 ? ("too_few" as const) : verdict === NO_CLEAR_LINK ? ("no_clear_link" as const) : ("finding" as const),
  verdict: n >= 14 ? verdict : tooFew(n),
});

export function insightsFixture(opts: FixtureOptions = {}): Insights {
  const n = opts.n ?? 40;
  const from = opts.from ?? "2026-01-05";
  const dates = loggedDates(from, n);
  const to = opts.to ?? addDays(from, 89);
  const enough = n >= 14;
  const sat = (i: number) => 4 + ((i * 3) % 7);
  const tech = (i: number) => 10 + ((i * 17) % 80);
  const weeks = Array.from(new Set(dates.map((d) => addDays(d, -((new Date(`${d}T12:00`).getDay() + 6) % 7)))));
  return {
    range: { from, to },
    coverage: { days_logged: n, days_in_range: daysBetween(from, to) + 1, ratio: n / (daysBetween(from, to) + 1) },
    satisfaction: {
      mean: n ? 6.9 : null,
      n,
      ci95: n >= 2 ? [6.5, 7.3] : null,
      series: dates.map((date, i) => ({ date, value: sat(i), mean7: 6.5, mean30: 6.8, n7: Math.min(i + 1, 4), n30: Math.min(i + 1, 15) })),
    },
    technical_share: {
      mean: n ? 42 : null,
      n,
      ci95: n >= 2 ? [38, 46] : null,
      weekly: weeks.map((week_start, i) => ({ week_start, mean: 30 + i * 2, n: 3 })),
    },
    relation: {
      n,
      slope_per_10: n >= 2 ? 0.4 : null,
      ci95: n >= 3 ? (enough ? [0.1, 0.7] : [-0.6, 1.4]) : null,
      r: n >= 2 ? 0.38 : null,
      intercept: n >= 2 ? 5.2 : null,
      evidence: enough ? "finding" : n < 14 ? "too_few" : "no_clear_link",
      verdict: enough ? RELATION_VERDICT : n < 14 ? tooFew(n) : NO_CLEAR_LINK,
      line: n >= 2 ? Array.from({ length: 11 }, (_, k) => ({ x: k * 10, y: 5.2 + k * 0.4, lo: 4.8 + k * 0.4, hi: 5.6 + k * 0.4 })) : [],
      points: dates.map((date, i) => ({ date, technical_share: tech(i), satisfaction: sat(i) })),
    },
    sweet_spot: [0, 20, 40, 60, 80].map((b, k) => ({
      from: b,
      to: b + 20,
      n: Math.floor(n / 5),
      mean: n ? 6 + k * 0.3 : null,
      ci95: n >= 10 ? [5.5 + k * 0.3, 6.5 + k * 0.3] : null,
    })),
    weekday: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, n: Math.floor(n / 7), mean: n ? 6.5 : null, ci95: null })),
    tags: n
      ? [
          { tag: "deep-work", n_with: 15, n_without: n - 15, mean_with: 7.8, mean_without: 6.4, diff: 1.4, ci95: [0.6, 2.2], too_few: false },
          { tag: "incident", n_with: 3, n_without: n - 3, mean_with: 4.3, mean_without: 7.1, diff: -2.8, ci95: null, too_few: true },
        ]
      : [],
    streak: { current: n ? 1 : 0, longest: Math.min(n, 7) },
    calendar: dates.map((date, i) => ({ date, value: i === 2 ? null : sat(i) })),
    trial: opts.trial ?? null,
    maker: {
      meetings: slope(n, "meeting", "Days with more meetings tend to be less satisfying: −0.3 points per extra meeting (95% CI −0.5 to −0.1, n = 40)."),
      focus: slope(n, "60 minutes", NO_CLEAR_LINK),
      energy_meetings: slope(n, "meeting", NO_CLEAR_LINK),
      energy_focus: slope(n, "60 minutes", NO_CLEAR_LINK),
    },
    next_day: {
      n_pairs: Math.max(0, n - 1),
      n_after_high: Math.floor(n / 3),
      n_after_other: Math.max(0, n - 1 - Math.floor(n / 3)),
      mean_after_high: n ? 2.9 : null,
      mean_after_other: n ? 3.4 : null,
      diff: n ? -0.5 : null,
      ci95: n >= 4 ? [-0.9, 0.1] : null,
      high_leadership_max_technical_share: 30,
      evidence: n < 15 ? "too_few" : "no_clear_link",
      verdict: n >= 14 ? NO_CLEAR_LINK : tooFew(n),
    },
    markers: [
      { date: from, kind: "role_start", label: "role start" },
      { date: addDays(from, 30), kind: "phase", label: "manager" },
    ],
    summary:
      n < 14
        ? {
            young: `${n} days logged so far: ${tooFew(n)}.`,
            sentences: n ? [{ topic: "satisfaction", evidence: "too_few", text: `Your ${n} days average 6.6 out of 10.` }] : [],
          }
        : {
            young: null,
            sentences: [
              { topic: "satisfaction", evidence: "finding", text: `You rated your days 6.6 out of 10 on average (${n} days).` },
              enough
                ? { topic: "relation", evidence: "finding", text: SUMMARY_RELATION }
                : { topic: "relation", evidence: "no_clear_link", text: `No clear link yet between how your days split and how satisfied you were (${n} days).` },
            ],
          },
  };
}

export const SUMMARY_RELATION =
  "On days with more hands-on technical work you were more satisfied: about +0.4 points for every 10% more technical time (40 days).";

const comparison = (): Comparison => ({
  earlier: { from: "2026-01-05", to: "2026-02-10", days_logged: 30 },
  later: { from: "2026-02-20", to: "2026-04-04", days_logged: 30 },
  satisfaction: { n_earlier: 30, mean_earlier: 6.1, n_later: 30, mean_later: 7.2, diff: 1.1, ci95: [0.4, 1.8] },
  technical_share: { n_earlier: 30, mean_earlier: 48, n_later: 30, mean_later: 35, diff: -13, ci95: [-19, -7] },
  energy: { n_earlier: 28, mean_earlier: 3.1, n_later: 29, mean_later: 3.2, diff: 0.1, ci95: [-0.3, 0.5] },
});

/** A 90-day trial from 2026-01-05 (review 2026-04-04); `available` says whether it is due. */
export function trialFixture(available: boolean): Trial {
  return {
    role_start: "2026-01-05",
    trial_days: 90,
    window: { from: "2026-01-05", to: "2026-04-04" },
    review_date: "2026-04-04",
    available,
    days_logged: 72,
    first_vs_last: comparison(),
    before_vs_trial: null,
    technical_share_trend: {
      n: 60,
      slope: -1.2,
      ci95: [-2.0, -0.4],
      r: -0.6,
      intercept: 50,
      per: "week",
      evidence: "finding",
      verdict: "Technical share fell during the trial: −1.2 points per week (95% CI −2.0 to −0.4, n = 60).",
    },
    good_days: 20,
    bad_days: 6,
    good_day_tags: [{ tag: "deep-work", days: 12, share: 0.6 }],
    bad_day_tags: [{ tag: "incident", days: 4, share: 0.67 }],
  };
}
