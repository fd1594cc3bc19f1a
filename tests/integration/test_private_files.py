"""Personal data stays with its owner: every file the tool writes is 0600 and every folder
0700 whatever the merchant's umask, and what an earlier run left open is closed, once, with
a one-line notice. Real processes, real files."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ISEND_TUI_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "isend_tui", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),  # the umask of the merchant's shell
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def everything(home: Path) -> list[Path]:
    return [home / "config", home / "data", home / "logs", *home.rglob("*")]


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_a_first_run_creates_only_private_files(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "home"
    result = run(home, "settings", "set", "sender", "MaBoutique", umask=umask)
    assert result.returncode == 0, result.stderr
    store = home / "data" / "isend-tui.sqlite3"
    assert store.exists() and (home / "logs" / "isend-tui.log").exists()
    for path in everything(home):
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path}: {oct(mode(path))}"
    assert "par d'autres utilisateurs" not in result.stderr  # nothing was open: nothing to say


def test_files_left_open_are_closed_once_with_a_notice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert run(home, "settings", "set", "sender", "MaBoutique").returncode == 0
    # What an earlier version (or a careless cp -r) left: world-readable data.
    store = home / "data" / "isend-tui.sqlite3"
    export = home / "data" / "export.csv"
    export.write_text("0612345678;Dupont\n")
    for path in (home / "data", home / "logs", store, export):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    outside = tmp_path / "not-ours.txt"
    outside.write_text("x")
    os.chmod(outside, 0o644)
    (home / "data" / "link").symlink_to(outside)

    first = run(home, "settings", "show")
    assert first.returncode == 0, first.stderr
    notices = [line for line in first.stderr.splitlines() if "par d'autres utilisateurs" in line]
    assert len(notices) == 1 and notices[0].startswith("isend-tui: 4 fichiers ou dossiers")
    assert mode(store) == mode(export) == 0o600
    assert mode(home / "data") == mode(home / "logs") == 0o700
    assert mode(outside) == 0o644  # a link is never followed out of the data folder

    second = run(home, "settings", "show")
    assert "par d'autres utilisateurs" not in second.stderr
