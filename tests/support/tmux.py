"""Driving the installed `isend-tui` in a real terminal: tmux types, capture-pane reads.

Waiting is done by polling the screen for the text the user would wait for, with a
deadline; never by sleeping a fixed time.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path


class Terminal:
    def __init__(self, width: int, height: int, env: Mapping[str, str] | None = None) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is not installed (apt-get install tmux)")
        self.name = f"isend-e2e-{uuid.uuid4().hex[:8]}"
        # A server of its own (-L): on the shared default server, one test closing its
        # last session made the server exit while another worker was connecting to it
        # ("server exited unexpectedly").
        self._tmux = ["tmux", "-L", self.name]
        self.width, self.height = width, height
        self.env = dict(env or {})

    def start(self, argv: list[str], cwd: Path | None = None) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        # COLUMNS/LINES from the parent would override the terminal size the app sees.
        command = (
            f"env -u COLUMNS -u LINES {exports} {shlex.join(argv)}; echo '[exited]' $?; sleep 600"
        )
        subprocess.run(
            [
                *self._tmux, "new-session", "-d", "-s", self.name, "-x", str(self.width),
                "-y", str(self.height), command,
            ],
            check=True,
            cwd=cwd,
        )  # fmt: skip

    def keys(self, *keys: str) -> None:
        """tmux key names: Enter, Tab, BTab, Escape, Up, Down, C-s, F3, M-2, ..."""
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run([*self._tmux, "send-keys", "-t", self.name, "-l", text], check=True)

    def screen(self) -> str:
        out = subprocess.run(
            [*self._tmux, "capture-pane", "-p", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def ansi_screen(self) -> str:
        out = subprocess.run(
            [*self._tmux, "capture-pane", "-p", "-e", "-t", self.name],
            check=True,
            capture_output=True,
            text=True,
        )
        return out.stdout

    def is_highlighted(self, text: str, before: int = 0) -> bool:
        """Whether `text` (or the character `before` cells to its left, for a checklist's
        box) is drawn in reverse video: how the app marks what has the focus."""
        for line in self.ansi_screen().splitlines():
            # The last character by default: the first one may be an input's cursor.
            position = _plain_index(line, text, last=not before, shift=-before)
            if position is not None and _reverse_at(line, position):
                return True
        return False

    def wait_focus(self, text: str, timeout: float = 30.0, *, before: int = 0) -> None:
        """Wait until the widget labelled `text` has the focus (reverse video)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.is_highlighted(text, before):
                return
            time.sleep(0.1)  # polling interval of a bounded wait
        raise AssertionError(f"{text!r} never got the focus; the screen:\n{self.screen()}")

    def wait_for(self, text: str | Callable[[str], bool], timeout: float = 30.0) -> str:
        """Poll until the screen shows `text` (or the predicate holds); return the screen."""
        deadline = time.monotonic() + timeout
        check = text if callable(text) else (lambda screen: text in screen)
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                return screen
            if "[exited]" in screen:
                break
            time.sleep(0.1)  # polling interval of a wait with a deadline, not a fixed sleep
        raise AssertionError(f"the screen never showed {text!r}; it shows:\n{screen}")

    def close(self) -> None:
        subprocess.run([*self._tmux, "kill-server"], check=False)


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _plain_index(line: str, text: str, *, last: bool = False, shift: int = 0) -> int | None:
    """Index in `line` (with escapes) of the plain `text`'s first (or last) character,
    moved `shift` characters."""
    plain, mapping = [], []
    i = 0
    while i < len(line):
        match = _SGR.match(line, i)
        if match:
            i = match.end()
            continue
        plain.append(line[i])
        mapping.append(i)
        i += 1
    found = "".join(plain).find(text)
    if found < 0:
        return None
    index = (found + len(text) - 1 if last else found) + shift
    return mapping[index] if 0 <= index < len(mapping) else None


def _reverse_at(line: str, position: int) -> bool:
    reverse = False
    for match in _SGR.finditer(line[:position]):
        codes = [c for c in match.group(1).split(";") if c] or ["0"]
        for code in codes:
            if code in ("0", "27"):
                reverse = False
            elif code == "7":
                reverse = True
    return reverse
