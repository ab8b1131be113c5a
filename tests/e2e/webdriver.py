"""A small W3C WebDriver client (stdlib only) for driving the real app through tauri-driver.

Why not Selenium: the handful of calls the flows need (find, click, type, read text, run a
script, screenshot) are plain JSON over HTTP; a 100-line client keeps the end-to-end tests free
of a pip install.
"""

from __future__ import annotations

import base64
import http.client
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(RuntimeError):
    pass


class Session:
    def __init__(self, base: str, application: str, args: list[str] | None = None):
        self.base = base.rstrip("/")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "wry",
            "tauri:options": {"application": application, "args": args or []},
        }}}
        value = self._call("POST", "/session", caps)
        self.id = value["sessionId"]
        self.on_close = lambda: None

    # -- transport -----------------------------------------------------------------------
    def _call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        for attempt in range(3):
            req = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=60) as resp:
                    payload = json.loads(resp.read() or b"{}")
                return payload.get("value", payload)
            except urllib.error.HTTPError as err:
                detail = err.read().decode(errors="replace")
                raise WebDriverError(f"{method} {path}: {err.code} {detail}") from None
            except (http.client.RemoteDisconnected, ConnectionResetError):
                # tauri-driver 2.1 sometimes forwards on a keep-alive connection WebKitWebDriver
                # already closed and drops ours; the request never reached the app, so resend.
                if attempt == 2:
                    raise
                time.sleep(0.2)
        raise WebDriverError("unreachable")

    def _s(self, method: str, path: str, body: dict | None = None):
        return self._call(method, f"/session/{self.id}{path}", body)

    # -- elements ------------------------------------------------------------------------
    def find(self, css: str) -> str:
        return self._s("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def find_all(self, css: str) -> list[str]:
        return [e[ELEMENT] for e in self._s("POST", "/elements", {"using": "css selector", "value": css})]

    def wait(self, css: str, timeout: float = 15.0) -> str:
        """Waits until an element matching `css` exists and is displayed."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                el = self.find(css)
                if self._s("GET", f"/element/{el}/displayed"):
                    return el
            except WebDriverError as err:
                last = err
            time.sleep(0.1)
        raise WebDriverError(f"timed out waiting for {css}: {last}")

    def wait_text(self, css: str, expected: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            try:
                text = self.text(self.find(css))
                if expected in text:
                    return text
            except WebDriverError:
                pass
            time.sleep(0.1)
        raise WebDriverError(f"{css} never showed {expected!r} (last: {text!r})")

    def click(self, css: str, timeout: float = 15.0) -> None:
        """Clicks once the element is there and enabled: a click on a disabled button does
        nothing and says nothing, which would hide a race as a later timeout."""
        self.wait(css, timeout)
        deadline = time.monotonic() + timeout
        # Asked by selector, not through a held element reference: a reactive view may redraw
        # the element between two calls, and the reference would go stale.
        while self.execute("const el = document.querySelector(arguments[0]); return !el || el.disabled;", css):
            if time.monotonic() > deadline:
                raise WebDriverError(f"{css} stayed disabled")
            time.sleep(0.05)
        try:
            self._s("POST", f"/element/{self.wait(css, timeout)}/click", {})
        except WebDriverError as err:
            if "intercepted" not in str(err):
                raise
            # Say what covers the element: the bare error names neither.
            cover = self.execute(
                "const el = document.querySelector(arguments[0]); const r = el.getBoundingClientRect();"
                "const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
                "return {box: [r.left, r.top, r.width, r.height], scrollY: window.scrollY,"
                " covered_by: top ? top.outerHTML.slice(0, 200) : null};", css)
            raise WebDriverError(f"clicking {css}: covered: {cover}") from err

    def type(self, css: str, text: str, clear: bool = False) -> None:
        el = self.wait(css)
        if clear:
            self._s("POST", f"/element/{el}/clear", {})
        self._s("POST", f"/element/{el}/value", {"text": text})

    def text(self, element: str) -> str:
        return self._s("GET", f"/element/{element}/text")

    def text_of(self, css: str) -> str:
        return self.text(self.wait(css))

    def exists(self, css: str) -> bool:
        return bool(self.find_all(css))

    def execute(self, script: str, *args):
        return self._s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def execute_async(self, script: str, *args):
        return self._s("POST", "/execute/async", {"script": script, "args": list(args)})

    def keys(self, css: str, keys: str) -> None:
        """Sends raw key codes (e.g. '\\ue009' Control) to an element."""
        self._s("POST", f"/element/{self.wait(css)}/value", {"text": keys})

    def press(self, key: str, times: int = 1) -> None:
        """Presses a key (e.g. '\\ue004' Tab) where the focus is, as the keyboard would."""
        actions = []
        for _ in range(times):
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self._s("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self._s("DELETE", "/actions")

    def focused(self) -> str | None:
        """The data-testid of the focused element (None when it has none)."""
        return self.execute("const el = document.activeElement;"
                            "return el && el !== document.body ? (el.dataset.testid || el.tagName) : null;")

    # -- the window ----------------------------------------------------------------------
    def resize(self, width: int, height: int) -> tuple[int, int]:
        """Sets the window's size and returns the page's viewport (innerWidth, innerHeight)
        once it has followed."""
        self._s("POST", "/window/rect", {"width": width, "height": height})
        deadline = time.monotonic() + 5
        size = (0, 0)
        while time.monotonic() < deadline:
            size = tuple(self.execute("return [window.innerWidth, window.innerHeight];"))
            if size == (width, height):
                break
            time.sleep(0.05)
        return size

    # -- pictures ------------------------------------------------------------------------
    def screenshot(self, path: Path) -> None:
        # Let two frames render first: a screenshot right after a DOM change can be stale.
        # (requestAnimationFrame may not fire in an unfocused Xvfb window; a short timer does.)
        self.execute_async("const done = arguments[0]; setTimeout(() => done(true), 150);")
        png = base64.b64decode(self._s("GET", "/screenshot"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png)

    def close(self) -> None:
        try:
            self._s("DELETE", "")
        except (WebDriverError, OSError):
            pass
        finally:
            self.on_close()
