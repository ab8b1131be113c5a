"""Whole-process measurements the benches share: run a command (failing loudly), its median
wall clock, how busy the CPUs are before a run, and how many write(2) calls it makes on stdout.
Stdlib only."""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT = 1800  # seconds; a hung process must not hang the bench


def run(argv, env, stdout=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """Run one process with no stdin (so nothing can prompt), fail loudly."""
    p = subprocess.run([str(a) for a in argv], env=env, stdin=subprocess.DEVNULL,
                       stdout=stdout, stderr=subprocess.PIPE, timeout=TIMEOUT)
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(map(str, argv))}\n"
                 f"{p.stderr.decode(errors='replace')[-2000:]}")
    return p


def median_time(argv, env, runs: int) -> float:
    """Median wall clock of `runs` runs after one untimed warm-up (page cache)."""
    run(argv, env)
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        run(argv, env)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def cpu_busy(interval: float = 1.0) -> float:
    """Fraction of all CPU time spent non-idle over `interval` (Linux /proc/stat).

    Load average lags by minutes; this catches a build that is running now."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # total, idle + iowait
    try:
        t0, i0 = sample()
        time.sleep(interval)
        t1, i1 = sample()
    except OSError:
        return 0.0
    return 1 - (i1 - i0) / max(1, t1 - t0)


def stdout_writes(argv, env) -> int:
    """How many write(2) calls a command makes on stdout when stdout is a pipe."""
    with tempfile.TemporaryDirectory() as tmp:
        trace = Path(tmp) / "trace"
        subprocess.run(["strace", "-f", "-e", "trace=write", "-o", str(trace), *map(str, argv)],
                       env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=True)
        return sum(1 for line in trace.read_text().splitlines() if "write(1," in line)
