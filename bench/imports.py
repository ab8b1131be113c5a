#!/usr/bin/env python3
"""Whole-process timing of `dualtrack import` for the three foreign formats (PRODUCT §12).

Why: a person moving years of journal runs the import once and waits for it; issue 14 asks
that a 1,553-entry Day One export imports in at most 1 s, whole process. Each format gets
the same generated history (generate.py's prose, one to three entries a day, evening entries
so the local day matters), written the way the other app writes it; every timed run imports
into a fresh journal (a second import of the same file changes nothing, so it would time
the wrong thing). Unlock is by DUALTRACK_PASSPHRASE with the real Argon2id cost, which is part
of what the person waits for; it is measured alone too and shown beside the import.

Usage: python3 bench/imports.py --dualtrack target/release/dualtrack [--entries 1553] [--runs 5]
Writes bench/results-import.md. Stdlib only.
"""

import argparse
import csv
import datetime as dt
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = ROOT / "target" / "bench" / "imports"
PASSWORD = "bench-pass"

sys.dont_write_bytecode = True
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
from process import cpu_busy, run  # noqa: E402

MOODS = ["rad", "good", "meh", "bad", "awful"]


def history(n: int, seed: int = 7):
    """`n` entries ending at generate.LAST_DATE: (local datetime, text, tags, mood)."""
    rng = random.Random(seed)
    out, day = [], generate.LAST_DATE
    while len(out) < n:
        for _ in range(min(rng.choice([1, 1, 2, 3]), n - len(out))):
            at = dt.datetime.combine(day, dt.time(rng.randrange(7, 23), rng.randrange(60)))
            tags = rng.sample(generate.TAGS, rng.randrange(0, 3))
            out.append((at, generate.prose(rng, rng.random() < 0.02), tags, rng.choice(MOODS)))
        day -= dt.timedelta(days=1)
    return sorted(out, key=lambda e: e[0])


def dayone(entries, path: Path) -> None:
    """Day One's JSON export in a zip, as the Mac app writes it (UTC instants, a zone)."""
    offset = dt.timedelta(hours=8)  # America/Los_Angeles in winter; fine for timing
    items = [{"uuid": f"{i:032X}", "creationDate": (at + offset).strftime("%Y-%m-%dT%H:%M:%SZ"),
              "timeZone": "America/Los_Angeles", "text": text.replace(".", "\\."), "tags": tags,
              "starred": i % 17 == 0} for i, (at, text, tags, _) in enumerate(entries)]
    doc = json.dumps({"metadata": {"version": "1.0"}, "entries": items}, indent=2)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Journal.json", doc)


def jrnl(entries, path: Path) -> None:
    lines = []
    for at, text, tags, _ in entries:
        title, _, body = text.partition(". ")
        lines += [f"[{at:%Y-%m-%d %I:%M:%S %p}] {title}.", body + " " + " ".join(f"@{t}" for t in tags), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def daylio(entries, path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"])
    for at, text, tags, mood in reversed(entries):  # newest first, as Daylio writes
        w.writerow([f"{at:%Y-%m-%d}", f"{at:%B} {at.day}", f"{at:%A}", f"{at:%I:%M %p}", mood,
                    " | ".join(tags), "", text.replace(". ", ".<br>", 1)])
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def time_import(binary: Path, file: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds of `import FILE` into a fresh journal, the median of `list` alone (the
    unlock every command pays), and the days the import wrote."""
    env = dict(os.environ, DUALTRACK_PASSPHRASE=PASSWORD)
    imports, unlocks, days = [], [], 0
    for k in range(runs + 1):
        data = WORK / f"journal-{file.stem}-{k}"
        shutil.rmtree(data, ignore_errors=True)
        run([binary, "--data-dir", data, "init"], env)
        t0 = time.perf_counter()
        out = run([binary, "--data-dir", data, "--json", "import", file], env, stdout=subprocess.PIPE)
        took = time.perf_counter() - t0
        t0 = time.perf_counter()
        run([binary, "--data-dir", data, "list", "--from", "2026-11-26"], env)
        unlock = time.perf_counter() - t0
        days = json.loads(out.stdout)["days"]
        shutil.rmtree(data, ignore_errors=True)
        if k:  # the first run warms the page cache
            imports.append(took)
            unlocks.append(unlock)
    return statistics.median(imports), statistics.median(unlocks), days


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dualtrack", required=True, metavar="BIN")
    ap.add_argument("--entries", type=int, default=1553)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=str(HERE / "results-import.md"))
    args = ap.parse_args(argv)
    binary = Path(args.dualtrack).resolve()
    WORK.mkdir(parents=True, exist_ok=True)
    entries = history(args.entries)
    files = {"Day One (.zip)": WORK / "dayone.zip", "jrnl (text)": WORK / "journal.txt",
             "Daylio (.csv)": WORK / "daylio.csv"}
    dayone(entries, files["Day One (.zip)"])
    jrnl(entries, files["jrnl (text)"])
    daylio(entries, files["Daylio (.csv)"])
    busy = cpu_busy()
    rows = []
    for name, file in files.items():
        took, unlock, days = time_import(binary, file, args.runs)
        rows.append(f"| {name} | {args.entries:,} | {days:,} | {file.stat().st_size / 1e6:.1f} MB "
                    f"| {took:.3f} | {unlock:.3f} | {took - unlock:.3f} |")
        print(rows[-1], file=sys.stderr, flush=True)
    report = "\n".join([
        "# Importing other journals: whole-process timings",
        "",
        f"- date: {dt.datetime.now():%Y-%m-%d %H:%M}; machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{platform.platform()}; CPU busy before start: {busy:.0%}",
        f"- `{binary.relative_to(ROOT) if binary.is_relative_to(ROOT) else binary}`, median of {args.runs} runs "
        "after one warm-up, each into a fresh journal; unlock by DUALTRACK_PASSPHRASE (Argon2id, ~0.3–0.5 s by design)",
        "- the same generated history in each format (1–3 entries a day, evening entries); "
        "\"unlock\" is `list` of one day in the same journal: what any command pays before it starts",
        "- target (issue 14): 1,553 Day One entries ≤ 1 s, whole process",
        "",
        "| format | source entries | days | file | import, median s | unlock alone, median s | import − unlock s |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
    ])
    Path(args.out).write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
