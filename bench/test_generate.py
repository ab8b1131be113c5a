#!/usr/bin/env python3
"""Checks that generate.py emits valid exchange-format v1 data.

Why: a benchmark over malformed or non-deterministic input measures nothing;
this pins the contract peer.py relies on (N entries, unique ascending dates
ending 2026-11-26, field ranges, stable bytes for a seed).
Run: python3 -m unittest bench/test_generate.py   (stdlib only)
"""

import datetime as dt
import json
import os
import sys
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402

RANGES = {"satisfaction": (1, 10), "technical_share": (0, 100),
          "leadership_satisfaction": (1, 10), "technical_satisfaction": (1, 10),
          "energy": (1, 5), "meetings": (0, 50), "focus_minutes": (0, 1440)}
ALLOWED = set(RANGES) | {"date", "tags", "text"}


class GenerateTest(unittest.TestCase):
    N = 3650

    @classmethod
    def setUpClass(cls):
        # Round-trip through JSON text, as peer.py's consumers see it.
        cls.doc = json.loads(json.dumps(generate.generate(cls.N, seed=1)))
        cls.entries = cls.doc["entries"]

    def test_header(self):
        d = self.doc
        self.assertEqual((d["format"], d["version"]), ("dualtrack", 1))
        s = d["settings"]
        self.assertEqual(s["trial_days"], 90)
        self.assertEqual(s["phases"], [{"name": "manager", "start": s["role_start"]}])
        dates = [e["date"] for e in self.entries]
        self.assertIn(s["role_start"], dates)

    def test_dates_consecutive_ascending_unique(self):
        days = [dt.date.fromisoformat(e["date"]) for e in self.entries]
        self.assertEqual(len(days), self.N)
        self.assertEqual(days[-1], dt.date(2026, 11, 26))
        for a, b in zip(days, days[1:]):
            self.assertEqual(b - a, dt.timedelta(days=1))

    def test_fields(self):
        omitted = 0
        for e in self.entries:
            self.assertLessEqual(set(e), ALLOWED)
            for k, (lo, hi) in RANGES.items():
                if k in e:
                    self.assertIsInstance(e[k], int)
                    self.assertTrue(lo <= e[k] <= hi, (k, e[k]))
            omitted += any(k not in e for k in RANGES)
            self.assertLessEqual(len(e["tags"]), 3)
            self.assertEqual(len(set(e["tags"])), len(e["tags"]))
            self.assertLessEqual(set(e["tags"]), set(generate.TAGS))
            self.assertTrue(300 <= len(e["text"]) <= 600, len(e["text"]))
        self.assertTrue(0.07 < omitted / self.N < 0.13, omitted)

    def test_selective_search_term(self):
        hits = sum("postmortem" in e["text"] for e in self.entries)
        self.assertTrue(0.01 < hits / self.N < 0.03, hits)

    def test_deterministic_and_seeded(self):
        self.assertEqual(generate.generate(50, 7), generate.generate(50, 7))
        self.assertNotEqual(generate.generate(50, 7), generate.generate(50, 8))

    def test_small_n(self):
        d = generate.generate(1)
        self.assertEqual([e["date"] for e in d["entries"]], ["2026-11-26"])


if __name__ == "__main__":
    unittest.main()
