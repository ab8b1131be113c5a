#!/usr/bin/env python3
"""Whole-process timing of the `dualtrack` CLI against jrnl 4.6 on the same data.

Why: jrnl is what a user would pick instead of Dualtrack, and users feel
whole-process latency (start-up, unlock, decrypt, parse, print), not the speed
of an inner function. So both tools get the same generated journal
(generate.py), both *encrypted*, and each command is timed as a fresh process.

Usage:
  python3 bench/peer.py --dualtrack target/release/dualtrack --sizes 3650,36500
  python3 bench/peer.py --jrnl-only --sizes 3650            # no binary needed
Options: --runs N (default 5, or 3 above 10,000 entries), --out FILE,
  --skip-slow (no jrnl export above 10,000 entries: ~38 s a run here, its tag
  counting is quadratic), --keyring/--no-keyring (also time dualtrack unlocking
  from the Secret Service instead of DUALTRACK_PASSPHRASE; default: only if
  DBUS_SESSION_BUS_ADDRESS is set), --jrnl-only / --dualtrack-only.

Isolation: everything lives under target/bench/ (gitignored). jrnl runs with
HOME, XDG_CONFIG_HOME, XDG_DATA_HOME (and cache/state) inside the work dir and
keyrings.alt's PlaintextKeyring there, so the user's real ~/.config/jrnl and
real keyring are never read or written. Stdlib only outside the jrnl venv.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BENCH = ROOT / "target" / "bench"
VENV = BENCH / "jrnl-venv"
WORK = BENCH / "work"
JRNL_SPEC = ["jrnl==4.6", "keyrings.alt"]
JRNL_NAME = "bench"          # journal name == keyring username jrnl asks for
PASSWORD = "bench-pass"      # same secret for both tools
SLOW_SIZE = 10_000           # above this: fewer default runs, jrnl export "slow"

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(HERE))
import generate  # noqa: E402
from process import cpu_busy, median_time, run, stdout_writes  # noqa: E402

# Every numeric field, in a fixed order, for jrnl's free-text body.
METRICS = ["satisfaction", "technical_share", *generate.OPTIONAL_FIELDS]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- jrnl side

def ensure_venv() -> str:
    """Create target/bench/jrnl-venv with jrnl 4.6 once; return jrnl's version."""
    py = VENV / "bin" / "python"
    probe = ["-c", ("import keyrings.alt.file; "
                   "from jrnl.__version__ import __version__ as v; print(v)")]
    if py.exists():
        p = subprocess.run([py, *probe], capture_output=True, text=True)
        if p.returncode == 0 and p.stdout.strip() == "4.6":
            return p.stdout.strip()
    log(f"creating {VENV} with {' '.join(JRNL_SPEC)} ...")
    # Plain python3 -m venv (the machine's python3), not `sys.executable`, so a
    # caller running this script from some other venv does not leak into it.
    subprocess.run(["python3", "-m", "venv", "--clear", VENV], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", *JRNL_SPEC], check=True)
    return subprocess.run([py, *probe], capture_output=True, text=True,
                          check=True).stdout.strip()


def to_jrnl_text(entries) -> str:
    """jrnl's own plain-text format, which `--import` parses.

    "[YYYY-MM-DD 18:00] <first sentence>\\n<rest> <metrics> @tag ...\\n\\n".
    jrnl has no structured fields, so metrics become words in the body (it
    still has to carry and search the same information); tags become @words.
    """
    out = []
    for e in entries:
        title, _, rest = e["text"].partition(". ")
        metrics = ", ".join(f"{k} {e[k]}" for k in METRICS if k in e)
        tags = " ".join("@" + t for t in e.get("tags", []))
        body = " ".join(x for x in (rest, metrics + ".", tags) if x)
        out.append(f"[{e['date']} 18:00] {title}.\n{body}\n\n")
    return "".join(out)


class Jrnl:
    def __init__(self, work: Path, version: str):
        self.dir = work / "jrnl"
        self.bin = VENV / "bin" / "jrnl"
        self.file = self.dir / "data" / "bench.journal"
        self.version = version
        env = dict(os.environ)
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # belt and braces: no real keyring
        for var, sub in [("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                         ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                         ("XDG_STATE_HOME", "state")]:
            env[var] = str(self.dir / sub)
        env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
        env["VISUAL"] = env["EDITOR"] = ""
        self.env = env

    def cmd(self, *args):
        return [self.bin, JRNL_NAME, *args]

    def setup(self, entries) -> float:
        """Config + keyring password + encrypted import. Returns import seconds."""
        for sub in ("home", "config/jrnl", "data", "cache", "state"):
            (self.dir / sub).mkdir(parents=True, exist_ok=True)
        # YAML, not JSON: jrnl treats a config starting with "{" as a jrnl-1.x
        # config and runs its interactive upgrade. Keys mirror jrnl's defaults
        # (a missing key makes jrnl rewrite the file on every start); the
        # timeformat lets the importer use strptime instead of fuzzy parsing.
        (self.dir / "config/jrnl/jrnl.yaml").write_text(f"""\
version: '{self.version}'
journals:
  {JRNL_NAME}:
    journal: {self.file}
    encrypt: true
editor: ''
encrypt: true
template: false
default_hour: 18
default_minute: 0
timeformat: '%Y-%m-%d %H:%M'
tagsymbols: '@'
highlight: true
linewrap: 79
indent_character: '|'
colors:
  body: none
  date: none
  tags: none
  title: none
""")
        # jrnl looks up keyring.get_password("jrnl", <journal name>) before it
        # would prompt; the PlaintextKeyring file lands in $XDG_DATA_HOME.
        run([VENV / "bin" / "python", "-c",
             f"import keyring; keyring.set_password('jrnl', {JRNL_NAME!r}, {PASSWORD!r})"],
            self.env)
        src = self.dir / "import.txt"
        src.write_text(to_jrnl_text(entries), encoding="utf-8")
        t0 = time.perf_counter()
        run(self.cmd("--import", "--file", src), self.env)
        took = time.perf_counter() - t0
        self.verify(entries)
        return took

    def verify(self, entries) -> None:
        """The journal must be encrypted on disk and hold exactly our entries."""
        raw = self.file.read_bytes()
        probe = entries[-1]["text"][:40].encode()
        if raw.startswith(b"[") or probe in raw:
            sys.exit(f"jrnl journal {self.file} is NOT encrypted")
        short = run(self.cmd("--short"), self.env, stdout=subprocess.PIPE).stdout
        n = len(re.findall(rb"^\d{4}-\d\d-\d\d \d\d:\d\d ", short, re.M))
        hits = run(self.cmd("-contains", "postmortem", "--short"), self.env,
                   stdout=subprocess.PIPE).stdout
        want_hits = sum("postmortem" in e["text"] for e in entries)
        got_hits = len(re.findall(rb"^\d{4}-", hits, re.M))
        if n != len(entries) or got_hits != want_hits:
            sys.exit(f"jrnl holds {n} entries / {got_hits} postmortem hits, "
                     f"expected {len(entries)} / {want_hits}")
        log(f"  jrnl: {n} entries, encrypted ({raw[:6]!r}...), "
            f"{got_hits} postmortem hits")


# ----------------------------------------------------------- dualtrack side

class Dualtrack:
    def __init__(self, work: Path, binary: str):
        self.bin = Path(binary).resolve()
        self.data = work / "dualtrack" / "data"
        self.export_out = work / "dualtrack" / "export.json"
        self.env_pass = dict(os.environ, DUALTRACK_PASSPHRASE=PASSWORD)
        self.env_keyring = {k: v for k, v in os.environ.items()
                            if k != "DUALTRACK_PASSPHRASE"}

    def cmd(self, *args):
        return [self.bin, "--data-dir", self.data, *args]

    def journal_id(self) -> str:
        return json.loads((self.data / "journal.keys").read_text())["journal_id"]

    def setup(self, json_path: Path, n: int) -> float:
        self.data.mkdir(parents=True)
        run(self.cmd("init"), self.env_pass)
        t0 = time.perf_counter()
        run(self.cmd("import", json_path), self.env_pass)
        took = time.perf_counter() - t0
        # Sanity check through the tool's own export (exchange format v1).
        run(self.cmd("export", "--format", "json", "--out", self.export_out,
                     "--force"), self.env_pass)
        got = len(json.loads(self.export_out.read_text())["entries"])
        if got != n:
            sys.exit(f"dualtrack holds {got} entries, expected {n}")
        log(f"  dualtrack: {got} entries")
        return took


# ------------------------------------------------------------------ driver


FLOOR = "Secret Service alone: `secret-tool lookup` of the key"


def ceilings(rows) -> list:
    """The best jrnl/dualtrack ratio any keyring unlock could reach: jrnl's time over the
    floor (a process that does nothing but fetch the key from the Secret Service)."""
    floors = {n: c["keyring"] for n, label, c in rows if label == FLOOR}
    out = []
    for n, label, c in rows:
        floor = floors.get(n)
        # Import unlocks with the passphrase: no keyring floor applies to it.
        keyed = label != FLOOR and not label.startswith("import")
        if keyed and isinstance(floor, float) and isinstance(c["jrnl"], float):
            out.append(f"{n:,} {label}: {c['jrnl'] / floor:.1f}×")
    if not out:
        return []
    return ["", "Ceiling with keyring unlock (jrnl median / the Secret Service floor): "
            + "; ".join(out)]


def fmt(x) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


def ratio(a, b) -> str:
    return f"{a / b:.1f}×" if isinstance(a, float) and isinstance(b, float) else "—"


def bench_size(n: int, args, jrnl_version: str, keyring: bool):
    runs = args.runs or (5 if n <= SLOW_SIZE else 3)
    work = WORK / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)   # fresh state every time
    work.mkdir(parents=True)
    json_path = work / "journal.json"
    generate.main([str(n), str(json_path)])
    entries = json.loads(json_path.read_text())["entries"]
    last = dt.date.fromisoformat(entries[-1]["date"])
    first10 = (last - dt.timedelta(days=9)).isoformat()

    jr = None if args.dualtrack_only else Jrnl(work, jrnl_version)
    du = None if args.jrnl_only else Dualtrack(work, args.dualtrack)
    rows = []
    log(f"== {n} entries, {runs} runs (+1 warm-up) ==")
    imp = {"jrnl": jr.setup(entries) if jr else "n/m",
           "pass": du.setup(json_path, n) if du else "n/m", "keyring": "—"}
    rows.append((n, "import (1 run, setup)", imp))

    cases = [  # label, jrnl args, dualtrack args
        ("list last 10", ["-n", "10"], ["list", "--from", first10, "--to", last.isoformat()]),
        ("list all", ["-n", str(n)], ["list"]),
        ("search postmortem", ["-contains", "postmortem"], ["search", "postmortem"]),
        # A word nearly every entry holds: the search returns (and prints) most of the journal.
        ("search the (common)", ["-contains", "the"], ["search", "the"]),
        # Both write the exchange JSON to stdout.
        ("export json", ["--export", "json"], ["export", "--format", "json", "--out", "-"]),
    ]
    for label, jargs, dargs in cases:
        cell = {"jrnl": "n/m", "pass": "n/m", "keyring": "n/m" if keyring else "—"}
        if jr:
            if label == "export json" and n > SLOW_SIZE and args.skip_slow:
                cell["jrnl"] = "skipped (--skip-slow)"
            else:
                cell["jrnl"] = median_time(jr.cmd(*jargs), jr.env, runs)
        if du:
            # --no-keyring: the passphrase column really unlocks with the passphrase (Argon2id),
            # even when the keyring holds the key too.
            cell["pass"] = median_time(du.cmd("--no-keyring", *dargs), du.env_pass, runs)
            if keyring:
                cell["keyring"] = median_time(du.cmd(*dargs), du.env_keyring, runs)
        log(f"  {label:18} " + "  ".join(f"{k}={fmt(v)}" for k, v in cell.items()))
        rows.append((n, label, cell))
    if du and keyring and shutil.which("secret-tool"):
        # The floor of any keyring unlock: libsecret's own client fetching the key (a D-Bus
        # connection, the Diffie-Hellman session, the lookup), with nothing else around it.
        floor = median_time(["secret-tool", "lookup", "service", "app.dualtrack",
                             "username", f"journal-{du.journal_id()}"], du.env_keyring, runs)
        log(f"  secret-tool lookup: {fmt(floor)}")
        rows.append((n, FLOOR, {"jrnl": "—", "pass": "—", "keyring": floor}))
    if du and shutil.which("strace"):
        writes = stdout_writes(du.cmd("--no-keyring", "--json", "list"), du.env_pass)
        log(f"  list --json: {writes} write calls to stdout")
        rows.append((n, "write(2) calls to stdout, full `list --json` into a pipe",
                     {"jrnl": "—", "pass": writes, "keyring": "—"}))
    return rows, runs


def table(rows, keyring: bool) -> str:
    head = ["entries", "command", "jrnl median s", "dualtrack median s (passphrase)"]
    if keyring:
        head.append("dualtrack median s (keyring)")
    head.append("jrnl/dualtrack (passphrase)")
    if keyring:
        head.append("jrnl/dualtrack (keyring)")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for n, label, c in rows:
        cells = [f"{n:,}", label, fmt(c["jrnl"]), fmt(c["pass"])]
        if keyring:
            cells.append(fmt(c["keyring"]))
        cells.append(ratio(c["jrnl"], c["pass"]))
        if keyring:
            cells.append(ratio(c["jrnl"], c["keyring"]))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dualtrack", metavar="BIN", help="path to the dualtrack CLI")
    ap.add_argument("--sizes", default="3650,36500")
    ap.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 above 10,000)")
    ap.add_argument("--out", default=str(HERE / "results-peer.md"))
    ap.add_argument("--skip-slow", action="store_true", help="skip jrnl export above 10,000 entries")
    ap.add_argument("--keyring", action=argparse.BooleanOptionalAction, default=None,
                    help="also time dualtrack without DUALTRACK_PASSPHRASE (Secret Service unlock)")
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--jrnl-only", action="store_true")
    only.add_argument("--dualtrack-only", action="store_true")
    args = ap.parse_args(argv)
    if not args.jrnl_only and not args.dualtrack:
        ap.error("--dualtrack BIN is required unless --jrnl-only")
    if args.dualtrack and not os.access(args.dualtrack, os.X_OK):
        ap.error(f"not executable: {args.dualtrack}")
    keyring = (not args.jrnl_only) and (
        bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")) if args.keyring is None else args.keyring)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]

    jrnl_version = "not run" if args.dualtrack_only else ensure_venv()
    log(f"jrnl version: {jrnl_version}")
    dt_desc = "not run"
    if args.dualtrack:
        v = subprocess.run([args.dualtrack, "--version"], capture_output=True, text=True)
        dt_desc = f"`{args.dualtrack}` ({v.stdout.strip() or 'no --version'}); unlock by " \
            "DUALTRACK_PASSPHRASE (Argon2id, ~0.3-0.5 s by design)" + \
            ("; keyring column: no DUALTRACK_PASSPHRASE, Secret Service" if keyring else "")
    # Whole-process timings on a 2-core machine are meaningless next to a
    # running cargo build; say so in the results rather than hide it.
    busy = cpu_busy()
    if busy > 0.25:
        log(f"WARNING: CPUs {busy:.0%} busy before start; timings will be inflated")
    rows, runs_used = [], {}
    for n in sizes:
        r, runs_used[n] = bench_size(n, args, jrnl_version, keyring)
        rows += r

    md = "\n".join([
        "# Dualtrack vs jrnl: whole-process timings",
        "",
        f"- date: {dt.datetime.now():%Y-%m-%d %H:%M}; machine: {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {platform.platform()}",
        "- jrnl: not run" if args.dualtrack_only else
        f"- jrnl {jrnl_version} (PyPI) under Python {platform.python_version()}, encrypted "
        "journal (JRNLv3: PBKDF2 + Fernet), password from keyrings.alt PlaintextKeyring",
        f"- dualtrack: {dt_desc}",
        f"- CPU busy (all cores, 1 s sample) before start: {busy:.0%}"
        + (" (busy machine: timings inflated)" if busy > 0.25 else ""),
        "- median wall clock of "
        + ", ".join(f"{r} runs at {n:,}" for n, r in runs_used.items())
        + ", after 1 warm-up; stdout to /dev/null",
        "- pairs: list last 10 = jrnl `-n 10` vs dualtrack `list --from D-9 --to D`; "
        "list all = jrnl `-n N` vs `list`; search = `-contains WORD` vs `search WORD` (postmortem: "
        "~2 % of entries; the: nearly all); export = `--export json` vs "
        "`export --format json --out -` (both to stdout)",
        "- n/m = not measured in this run; — = not applicable",
        "",
        table(rows, keyring),
        *ceilings(rows),
        "",
    ])
    print(md)
    Path(args.out).write_text(md, encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
