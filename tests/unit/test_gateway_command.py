"""``isend-tui sandbox``: serves until SIGINT/SIGTERM, prints the URL and the demo keyid."""

from __future__ import annotations

import argparse
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from isend_tui.commands import gateway
from isend_tui.gateway.sandbox.account import DEMO_KEYID


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    gateway.register(parser.add_subparsers(dest="command"), [])
    return parser.parse_args(["sandbox", *argv])


def test_defaults() -> None:
    args = parse()
    assert (args.host, args.port, args.keyid, args.credit, args.state) == (
        "127.0.0.1",
        8642,
        None,
        None,
        None,
    )
    assert args.handler is gateway.run_sandbox


def test_options() -> None:
    args = parse(
        "--credit", "12,5", "--ip-whitelist", "10.0.0.1", "10.0.0.2", "--error-rate", "0.1"
    )
    assert str(args.credit) == "12.5"
    assert args.ip_whitelist == ["10.0.0.1", "10.0.0.2"]
    assert args.error_rate == 0.1
    with pytest.raises(SystemExit):
        parse("--error-rate", "2")


def start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str, list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "isend_tui", "sandbox", "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:  # blocks until the sandbox announces itself
        lines.append(line)
        if "Ctrl-C" in line:
            break
    url = next(word for line in lines for word in line.split() if word.startswith("http://"))
    return process, url, lines


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serves_until_a_signal_and_exits_0(tmp_path: Path, sig: signal.Signals) -> None:
    state = tmp_path / "sandbox.sqlite3"
    process, url, lines = start(tmp_path, "--state", str(state), "--credit", "3")
    try:
        assert DEMO_KEYID in "".join(lines)
        reply = httpx.post(url + "/credit", data={"keyid": DEMO_KEYID, "credit": "2"})
        assert reply.json() == {"etat": {"credit": "3.0", "quantite": "60"}}
    finally:
        process.send_signal(sig)
        out, _ = process.communicate(timeout=20)
    assert process.returncode == 0, out
    assert "Traceback" not in out
    assert state.exists()


def test_a_busy_port_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "isend_tui", "sandbox", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert done.returncode == 1
    assert f"Le port {port} est déjà utilisé" in done.stderr
    assert "Traceback" not in done.stderr
