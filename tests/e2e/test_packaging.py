"""The product as a server admin installs it: the wheel built from this tree, installed with
`pipx install`, gives a working `isend-tui` run from another directory: every module and
stylesheet is inside, the version is the one of `isend_tui/__init__.py`, and the full-screen
app starts, draws its first screen and quits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.tmux import Terminal

import isend_tui

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def run(*argv: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"{argv} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_pipx_installs_a_working_isend_tui_from_the_wheel(tmp_path: Path) -> None:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is missing: apt-get install tmux (.ci/run does)")
    # A copy of the tree, so the build leaves nothing (build/, *.egg-info) in the checkout.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "*.egg-info", "build", "__pycache__", ".*_cache"
        ),
    )
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, source, cwd=tmp_path)
    (wheel,) = dist.glob("isend_tui-*.whl")
    assert wheel.name.startswith(f"isend_tui-{isend_tui.__version__}-")

    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "isend_tui").rglob("*.py")}
    assert modules - names == set(), "modules left out of the wheel"
    styles = {f"isend_tui/styles/{p.name}" for p in (ROOT / "styles").glob("*.tcss")}
    assert styles and styles - names == set(), "stylesheets left out of the wheel"

    home = tmp_path / "pipx"
    env = {
        **os.environ,
        "PIPX_HOME": str(home),
        "PIPX_BIN_DIR": str(home / "bin"),
        "PIPX_MAN_DIR": str(home / "man"),
    }
    run(
        sys.executable,
        "-m",
        "pipx",
        "install",
        "--python",
        sys.executable,
        wheel,
        cwd=tmp_path,
        env=env,
    )
    app = home / "bin" / "isend-tui"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    assert run(app, "--version", cwd=elsewhere).strip() == f"isend-tui {isend_tui.__version__}"
    counted = run(app, "--lang", "en", "sms-count", "Bonjour à tous", "--json", cwd=elsewhere)
    assert '"parts": 1' in counted

    term = Terminal(
        80,
        24,
        env={
            "TERM": "xterm-256color",
            "ISEND_TUI_HOME": str(tmp_path / "home"),
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
        },
    )
    term.start([str(app), "--demo", "--data-dir", str(tmp_path / "demo")], cwd=elsewhere)
    try:
        screen = term.wait_for("Vous pouvez envoyer", timeout=90)
        assert "F3 Marketing" in screen  # the narrow menu at 80 columns, laid out by the styles
        term.keys("C-q")
        assert "[exited] 0" in term.wait_for("[exited]")
    finally:
        term.close()
