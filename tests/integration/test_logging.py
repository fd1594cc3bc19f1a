"""The log file a server admin reads: written in the log directory, never the keyid, and
also on stderr with --verbose. The command runs in a subprocess, as an admin runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread
from isend_tui.paths import resolve_paths


def test_the_log_file_holds_the_requests_but_never_the_keyid(tmp_path: Path) -> None:
    home = tmp_path / "home"
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3")
    env = {**os.environ, "ISEND_TUI_HOME": str(home), "ISEND_TUI_KEYID": DEMO_KEYID}
    with SandboxThread(account) as served:
        env["ISEND_TUI_GATEWAY_URL"] = served.url
        done = subprocess.run(
            [sys.executable, "-m", "isend_tui", "--verbose", "credit"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        quiet = subprocess.run(
            [sys.executable, "-m", "isend_tui", "credit"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    account.close()
    assert done.returncode == 0, done.stderr
    assert "SMS en France" in done.stdout
    log_file = resolve_paths(str(home)).log_file
    written = log_file.read_text(encoding="utf-8")
    assert "credit" in written  # the request to the gateway is logged…
    assert DEMO_KEYID not in written  # …without the key
    assert "credit" in done.stderr and DEMO_KEYID not in done.stderr  # --verbose: stderr too
    assert quiet.returncode == 0 and quiet.stderr == ""
