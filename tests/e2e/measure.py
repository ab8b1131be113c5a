"""`make bench` (app part): how fast the real window becomes usable and how much memory it and
its WebKit processes take with a 10-year journal open. Run inside scripts/with-test-keyring.sh.

Usage: python3 tests/e2e/measure.py BIN_DIR   (BIN_DIR holds dualtrack and dualtrack-window)
Start = from asking tauri-driver for a session (which launches the app) to the first screen
being displayed; median of 5 launches. Memory = PSS summed over the app and its WebKit
processes (/proc/PID/smaps_rollup), after the journal's Today and Journal views were shown.
Tray = the app started hidden with a reminder set (as at login): its PSS and CPU over 30 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import run  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def family(root_pid: int) -> list[int]:
    """The app process and every process below it (WebKit's web and network processes)."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        pid, ppid = map(int, line.split())
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def app_pid() -> int:
    out = subprocess.run(["pgrep", "-n", "-f", "dualtrack-window"], capture_output=True, text=True).stdout
    return int(out.split()[0])


def cpu_ticks(pids: list[int]) -> int:
    """User + system clock ticks used so far by `pids` (/proc/PID/stat fields 14 and 15)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


def idle_in_tray(bins: Path, data: Path, env: dict, seconds: float = 30.0) -> tuple[float, float, str]:
    """Started at login with a reminder set: no window, only the tray and the reminder timer.
    PSS of the app and anything under it, and its CPU use over `seconds` of idling."""
    subprocess.run([str(bins / "dualtrack"), "--data-dir", str(data), "remind", "--at", "18:00"], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    app = subprocess.Popen([str(bins / "dualtrack-window"), "--data-dir", str(data), "--hidden"], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(5.0)
        procs = family(app.pid)
        names = sorted({Path(f"/proc/{p}/comm").read_text().strip() for p in procs if Path(f"/proc/{p}/comm").exists()})
        before = cpu_ticks(procs)
        time.sleep(seconds)
        used = (cpu_ticks(family(app.pid)) - before) / os.sysconf("SC_CLK_TCK")
        pss = sum(pss_kib(p) for p in family(app.pid)) / 1024
        return pss, used / seconds * 100, ", ".join(names)
    finally:
        app.terminate()
        app.wait(timeout=10)


def main(argv: list[str]) -> int:
    bins = Path(argv[1]).resolve()
    xvfb, display = run.start_xvfb()
    os.environ["DISPLAY"] = display
    work = Path(tempfile.mkdtemp(prefix="dualtrack-measure-"))
    data = work / "journal"
    env = dict(os.environ, DUALTRACK_PASSPHRASE="measure passphrase")
    journal_json = work / "ten-years.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "3650", str(journal_json)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([str(bins / "dualtrack"), "--data-dir", str(data), "init"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([str(bins / "dualtrack"), "--data-dir", str(data), "import", str(journal_json)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    app = run.App(str(bins / "dualtrack"))
    starts, pss = [], []
    try:
        for _ in range(5):
            t0 = time.monotonic()
            s = app.launch(data)
            try:
                s.wait(run.tid("today-view"), timeout=30)
                starts.append(time.monotonic() - t0)
                s.click(run.tid("nav-journal"))
                s.wait(run.tid("timeline"))
                time.sleep(1.0)
                procs = family(app_pid())
                pss.append(sum(pss_kib(p) for p in procs) / 1024)
                parts = {}
                for p in procs:
                    name = Path(f"/proc/{p}/comm").read_text().strip() if Path(f"/proc/{p}/comm").exists() else "?"
                    parts[name] = parts.get(name, 0) + pss_kib(p) / 1024
                breakdown = ", ".join(f"{k} {v:.0f}" for k, v in sorted(parts.items(), key=lambda kv: -kv[1]))
            finally:
                s.close()
        tray_pss, tray_cpu, tray_procs = idle_in_tray(bins, data, env)
    finally:
        app.stop()
        xvfb.terminate()
    size = {name: (bins / name).stat().st_size / 2**20 for name in ["dualtrack", "dualtrack-window"]}
    print("| what | value |\n|---|---|")
    print(f"| launch → first interactive screen (Today, keyring unlock), median of 5 | {statistics.median(starts) * 1000:.0f} ms |")
    print(f"| PSS, app + WebKit processes, 10-year journal open, median of 5 | {statistics.median(pss):.0f} MB |")
    print(f"| PSS by process, last launch (MB) | {breakdown} |")
    print(f"| PSS in the tray, started at login with a reminder set (no window; processes: {tray_procs}) | {tray_pss:.0f} MB |")
    print(f"| CPU while idle in the tray, 30 s | {tray_cpu:.2f} % of one core |")
    for name, mib in size.items():
        print(f"| binary size, {name} | {mib:.1f} MiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
