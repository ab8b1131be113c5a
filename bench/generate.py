#!/usr/bin/env python3
"""Generate a deterministic Dualtrack exchange-format v1 journal for benchmarks.

Why: the peer comparison (peer.py) must feed *identical* content to dualtrack
and to jrnl, at sizes (10 and 100 years of daily entries) that nobody has as a
real journal. A seeded generator gives the same bytes on every machine, so
numbers from different runs and different people are comparable.

Usage: generate.py N OUT.json [--seed S]

Shape of the data (kept close to what a real user writes):
  * one entry per day on consecutive dates, ending 2026-11-26, ascending;
  * ~10% of entries leave out some optional metrics (absent = "not logged");
  * 0-3 tags per entry from a 10-word vocabulary, no duplicates;
  * 2-6 sentences (~300-600 chars) of reflection prose; ~2% of entries mention
    "postmortem" so searches have a selective term (no other word contains it).

Pure stdlib; no wall-clock or hash-seed dependence.
"""

import argparse
import datetime as dt
import json
import random
import sys

LAST_DATE = dt.date(2026, 11, 26)
TAGS = ["1on1", "hiring", "incident", "deep-work", "planning",
        "review", "mentoring", "oncall", "roadmap", "pairing"]
# Metrics a user may skip on a given day; satisfaction and technical_share are
# the two axes the app is about, so every generated entry logs them.
OPTIONAL_FIELDS = ["leadership_satisfaction", "technical_satisfaction",
                   "energy", "meetings", "focus_minutes"]

# Word lists for the prose. None of them contains "postmortem" (checked below),
# so the search term stays selective at exactly the entries we put it in.
OPENERS = ["Today", "This morning", "This afternoon", "Late in the day",
           "Right after standup", "Before lunch", "Towards the evening"]
SUBJECTS = ["I", "the team", "we", "my manager and I", "the new hire",
            "the platform group", "our tech lead", "the product owner"]
VERBS = ["spent most of the time on", "finally untangled", "argued about",
         "made real progress on", "got stuck on", "reviewed", "sketched",
         "paired on", "cleaned up", "talked through", "postponed", "shipped"]
OBJECTS = ["the migration plan", "the flaky integration tests",
           "next quarter's roadmap", "the hiring loop", "a tricky refactor",
           "the billing service", "the on-call rotation", "the design doc",
           "the database schema", "performance reviews", "the release checklist",
           "the caching layer", "our sprint goals", "the API contract"]
FEELINGS = ["which felt surprisingly good", "and it drained more energy than expected",
            "though I am not sure it was the best use of my time",
            "and I want to protect more time like this",
            "which reminded me why I enjoy the technical side",
            "and the meetings around it were mostly useful",
            "but the context switching hurt", "and I learned something about delegation",
            "which left me oddly calm", "and I should write down what went wrong"]
REFLECTIONS = ["I need to block focus time earlier in the week",
               "Delegating the small fixes worked better than I feared",
               "Coaching takes longer than doing it myself, and that is fine",
               "I miss writing code when the calendar fills up like this",
               "The balance between people work and deep work tilted again",
               "Saying no to one more meeting would have helped",
               "Tomorrow I want to start with the hardest problem",
               "It is easier to lead when I still understand the details",
               "The one-on-ones are where most of the real signal comes from",
               "I should check in with the quiet people on the team more often"]
POSTMORTEM_SENTENCES = [
    "We ran the postmortem for last week's outage and agreed on three follow-ups.",
    "Writing the postmortem forced me to admit we skipped the rollback drill.",
    "The blameless postmortem went well, and the on-call folks felt heard.",
]


def sentence(rng: random.Random) -> str:
    """One sentence of 60-200 chars: either an event+feeling or a reflection."""
    if rng.random() < 0.3:
        return rng.choice(REFLECTIONS) + "."
    s = f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.7:
        s += ", " + rng.choice(FEELINGS)
    return s + "."


def prose(rng: random.Random, postmortem: bool) -> str:
    """2-6 sentences, nudged into ~300-600 chars (never fewer than 2 sentences)."""
    sents = [sentence(rng) for _ in range(rng.randint(2, 6))]
    if postmortem:
        # Never the first sentence: that one becomes jrnl's title, and we want
        # the term in the body for both tools alike.
        sents.insert(rng.randint(1, len(sents)), rng.choice(POSTMORTEM_SENTENCES))
    while len(" ".join(sents)) < 300 and len(sents) < 6:
        sents.append(sentence(rng))
    while len(" ".join(sents)) > 600 and len(sents) > 2:
        # Drop a non-postmortem sentence from the end.
        for i in range(len(sents) - 1, 0, -1):
            if "postmortem" not in sents[i]:
                del sents[i]
                break
        else:
            break
    return " ".join(sents)


def entry(rng: random.Random, day: dt.date) -> dict:
    # A slow drift plus noise, so charts/aggregates over the data are not flat.
    phase = (day.toordinal() % 365) / 365.0
    tech = max(0, min(100, int(50 + 30 * (phase - 0.5) + rng.gauss(0, 15))))
    e = {
        "date": day.isoformat(),
        "satisfaction": rng.randint(1, 10),
        "technical_share": tech,
        "leadership_satisfaction": rng.randint(1, 10),
        "technical_satisfaction": rng.randint(1, 10),
        "energy": rng.randint(1, 5),
        "meetings": min(50, int(rng.expovariate(1 / 4))),
        "focus_minutes": rng.choice([0, 30, 60, 90, 120, 180, 240, 300, 360]),
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
        "text": prose(rng, rng.random() < 0.02),
    }
    if rng.random() < 0.10:
        for field in rng.sample(OPTIONAL_FIELDS, rng.randint(1, 3)):
            del e[field]
    return e


def generate(n: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    days = [LAST_DATE - dt.timedelta(days=i) for i in range(n - 1, -1, -1)]
    role_start = days[n // 2].isoformat()
    return {
        "format": "dualtrack",
        "version": 1,
        "settings": {
            "role_start": role_start,
            "trial_days": 90,
            "phases": [{"name": "manager", "start": role_start}],
        },
        "entries": [entry(rng, d) for d in days],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of daily entries (>= 1)")
    ap.add_argument("out", help="output JSON path ('-' for stdout)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be >= 1")
    doc = generate(args.n, args.seed)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


assert not any("postmortem" in w for lst in
               (OPENERS, SUBJECTS, VERBS, OBJECTS, FEELINGS, REFLECTIONS) for w in lst)

if __name__ == "__main__":
    sys.exit(main())
