//! The plain-language summary that opens Insights, the CLI's readable output and the report:
//! three to five sentences a new manager understands, each backed by a card below, worded once
//! here. Nothing below the evidence line is claimed: too few days say how many more are needed,
//! enough days without a clear link say exactly that, and neither names a slope, interval or r.

use serde::Serialize;

use super::evidence::{Evidence, MIN_EVIDENCE, signed, too_few};
use super::maker::Slope;
use super::{Insights, NextDay, Relation};

/// The most sentences the summary says; the cards hold the rest.
pub const MAX_SENTENCES: usize = 5;

/// What opens Insights.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Summary {
    /// While too few days are logged for any trend, the one line that says how many more are
    /// needed (shown once, instead of the same warning on every card); `null` after.
    pub young: Option<String>,
    pub sentences: Vec<Sentence>,
}

/// One sentence of the summary and the card that backs it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Sentence {
    pub topic: Topic,
    pub evidence: Evidence,
    pub text: String,
}

/// The card a sentence rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Topic {
    Satisfaction,
    Relation,
    Meetings,
    Focus,
    EnergyMeetings,
    EnergyFocus,
    NextDay,
}

/// "−0.4" with a real minus sign, as people read it.
fn amount(value: f64) -> String {
    signed(value).replace('-', "−")
}

fn days(n: usize) -> String {
    if n == 1 { "1 day".to_owned() } else { format!("{n} days") }
}

fn more_or_less(value: f64, more: &str, less: &str) -> String {
    if value > 0.0 { more.to_owned() } else { less.to_owned() }
}

pub(super) fn summary(i: &Insights) -> Summary {
    let n = i.satisfaction.n;
    let young =
        (n < MIN_EVIDENCE).then(|| format!("{} logged so far: {}.", days(n), too_few(n, false)));
    let mut sentences = Vec::new();
    if let Some(mean) = i.satisfaction.mean {
        let text = if n < MIN_EVIDENCE {
            format!("Your {} average {:.1} out of 10.", days(n), mean)
        } else {
            format!("You rated your days {mean:.1} out of 10 on average ({}).", days(n))
        };
        let evidence = if n < MIN_EVIDENCE { Evidence::TooFew } else { Evidence::Finding };
        sentences.push(Sentence { topic: Topic::Satisfaction, evidence, text });
    }
    if young.is_some() {
        return Summary { young, sentences };
    }
    sentences.extend(relation(&i.relation));
    let findings = [
        maker(Topic::Meetings, &i.maker.meetings),
        maker(Topic::Focus, &i.maker.focus),
        maker(Topic::EnergyMeetings, &i.maker.energy_meetings),
        maker(Topic::EnergyFocus, &i.maker.energy_focus),
        next_day(&i.next_day),
    ];
    sentences.extend(findings.into_iter().flatten());
    // With little to report, that meetings show no clear link is worth saying too.
    if sentences.len() < 3 && i.maker.meetings.evidence == Evidence::NoClearLink {
        sentences.push(Sentence {
            topic: Topic::Meetings,
            evidence: Evidence::NoClearLink,
            text: format!(
                "No clear link yet between meetings and how satisfied you were ({}).",
                days(i.maker.meetings.n)
            ),
        });
    }
    sentences.truncate(MAX_SENTENCES);
    Summary { young, sentences }
}

/// The split against satisfaction: the finding, no clear link, or how many more days with both
/// logged it needs.
fn relation(r: &Relation) -> Option<Sentence> {
    let text = match (r.evidence, r.slope_per_10) {
        (Evidence::Finding, Some(slope)) => format!(
            "On days with more hands-on technical work you were {}: about {} points for every \
             10% more technical time ({}).",
            more_or_less(slope, "more satisfied", "less satisfied"),
            amount(slope),
            days(r.n)
        ),
        (Evidence::TooFew, _) => format!(
            "Log the split on {} more of your days to see how it relates to satisfaction.",
            MIN_EVIDENCE - r.n.min(MIN_EVIDENCE)
        ),
        _ => format!(
            "No clear link yet between how your days split and how satisfied you were ({}).",
            days(r.n)
        ),
    };
    Some(Sentence { topic: Topic::Relation, evidence: r.evidence, text })
}

/// A maker-time slope, said only when it is a finding.
fn maker(topic: Topic, s: &Slope) -> Option<Sentence> {
    let slope = s.slope.filter(|_| s.evidence == Evidence::Finding)?;
    let text = match topic {
        Topic::Meetings => format!(
            "On days with more meetings you were {}: about {} points per extra meeting ({}).",
            more_or_less(slope, "more satisfied", "less satisfied"),
            amount(slope),
            days(s.n)
        ),
        Topic::Focus => format!(
            "On days with a longer focus block you were {}: about {} points per extra hour ({}).",
            more_or_less(slope, "more satisfied", "less satisfied"),
            amount(slope),
            days(s.n)
        ),
        Topic::EnergyMeetings => format!(
            "Days with more meetings ended with {} energy: about {} points (of 5) per extra \
             meeting ({}).",
            more_or_less(slope, "more", "less"),
            amount(slope),
            days(s.n)
        ),
        Topic::EnergyFocus => format!(
            "Days with a longer focus block ended with {} energy: about {} points (of 5) per \
             extra hour ({}).",
            more_or_less(slope, "more", "less"),
            amount(slope),
            days(s.n)
        ),
        Topic::Satisfaction | Topic::Relation | Topic::NextDay => return None,
    };
    Some(Sentence { topic, evidence: Evidence::Finding, text })
}

/// The next-day effect, said only when it is a finding.
fn next_day(d: &NextDay) -> Option<Sentence> {
    let diff = d.diff.filter(|_| d.evidence == Evidence::Finding)?;
    let leadership = 100 - u32::from(d.high_leadership_max_technical_share);
    Some(Sentence {
        topic: Topic::NextDay,
        evidence: Evidence::Finding,
        text: format!(
            "After days of {leadership}% or more leadership work, your energy the next day was {}: \
             about {} points (of 5) ({} pairs of days).",
            more_or_less(diff, "higher", "lower"),
            amount(diff),
            d.n_pairs
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Entry;
    use crate::insights::compute;
    use crate::insights::testkit::{Logged, days_from, range};
    use crate::settings::Settings;

    /// The insights of `entries` over exactly the days they cover.
    fn insights(entries: &[Entry]) -> Insights {
        let (from, to) = (entries[0].date, entries[entries.len() - 1].date);
        compute(entries, &Settings::default(), range(&from.to_string(), &to.to_string()), to)
    }

    /// One entry a day from `start`, each made by `day(k)` from an empty entry.
    fn journal(start: &str, count: i64, day: impl Fn(usize, Entry) -> Entry) -> Vec<Entry> {
        days_from(start, count).enumerate().map(|(k, date)| day(k, Entry::empty(date))).collect()
    }

    fn texts(s: &Summary) -> Vec<&str> {
        s.sentences.iter().map(|x| x.text.as_str()).collect()
    }

    #[test]
    fn three_days_say_how_many_more_and_claim_nothing() {
        let i =
            insights(&journal("2026-03-02", 3, |k, e| e.sat([6, 7, 9][k]).tech([20, 50, 90][k])));
        let s = i.summary;
        assert_eq!(
            s.young.as_deref(),
            Some("3 days logged so far: 11 more logged days until a first trend.")
        );
        assert_eq!(texts(&s), ["Your 3 days average 7.3 out of 10."]);
        let all = texts(&s).join(" ");
        for claim in ["slope", "CI", "r =", "per", "clear link"] {
            assert!(!all.contains(claim), "no {claim:?} below the evidence line: {all}");
        }
    }

    #[test]
    fn twenty_days_with_a_planted_slope_name_it_in_words() {
        // Satisfaction rises 1 point for every 20 points of technical share, with a little noise.
        let i = insights(&journal("2026-03-02", 20, |k, e| {
            let share = u8::try_from(k * 5).expect("small");
            let noise = [0, 1, 0, 1][k % 4];
            e.sat(3 + share / 20 + noise).tech(share)
        }));
        assert_eq!(i.relation.evidence, Evidence::Finding, "{}", i.relation.verdict);
        let s = i.summary;
        assert_eq!(s.young, None);
        let relation = s.sentences.iter().find(|x| x.topic == Topic::Relation).expect("relation");
        assert_eq!(
            relation.text,
            "On days with more hands-on technical work you were more satisfied: about +0.5 points \
             for every 10% more technical time (20 days).",
        );
        assert!(s.sentences.len() <= MAX_SENTENCES);
    }

    #[test]
    fn ninety_days_without_a_link_say_no_clear_link_not_log_more() {
        // The share and satisfaction cycle on periods 5 and 7: no linear link between them.
        let i = insights(&journal("2026-01-05", 90, |k, e| {
            e.sat([5, 7, 6, 8, 4, 6, 7][k % 7])
                .tech([10, 30, 50, 70, 90][k % 5])
                .meetings([0, 2, 4][k % 3])
        }));
        assert_eq!(i.relation.evidence, Evidence::NoClearLink, "{}", i.relation.verdict);
        let s = i.summary;
        assert_eq!(s.young, None);
        let mean = i.satisfaction.mean.expect("mean");
        let first = format!("You rated your days {mean:.1} out of 10 on average (90 days).");
        assert_eq!(
            texts(&s)[..2],
            [
                first.as_str(),
                "No clear link yet between how your days split and how satisfied you were (90 days)."
            ]
        );
        let all = texts(&s).join(" ");
        assert!(!all.contains("more logged days"), "enough days: {all}");
        assert!(!all.contains("CI") && !all.contains("r ="), "{all}");
    }

    #[test]
    fn enough_days_but_the_split_rarely_logged_asks_for_the_split() {
        let i =
            insights(&journal(
                "2026-01-05",
                20,
                |k, e| if k < 5 { e.sat(6).tech(40) } else { e.sat(6) },
            ));
        assert!(
            texts(&i.summary).contains(
                &"Log the split on 9 more of your days to see how it relates to satisfaction."
            ),
            "{:?}",
            texts(&i.summary)
        );
    }
}
