"""End-to-end flows in the real app window: the built binary under Xvfb, driven through
tauri-driver + WebKitWebDriver, against a real Secret Service (run this inside
scripts/with-test-keyring.sh) and temporary data directories.

Usage: python3 tests/e2e/run.py target/debug/dualtrack
Each flow saves a screenshot under target/e2e-screens/. The last line is "e2e: N passed, M failed".
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from webdriver import Session, WebDriverError  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "target" / "e2e-screens"
SCREENS.mkdir(parents=True, exist_ok=True)
PASSPHRASE = "e2e passphrase words"
MARKER = "retro went well e2emarker"
CTRL, ENTER, TAB, RIGHT = "\ue009", "\ue007", "\ue004", "\ue014"
DEFAULT_SIZE, MIN_SIZE = (1100, 760), (720, 520)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """Starts Xvfb on a display it picks itself (-displayfd), so parallel runs never collide,
    and returns once it is ready."""
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    if not number:
        proc.kill()
        raise RuntimeError("Xvfb did not start")
    return proc, f":{number}"


class App:
    """Launches the app through a fresh tauri-driver per launch: WebKitWebDriver here stops
    answering after a couple of sessions, and a new driver costs ~0.1 s.

    Each driver starts its own process group, which the app and its WebKit processes join. A
    session ends only when every one of them has exited: the app is a single-instance app, so a
    launch while the previous instance is still shutting down is handed to that instance and
    never opens a window (WebKitWebDriver then waits for it until `POST /session` times out —
    the cold-start failures seen on new machines, where shutting down took longer)."""

    def __init__(self, binary: str):
        self.binary = str(Path(binary).resolve())
        self.log = open(SCREENS / "tauri-driver.log", "w")

    def launch(self, data_dir: Path) -> Session:
        port, native = free_port(), free_port()
        driver = subprocess.Popen(
            ["tauri-driver", "--port", str(port), "--native-port", str(native)],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_port(port)
            session = Session(f"http://127.0.0.1:{port}", self.binary, ["--data-dir", str(data_dir)])
        except BaseException:
            end_group(driver)
            raise
        session.on_close = lambda: end_session(driver)
        return session

    def stop(self) -> None:
        self.log.close()


# The drivers keep serving after a session ends; everything else in the group is the app's.
DRIVERS = {"tauri-driver", "WebKitWebDriver"}


def group_members(pgid: int) -> dict[int, str]:
    """The live (not zombie) processes of a process group, by pid, with their names."""
    members = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        state, _ppid, pgrp = stat[stat.rindex(")") + 2:].split()[:3]
        if int(pgrp) == pgid and state != "Z":
            members[int(entry)] = name
    return members


def end_session(driver: subprocess.Popen, limit: float = 20.0) -> None:
    """After the session was deleted: waits until the app and its WebKit processes have exited
    by themselves, then stops the driver. An app that does not exit is a failure, not
    something to paper over (it is stopped so the next flow starts clean)."""
    deadline = time.monotonic() + limit
    while True:
        left = {pid: name for pid, name in group_members(driver.pid).items() if name not in DRIVERS}
        if not left:
            break
        if time.monotonic() > deadline:
            end_group(driver)
            raise RuntimeError(f"the app did not exit within {limit:.0f} s of closing: {left}")
        time.sleep(0.05)
    end_group(driver)


def end_group(driver: subprocess.Popen) -> None:
    """Stops the driver and whatever is left of its process group, and waits for all of it."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(driver.pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + 10
        while group_members(driver.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if not group_members(driver.pid):
            break
    driver.wait()


def today() -> str:
    return datetime.date.today().isoformat()


def set_range(s: Session, testid: str, value: int) -> None:
    """Range inputs take no typing over WebDriver; set the value as a user's drag would."""
    s.execute(
        "const el = document.querySelector(`[data-testid='${arguments[0]}']`);"
        "el.value = String(arguments[1]);"
        "el.dispatchEvent(new Event('input', {bubbles: true}));"
        "el.dispatchEvent(new Event('change', {bubbles: true}));", testid, value)


def tid(name: str) -> str:
    return f"[data-testid='{name}']"


# -- flows ------------------------------------------------------------------------------

def first_run_write_search_lock_restart(app: App, work: Path) -> None:
    data = work / "journal-a"
    s = app.launch(data)
    try:
        s.wait(tid("setup-view"))
        s.type(tid("setup-passphrase"), PASSPHRASE)
        s.type(tid("setup-passphrase-confirm"), PASSPHRASE)
        s.click(tid("setup-create"))
        code = s.text_of(tid("recovery-code")).strip()
        assert len(code.replace("-", "").replace(" ", "")) == 32, f"recovery code shown: {code!r}"
        (work / "recovery-code.txt").write_text(code)
        s.screenshot(SCREENS / "01-first-run-recovery-code.png")
        s.click(tid("recovery-saved"))
        s.click(tid("recovery-continue"))

        # Onboarding: the role start, the trial (90 days offered) and a reminder time.
        s.wait(tid("welcome-view"))
        assert s.execute("return document.querySelector(`[data-testid='welcome-trial-90']`).checked;"), \
            "a 90-day trial is offered"
        role_start = (datetime.date.today() - datetime.timedelta(days=20)).isoformat()
        s.execute("const set = (id, v) => { const el = document.querySelector(`[data-testid='${id}']`);"
                  "  el.value = v; el.dispatchEvent(new Event('change', {bubbles: true})); };"
                  "set('welcome-role-start', arguments[0]); set('welcome-reminder', '18:00');", role_start)
        s.screenshot(SCREENS / "01b-first-run-role-and-trial.png")
        s.click(tid("welcome-save"))
        s.wait(tid("today-view"))
        s.click(tid("field-satisfaction-7"))
        set_range(s, "field-technical_share", 40)
        s.wait_text(tid("split-text"), "60% leadership")
        s.click(tid("checkin-more-toggle"))  # meetings, energy and the rest fold under More
        s.type(tid("field-meetings"), "0", clear=True)
        s.type(tid("field-tags"), "1on1" + ENTER)
        s.type(tid("field-text"), f"Today the {MARKER}.")
        s.keys(tid("field-text"), CTRL + ENTER + CTRL)  # Ctrl+Enter saves
        s.wait_text(tid("save-status"), "Saved")
        s.screenshot(SCREENS / "02-today-saved.png")

        s.click(tid("nav-journal"))
        s.wait(tid(f"timeline-item-{today()}"))
        s.wait(tid(f"calendar-day-{today()}"))
        s.screenshot(SCREENS / "03-journal-timeline-calendar.png")

        s.type(tid("search-input"), "e2emarker" + ENTER)
        s.wait(tid(f"search-result-{today()}"))
        s.screenshot(SCREENS / "04-search.png")

        s.click(tid("nav-settings"))
        s.wait_text(tid("settings-view"), "Your role")
        stored = s.execute("return [document.querySelector(`[data-testid='setting-role-start']`).value,"
                           " document.querySelector(`[data-testid='setting-trial-days']`).value,"
                           " document.querySelector(`[data-testid='reminder-time']`).value];")
        assert stored == [role_start, "90", "18:00"], f"onboarding answers are in Settings: {stored}"

        s.click(tid("lock-now"))
        s.wait(tid("unlock-view"))
        assert not s.exists(tid("timeline")), "locking hides the journal"
        # The form waits until the lock has landed (the key closed, the status read again).
        # That has taken over 15 s in 2 of ~10 full runs here, the cause not yet found: the
        # time is printed so it stays visible while it is looked into.
        started = time.monotonic()
        s.wait(tid("unlock-submit") + ":not([disabled])", timeout=60)
        if time.monotonic() - started > 2:
            print(f"e2e note: locking took {time.monotonic() - started:.1f} s", flush=True)
        s.type(tid("unlock-secret"), PASSPHRASE)
        s.click(tid("unlock-submit"))
        try:
            s.wait(tid("nav-journal"))
        finally:
            s.screenshot(SCREENS / "05-unlocked-again.png")
    finally:
        s.close()

    # Quit and restart: the keyring opens it and the entry is there.
    s = app.launch(data)
    try:
        s.wait(tid("nav-journal"))
        s.click(tid("nav-journal"))
        s.click(tid(f"timeline-item-{today()}"))
        s.wait_text(tid("day-detail"), MARKER)
        s.screenshot(SCREENS / "06-restart-entry-kept.png")
    finally:
        s.close()


def keyring_entry_deleted_opens_unlock_screen(app: App, work: Path) -> None:
    data = work / "journal-a"
    keys = json.loads((data / "journal.keys").read_text())
    subprocess.run(["secret-tool", "clear", "service", "app.dualtrack",
                    "username", f"journal-{keys['journal_id']}"], check=True)
    before = (data / "journal.db").read_bytes()
    s = app.launch(data)
    try:
        s.wait(tid("unlock-view"))
        assert not s.exists(tid("setup-view")), "an existing journal never shows the set-up screen"
        s.screenshot(SCREENS / "07-keyring-deleted-unlock.png")
        code = (work / "recovery-code.txt").read_text()
        s.type(tid("unlock-secret"), code)
        s.click(tid("unlock-submit"))
        s.wait(tid("nav-journal"))
        s.click(tid("nav-journal"))
        s.wait(tid(f"timeline-item-{today()}"))
    finally:
        s.close()
    assert (data / "journal.keys").exists()
    assert len((data / "journal.db").read_bytes()) >= len(before) // 2, "journal kept"


def csp_blocks_external_requests(app: App, work: Path) -> None:
    s = app.launch(work / "journal-csp")
    try:
        s.wait(tid("setup-view"))
        result = s.execute_async(
            "const done = arguments[0];"
            "const seen = [];"
            "document.addEventListener('securitypolicyviolation', e => seen.push(e.blockedURI));"
            "fetch('https://example.com/track').then(() => done({fetched: true, seen}))"
            "  .catch(e => setTimeout(() => done({fetched: false, error: String(e), seen}), 200));")
        assert result["fetched"] is False, f"an external fetch went through: {result}"
        assert any("example.com" in uri for uri in result["seen"]), f"no CSP violation reported: {result}"
        s.screenshot(SCREENS / "08-csp.png")
    finally:
        s.close()


def insights_for_an_imported_year(app: App, work: Path) -> None:
    data = work / "journal-year"
    import_generated_year(app, data, work)
    s = app.launch(data)
    try:
        s.click(tid("nav-insights"))
        s.wait(tid("insights-view"))
        s.click(tid("range-all"))
        # The view first shows its default range; the whole year is there once coverage says so.
        coverage = s.wait_text(tid("coverage"), "365")
        s.wait(tid("chart-satisfaction"))
        drawn = s.execute("const c = document.querySelector(`[data-testid='chart-satisfaction'] canvas`);"
                          "return c ? [c.width, c.height] : null;")
        assert drawn and drawn[0] > 0 and drawn[1] > 0, f"the satisfaction chart has a canvas: {drawn}"
        verdict = s.text_of(tid("relation-verdict"))
        assert any(w in verdict for w in ("No clear link yet (", "per +10")), f"verdict sentence: {verdict!r}"
        assert "365" in coverage, f"coverage names the 365 logged days: {coverage!r}"
        s.screenshot(SCREENS / "09-insights-trial-review.png")
        s.execute("document.querySelector(`[data-testid='chart-satisfaction']`).scrollIntoView();")
        s.screenshot(SCREENS / "10-insights-charts.png")
        months = s.execute("return [...document.querySelectorAll(`[data-testid='calendar-month-labels'] span`)]"
                           ".map(m => m.textContent);")
        assert len(months) >= 12, f"the heatmap names its months: {months!r}"
        s.execute("document.querySelector(`[data-testid='chart-calendar']`).scrollIntoView();")
        s.screenshot(SCREENS / "10b-insights-calendar.png")
    finally:
        s.close()


def import_entries(app: App, data: Path, work: Path, entries: list[dict], settings: dict | None = None) -> None:
    """A new journal holding `entries` (and `settings`), made through the CLI."""
    file = work / f"{data.name}.json"
    file.write_text(json.dumps({"format": "dualtrack", "version": 1, "entries": entries, "settings": settings or {}}))
    cli, env = str(Path(app.binary).parent / "dualtrack"), dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)
    for args in (["init"], ["import", str(file)]):
        subprocess.run([cli, "--data-dir", str(data), *args], env=env, check=True, stdout=subprocess.DEVNULL)


def insights_speak_plainly_for_a_young_journal_and_a_planted_effect(app: App, work: Path) -> None:
    """Three days: one line says how many more days a first trend needs, no card draws or prints
    a fitted line, interval, slope or r, and the trial counts down. Sixty days where satisfaction
    rises with hands-on work: the summary opens with that, in words; the trial's review comes
    first until a decision folds it into one line below the summary."""
    start = datetime.date.today() - datetime.timedelta(days=2)
    days = [(start + datetime.timedelta(days=k)).isoformat() for k in range(3)]
    young = work / "journal-young"
    import_entries(app, young, work, [{"date": d, "satisfaction": s, "technical_share": t}
                                      for d, s, t in zip(days, [6, 7, 9], [20, 50, 90])],
                   {"role_start": days[0], "trial_days": 90})
    s = app.launch(young)
    try:
        s.click(tid("nav-insights"))
        banner = s.wait_text(tid("insights-young"), "until a first trend")
        assert banner.startswith("3 days logged so far: 11 more"), f"the young-journal line: {banner!r}"
        assert not s.exists(tid("relation-numbers")), "no slope, interval or r below the evidence line"
        label = s.execute("return document.querySelector(`[data-testid='chart-relation'] [role='img']`).getAttribute('aria-label');")
        assert "fitted line" not in label, f"no fitted line is drawn: {label!r}"
        text = s.text_of(tid("insights-view"))
        for claim in ("95% CI", "r = ", "Slope", "slope"):
            assert claim not in text, f"{claim!r} is printed below the evidence line"
        s.wait_text(tid("trial-upcoming"), "Trial review in 87 days")  # day 90 of a trial from 2 days ago
        s.screenshot(SCREENS / "21-insights-young-journal.png")
    finally:
        s.close()

    # Sixty days: satisfaction rises one point for every 20 points of hands-on work.
    start = datetime.date.today() - datetime.timedelta(days=59)
    planted = []
    for k in range(60):
        share = (k * 37) % 101
        planted.append({"date": (start + datetime.timedelta(days=k)).isoformat(),
                        "technical_share": share, "satisfaction": max(1, min(10, 3 + share // 20 + (k % 3) - 1))})
    data = work / "journal-planted"
    import_entries(app, data, work, planted, {"role_start": planted[0]["date"], "trial_days": 30})
    s = app.launch(data)
    try:
        s.click(tid("nav-insights"))
        said = s.wait_text(tid("summary-relation"), "On days with more hands-on technical work you were more satisfied")
        assert "for every 10% more technical time (60 days)" in said, f"the finding in words: {said!r}"
        assert s.exists(tid("relation-numbers")), "a finding shows its slope and interval on the card"
        s.screenshot(SCREENS / "22-insights-summary-finding.png")
        # The review is due and unanswered: it comes first, above the summary.
        order = "return document.querySelector(arguments[0]).compareDocumentPosition(document.querySelector(arguments[1])) & 4;"
        assert s.execute(order, tid("trial-review"), tid("insights-summary")), "the due review comes first"
        s.click(tid("decision-choice-continue"))
        s.type(tid("decision-note"), "Leading suits me; keep Fridays for code.")
        s.click(tid("decision-save"))
        line = s.wait_text(tid("trial-decided"), "Trial decided on")
        assert "Continue" in line and "keep Fridays for code" in line, f"one line with the decision: {line!r}"
        assert s.execute(order, tid("insights-summary"), tid("trial-decided")), "answered, it moves below the summary"
        assert not s.execute("return document.querySelector(`[data-testid='trial-decided']`).open;"), "folded"
        s.screenshot(SCREENS / "23-insights-trial-decided.png")
    finally:
        s.close()


def import_generated_year(app: App, data: Path, work: Path) -> tuple[str, dict]:
    """A journal holding a generated year, made through the CLI; returns the CLI and its env."""
    year = work / f"{data.name}.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), "365", str(year)], check=True,
                   stdout=subprocess.DEVNULL)
    cli = str(Path(app.binary).parent / "dualtrack")
    env = dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)
    for args in (["init"], ["import", str(year)]):
        subprocess.run([cli, "--data-dir", str(data), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return cli, env


def in_view_without_scrolling(s: Session, testids: list[str]) -> dict:
    """Where each element is, and whether all of them are inside the viewport at scroll 0."""
    return s.execute(
        "window.scrollTo(0, 0);"
        "const out = {scrollY: window.scrollY, height: window.innerHeight, width: window.innerWidth, boxes: {}};"
        "for (const id of arguments[0]) {"
        "  const r = document.querySelector(`[data-testid='${id}']`).getBoundingClientRect();"
        "  out.boxes[id] = [Math.round(r.top), Math.round(r.bottom), Math.round(r.right)];"
        "}"
        "out.inView = Object.values(out.boxes).every(([t, b, r]) => t >= 0 && b <= out.height && r <= out.width);"
        "return out;", testids)


def screens_light_and_dark(s: Session, name: str) -> None:
    """Two screenshots of what is on screen: the light theme and the dark one (Settings' switch
    sets the same attribute)."""
    for theme in ("light", "dark"):
        s.execute("document.documentElement.dataset.theme = arguments[0];", theme)
        s.screenshot(SCREENS / f"{name}-{theme}.png")
    s.execute("delete document.documentElement.dataset.theme;")


def shortest_check_in_by_keyboard_at_both_sizes(app: App, work: Path) -> None:
    """A year of entries, then today's check-in the fastest way: satisfaction, the split, Save —
    all in view without scrolling at the default and the minimum window size, and at most 15 Tab
    presses from the top of the window to Save."""
    data = work / "journal-checkin"
    import_generated_year(app, data, work)
    s = app.launch(data)
    try:
        s.wait(tid("today-view"))
        assert s.resize(*DEFAULT_SIZE) == DEFAULT_SIZE, "the window takes its default size"
        s.wait(tid("save-entry") + ":not([disabled])")  # the day has loaded
        # More is remembered open or closed across launches (an earlier flow opened it); the
        # shortest check-in is the one with it folded, as it starts.
        if s.execute("return document.querySelector(`[data-testid='checkin-more']`).open;"):
            s.click(tid("checkin-more-toggle"))
        assert "not logged" in s.text_of(tid("split-text")), "the split starts not logged"
        fastest = ["field-satisfaction-1", "field-satisfaction-10", "field-technical_share", "save-entry"]
        placed = in_view_without_scrolling(s, fastest)
        assert placed["inView"], f"the fastest check-in fits {DEFAULT_SIZE} without scrolling: {placed}"
        screens_light_and_dark(s, "13-today-default")

        s.execute("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);")
        tabs, path = 0, []
        while tabs < 40:
            s.press(TAB)
            tabs += 1
            path.append(s.focused())
            if path[-1] and path[-1].startswith("field-satisfaction-") and "7" not in path:
                s.press("7")  # a digit sets the scale that has the focus
                path.append("7")
            elif path[-1] == "field-technical_share" and RIGHT not in path:
                s.press(RIGHT)  # an arrow sets the split, which was not logged
                path.append(RIGHT)
            elif path[-1] == "save-entry":
                break
        assert path[-1] == "save-entry" and tabs <= 15, f"{tabs} Tab presses to Save: {path}"
        s.wait_text(tid("value-satisfaction"), "7")
        s.wait_text(tid("split-text"), "% technical")
        s.press(ENTER)
        status = s.wait_text(tid("save-status"), "Saved")
        # The run is looked up once the save has landed; the line then names the entry before it.
        status = s.wait_text(tid("save-status"), "last entry before this")
        assert status.startswith("Saved "), f"one status line: {status!r}"
        screens_light_and_dark(s, "14-today-saved-keyboard")

        assert s.resize(*MIN_SIZE) == MIN_SIZE, "the window takes its minimum size"
        placed = in_view_without_scrolling(s, fastest)
        assert placed["inView"], f"the fastest check-in fits {MIN_SIZE} without scrolling: {placed}"
        screens_light_and_dark(s, "15-today-minimum")
    finally:
        s.close()
    cli, env = str(Path(app.binary).parent / "dualtrack"), dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)
    shown = subprocess.run([cli, "--data-dir", str(data), "--json", "show", today()], env=env, check=True,
                           capture_output=True, text=True)
    saved = json.loads(shown.stdout)
    assert saved["satisfaction"] == 7 and saved["technical_share"] == 55, f"the journal holds it: {saved}"


AXE = ROOT / "ui" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_problems(s: Session) -> list[str]:
    """Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is; returns the serious and
    critical violations, one line each."""
    if not s.execute("return typeof window.axe === 'object';"):
        s.execute(AXE.read_text())
    result = s.execute_async(
        "const done = arguments[arguments.length - 1];"  # WebDriver passes the callback last
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        "  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary)}))))"
        "  .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        WCAG_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes']}" for v in result
            if v["impact"] in ("serious", "critical")]


def a_year_of_entries_read_edited_searched_and_checked_for_accessibility(app: App, work: Path) -> None:
    """With a year of entries: the Journal opens on the latest month, a search shows why each
    entry matched and marks the words in the opened entry, Done editing over a change asks
    Save or Discard, a narrow window brings the chosen day into view, and axe finds no serious
    or critical WCAG 2.1 AA problem on the five screens, in light and dark."""
    data = work / "journal-browse"
    import_generated_year(app, data, work)
    s = app.launch(data)
    try:
        s.wait(tid("save-entry") + ":not([disabled])")
        assert s.resize(*DEFAULT_SIZE) == DEFAULT_SIZE
        screens = [("today", "today-view"), ("journal", "journal-view"), ("insights", "chart-satisfaction"),
                   ("export", "export-view"), ("settings", "settings-view")]
        problems = {}
        for theme in ("light", "dark"):
            s.execute("document.documentElement.dataset.theme = arguments[0];", theme)
            for view, ready in screens:
                s.click(tid(f"nav-{view}"))
                s.wait(tid(ready), timeout=30)
                if view == "journal":
                    s.wait(tid("timeline-item-2026-11-26"))
                found = axe_problems(s)
                if found:
                    problems[f"{view}/{theme}"] = found
        s.execute("delete document.documentElement.dataset.theme;")
        assert not problems, "axe found serious or critical problems:\n" + json.dumps(problems, indent=1)

        # The Journal opens on November, where the latest entry is (December is empty).
        s.click(tid("nav-journal"))
        s.wait(tid("timeline-item-2026-11-26"))
        s.screenshot(SCREENS / "16-journal-latest-month.png")

        s.type(tid("search-input"), "postmortem" + ENTER)
        count = s.wait_text(tid("search-count"), "match")
        first = s.find_all("[data-testid^='search-result-']")
        assert first, "results are listed"
        hits = s.execute("return [...document.querySelectorAll(`[data-testid^='search-snippet-'] mark`)]"
                         ".slice(0, 5).map(m => m.textContent.toLowerCase());")
        assert hits and all(h.startswith("postmortem") for h in hits), f"snippets mark the word: {hits} ({count})"
        s.screenshot(SCREENS / "17-search-snippets.png")
        date = s.execute("return document.querySelector(`[data-testid^='search-result-']`).dataset.testid"
                         ".replace('search-result-', '');")
        s.click(tid(f"search-result-{date}"))
        s.wait(tid("entry-text") + " mark")
        marked = s.execute("return document.querySelector(`[data-testid='entry-text'] mark`).textContent;")
        assert marked.lower().startswith("postmortem"), f"the opened entry marks the word: {marked!r}"
        s.screenshot(SCREENS / "18-search-opened-highlight.png")

        # Editing: a change, then Done editing asks; Discard keeps the saved entry as it was.
        before = s.text_of(tid("detail-satisfaction"))
        s.click(tid("edit-entry"))
        s.wait(tid("save-entry") + ":not([disabled])")
        other = "2" if before != "2" else "3"
        s.click(tid(f"field-satisfaction-{other}"))
        s.click(tid("close-editor"))
        s.wait_text(tid("close-ask"), "not saved")
        s.screenshot(SCREENS / "19-done-editing-asks.png")
        s.click(tid("close-discard"))
        s.wait_text(tid("detail-satisfaction"), before)
        s.click(tid("edit-entry"))
        s.wait(tid("save-entry") + ":not([disabled])")
        s.click(tid(f"field-satisfaction-{other}"))
        s.click(tid("close-editor"))
        s.click(tid("close-save"))
        s.wait_text(tid("detail-satisfaction"), other)

        # A narrow window: choosing a day brings its detail into view.
        s.click(tid("search-clear"))
        assert s.resize(*MIN_SIZE) == MIN_SIZE
        s.execute("window.scrollTo(0, 0);")
        s.click(tid("timeline-item-2026-11-20"))
        s.wait_text(tid("day-detail"), "November 20")
        top = s.execute("return document.querySelector(`[data-testid='day-detail']`).getBoundingClientRect().top;")
        assert 0 <= top < MIN_SIZE[1] / 2, f"the chosen day is in view at {MIN_SIZE}: top {top}"
        s.screenshot(SCREENS / "20-journal-narrow-day.png")
    finally:
        s.close()
    cli, env = str(Path(app.binary).parent / "dualtrack"), dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)
    shown = subprocess.run([cli, "--data-dir", str(data), "--json", "show", date], env=env, check=True,
                           capture_output=True, text=True)
    assert json.loads(shown.stdout)["satisfaction"] == int(other), "the saved edit is in the journal"


def export_redacted_pdf_of_the_last_90_days(app: App, work: Path) -> None:
    data = work / "journal-export"
    cli, env = import_generated_year(app, data, work)
    first = (datetime.date.today() - datetime.timedelta(days=89)).isoformat()
    listed = subprocess.run([cli, "--data-dir", str(data), "--json", "list", "--from", first, "--to", today()],
                            env=env, check=True, capture_output=True, text=True)
    entries = json.loads(listed.stdout)
    texts = [e["text"] for e in entries if e.get("text")]
    assert entries and texts, "the generated year reaches into the last 90 days"
    out = work / "redacted.pdf"
    s = app.launch(data)
    try:
        s.click(tid("nav-export"))
        s.wait(tid("export-view"))
        s.click(tid("export-range-90"))
        s.click(tid("export-format-pdf"))
        s.click(tid("export-include-text"))
        s.wait_text(tid("preview-entries"), str(len(entries)))
        names: list[str] = []
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # the preview follows the unticked box
            names = s.execute("return [...document.querySelectorAll(`[data-testid='preview-fields'] li`)]"
                              ".map(li => li.textContent.trim());")
            if names and "text" not in names:
                break
            time.sleep(0.1)
        assert "text" not in names and "satisfaction" in names and "tags" in names, f"preview fields: {names!r}"
        samples = s.wait_text(tid("preview-samples"), "no entry text leaves the journal")
        assert not any(" ".join(t.split()[:6]) in " ".join(samples.split()) for t in texts), \
            f"no first lines previewed: {samples!r}"
        s.type(tid("export-path"), str(out), clear=True)
        s.screenshot(SCREENS / "11-export-preview.png")
        s.click(tid("export-submit"))
        s.wait_text(tid("export-success"), str(out), timeout=30)
        s.screenshot(SCREENS / "12-export-done.png")
    finally:
        s.close()
    pdf = out.read_bytes()
    assert pdf.startswith(b"%PDF-"), "a PDF was written"
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert f"{first} – {today()}" in text, "the PDF names the last 90 days"
    assert f"Entries ({len(entries)})" in text, "every entry of the range, as the preview said"
    # pdftotext breaks lines where the PDF does: compare word runs, not raw strings.
    words = " ".join(text.split())
    leaked = [t[:40] for t in texts if " ".join(t.split()[:6]) in words]
    assert not leaked, f"entry text reached the redacted PDF: {leaked[:3]}"


def daylio_history_mapped_and_imported_through_the_preview(app: App, work: Path) -> None:
    """A Daylio export with a mood the person renamed: the preview says what will happen and
    will not import until the mood has a satisfaction; then the days are in the Journal."""
    data = work / "journal-import"
    import_entries(app, data, work, [{"date": "2026-11-03", "satisfaction": 6, "text": "My own words."}])
    export = work / "daylio_export.csv"
    export.write_text(
        "\ufefffull_date,date,weekday,time,mood,activities,note_title,note\r\n"
        "2026-11-04,November 4,Wednesday,8:30 PM,so-so,Work Out | team,Retro,Quiet <b>retro</b> with the team\r\n"
        "2026-11-04,November 4,Wednesday,8:10 AM,rad,,,Pairing on the parser\r\n"
        "2026-11-03,November 3,Tuesday,9:00 PM,rad,,,Shipped the importer\r\n"
        "2026-11-02,November 2,Monday,7:45 PM,so-so,,,Budget planning marathon\r\n", encoding="utf-8")
    s = app.launch(data)
    try:
        s.click(tid("nav-settings"))
        s.wait(tid("import-settings"))
        # A path that is not there: one clear error in place, and nothing to import.
        s.type(tid("import-path"), str(work / "no-such-export.csv"), clear=True)
        s.click(tid("import-preview-button"))
        missing = s.wait_text(tid("import-error"), "could not be read")
        assert s.execute("return document.querySelector(`[data-testid='import-error']`).dataset.kind;") == "io", \
            f"a missing file is an io problem: {missing!r}"
        assert not s.exists(tid("import-preview")), "no preview for a file that is not there"
        s.execute("document.querySelector(`[data-testid='import-settings']`).scrollIntoView();")
        time.sleep(0.3)
        s.screenshot(SCREENS / "23d-import-missing-file.png")
        s.type(tid("import-path"), str(export), clear=True)
        s.click(tid("import-preview-button"))
        s.wait_text(tid("import-format"), "Daylio")
        days = s.wait_text(tid("import-days"), "3 days")
        assert "4 entries" in days, f"entries and days in the preview: {days!r}"
        blocked = s.wait_text(tid("import-blocked"), "so-so")
        assert s.execute("return document.querySelector(`[data-testid='import-submit']`).disabled;"), \
            f"no import while a mood is unmapped: {blocked!r}"
        s.execute("""
            const el = document.querySelector(`[data-testid='import-mood-so-so']`);
            el.value = '4';
            el.dispatchEvent(new Event('change', { bubbles: true }));""")
        s.wait(tid("import-submit") + ":not([disabled])")
        s.execute("document.querySelector(`[data-testid='import-preview']`).scrollIntoView();")
        s.screenshot(SCREENS / "24-import-preview.png")
        assert s.resize(*MIN_SIZE) == MIN_SIZE
        s.execute("document.querySelector(`[data-testid='import-settings']`).scrollIntoView();")
        time.sleep(0.3)
        # The path, its two pickers and Preview share one row, inside the card even this narrow.
        overflow = s.execute("""
            const card = document.querySelector(`[data-testid='import-settings']`).getBoundingClientRect();
            return ['import-path', 'import-choose', 'import-choose-folder', 'import-preview-button']
              .filter((id) => document.querySelector(`[data-testid='${id}']`).getBoundingClientRect().right > card.right);""")
        assert overflow == [], f"outside the card at the minimum size: {overflow}"
        # One line of header on every view: the bold current view never wraps Lock now.
        header = s.execute("return document.querySelector('header').offsetHeight;")
        assert header < 60, f"the header wrapped onto two lines at the minimum size: {header} px"
        screens_light_and_dark(s, "24a-import-path-minimum")
        s.execute("document.querySelector(`[data-testid='import-preview']`).scrollIntoView();")
        time.sleep(0.3)
        screens_light_and_dark(s, "24b-import-preview-minimum")
        assert s.resize(*DEFAULT_SIZE) == DEFAULT_SIZE
        s.click(tid("import-submit"))
        done = s.wait_text(tid("import-success"), "Imported 3 days", timeout=30)
        assert "2 new" in done and "1 added" in done, f"the result: {done!r}"
        s.execute("document.querySelector(`[data-testid='import-settings']`).scrollIntoView();")
        s.screenshot(SCREENS / "25-import-done.png")
        s.click(tid("import-open-journal"))
        s.click(tid("timeline-item-2026-11-04"))
        detail = s.wait_text(tid("day-detail"), "Pairing on the parser")
        assert "Quiet retro with the team" in " ".join(detail.split()), f"both of the day's entries: {detail!r}"
    finally:
        s.close()
    cli, env = str(Path(app.binary).parent / "dualtrack"), dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)
    def show(date: str) -> dict:
        out = subprocess.run([cli, "--data-dir", str(data), "--json", "show", date], env=env, check=True,
                             capture_output=True, text=True)
        return json.loads(out.stdout)
    assert show("2026-11-02")["satisfaction"] == 4, "the mapped mood became the satisfaction"
    assert show("2026-11-04")["satisfaction"] == 7, "the mean of rad (9) and so-so (4), halves up"
    mine = show("2026-11-03")
    assert mine["satisfaction"] == 6 and mine["text"].startswith("My own words.\n\n## Imported from Daylio"), \
        f"an existing entry keeps its words and numbers: {mine!r}"


def next_minute_at_least(seconds: int) -> datetime.datetime:
    """The next whole local minute at least `seconds` away."""
    t = datetime.datetime.now() + datetime.timedelta(seconds=seconds + 59)
    return t.replace(second=0, microsecond=0)


def reminder_comes_once_with_no_journal_words_and_not_after_a_check_in(app: App, work: Path) -> None:
    """A stand-in notification service records what the app sends. A reminder set a minute
    ahead through the CLI comes exactly once, and says nothing of the journal; with today's
    entry saved, a reminder set again does not come."""
    data = work / "journal-remind"
    words = ["ZEBRAFINCH", "marmalade", "reorg"]
    import_entries(app, data, work, [{"date": "2026-11-20", "satisfaction": 3, "text": " ".join(words),
                                      "tags": ["reorg"]}])
    recorder_bin = Path(app.binary).parent / "examples" / "notification_recorder"
    sent = work / "notifications.jsonl"
    recorder = subprocess.Popen([str(recorder_bin), str(sent)], stdout=subprocess.PIPE, text=True)
    assert recorder.stdout is not None and recorder.stdout.readline().strip() == "ready", "the stand-in runs"
    cli, env = str(Path(app.binary).parent / "dualtrack"), dict(os.environ, DUALTRACK_PASSPHRASE=PASSPHRASE)

    def remind_at(at: datetime.datetime) -> None:
        subprocess.run([cli, "--data-dir", str(data), "remind", "--at", at.strftime("%H:%M"),
                        "--days", "mon,tue,wed,thu,fri,sat,sun"], env=env, check=True, stdout=subprocess.DEVNULL)

    def notifications() -> list[dict]:
        return [json.loads(line) for line in sent.read_text().splitlines()] if sent.exists() else []

    s = app.launch(data)
    try:
        s.wait(tid("nav-today"), timeout=30)
        at = next_minute_at_least(20)
        remind_at(at)
        deadline = at + datetime.timedelta(seconds=30)
        while datetime.datetime.now() < deadline and not notifications():
            time.sleep(0.5)
        got = notifications()
        assert len(got) == 1, f"one reminder at {at:%H:%M}: {got!r}"
        time.sleep(10)
        assert len(notifications()) == 1, f"exactly one: {notifications()!r}"
        shown = " ".join(f"{n['summary']} {n['body']}" for n in got).lower()
        assert "check-in" in shown, f"it says what it is for: {shown!r}"
        leaked = [w for w in words if w.lower() in shown]
        assert not leaked, f"no journal words on the lock screen: {leaked}"
        assert got[0]["actions"][:2] == ["default", "Check in"], f"choosing it checks in: {got[0]!r}"

        # Choosing the reminder brings the window to Today's check-in.
        s.click(tid("nav-settings"))
        s.wait(tid("settings-view"))
        Path(f"{sent}.choose").touch()
        s.wait(tid("today-view"), timeout=10)

        subprocess.run([cli, "--data-dir", str(data), "add", "--satisfaction", "7", "--text", "done for today"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        at = next_minute_at_least(20)
        remind_at(at)
        quiet_until = at + datetime.timedelta(seconds=25)
        while datetime.datetime.now() < quiet_until:
            time.sleep(1)
        assert len(notifications()) == 1, f"no reminder once today is saved: {notifications()!r}"

        # Settings shows the reminder the CLI set (read when the view opens).
        s.click(tid("nav-settings"))
        s.wait_text(tid("reminder-settings"), "Daily reminder")
        shown = s.execute("return document.querySelector(`[data-testid='reminder-time']`).value;")
        assert shown == at.strftime("%H:%M"), f"the window reads the CLI's change: {shown!r}"
        s.execute("document.querySelector(`[data-testid='reminder-settings']`).scrollIntoView({ block: 'start' });")
        time.sleep(0.3)  # let the scroll land before the picture
        s.screenshot(SCREENS / "26-reminder-settings.png")
        assert s.resize(*MIN_SIZE) == MIN_SIZE
        s.execute("document.querySelector(`[data-testid='reminder-settings']`).scrollIntoView({ block: 'start' });")
        time.sleep(0.3)
        screens_light_and_dark(s, "27-reminder-settings-minimum")
    finally:
        s.close()
        recorder.terminate()
        recorder.wait(timeout=10)


FLOWS = [first_run_write_search_lock_restart, keyring_entry_deleted_opens_unlock_screen,
         csp_blocks_external_requests, shortest_check_in_by_keyboard_at_both_sizes,
         a_year_of_entries_read_edited_searched_and_checked_for_accessibility,
         insights_for_an_imported_year, insights_speak_plainly_for_a_young_journal_and_a_planted_effect,
         export_redacted_pdf_of_the_last_90_days, daylio_history_mapped_and_imported_through_the_preview,
         reminder_comes_once_with_no_journal_words_and_not_after_a_check_in]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    for tool in ["tauri-driver", "WebKitWebDriver", "Xvfb", "secret-tool"]:
        if not shutil.which(tool):
            print(f"e2e: {tool} is missing; `make deps` installs it", file=sys.stderr)
            return 1
    xvfb, display = start_xvfb()
    os.environ["DISPLAY"] = display
    # The app turns WebKit's compositing off to save memory, but WebKitWebDriver screenshots
    # hang without it; "0" keeps it on for the tests.
    os.environ["WEBKIT_DISABLE_COMPOSITING_MODE"] = "0"
    passed = failed = 0
    work = Path(tempfile.mkdtemp(prefix="dualtrack-e2e-"))
    app = App(argv[1])
    try:
        only = os.environ.get("E2E_ONLY")  # run one flow by name while working on it
        for flow in [f for f in FLOWS if not only or f.__name__ == only]:
            started = time.monotonic()
            try:
                flow(app, work)
                passed += 1
                print(f"e2e {flow.__name__} ... ok ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception:  # noqa: BLE001 — any failure fails the flow, the others still run
                failed += 1
                print(f"e2e {flow.__name__} ... FAILED", flush=True)
                traceback.print_exc()
    finally:
        app.stop()
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)
    print(f"e2e: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
