"""Customers named with terminal escapes, bidi overrides and Rich markup: nothing of it
reaches the merchant's terminal as a command, and no export runs as a formula. Real
processes on a real shop, bytes read as the terminal would receive them."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, sqlite_shop_dsn

HOSTILE_FIRST = "\x1b[2J\x1b[H\x1b[31mHACKED\x1b[0m"
HOSTILE_LAST = "\x1b]0;pwned\x07[bold red]BOLD[/] [link=https://evil.example]x[/link]\u202e"
FORMULA = '=HYPERLINK("http://evil.example","x")'
FORBIDDEN = (b"\x1b", b"\x07", b"\xc2\x9b", "\u202e".encode())


@pytest.fixture
def hostile_shop(tmp_path: Path) -> Path:
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        shop.address(
            shop.customer(firstname=HOSTILE_FIRST, lastname=HOSTILE_LAST, email="a@x.fr"),
            phone_mobile="06 12 34 56 01",
        )
        shop.address(
            shop.customer(firstname=FORMULA, lastname="@SUM(1+1)", email="+cmd@x.fr"),
            phone_mobile="06 12 34 56 02",
        )
    assert dsn.path
    return Path(dsn.path)


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "ISEND_TUI_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "isend_tui", *args], env=env, capture_output=True, timeout=120
    )


def test_recipients_on_the_terminal_and_in_csv_are_inert(
    tmp_path: Path, hostile_shop: Path
) -> None:
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "Tous", "criteria": []}))
    shop = f"sqlite:///{hostile_shop}"
    shown = run(tmp_path, "recipients", str(segment), "--shop-db", shop)
    assert shown.returncode == 0, shown.stderr
    for forbidden in FORBIDDEN:
        assert forbidden not in shown.stdout + shown.stderr
    assert "␛[2J".encode() in shown.stdout  # shown, visibly, not obeyed

    export = tmp_path / "out.csv"
    written = run(tmp_path, "recipients", str(segment), "--shop-db", shop, "--csv", str(export))
    assert written.returncode == 0, written.stderr
    raw = export.read_bytes()
    for forbidden in FORBIDDEN:
        assert forbidden not in raw
    rows = list(csv.reader(export.read_text(encoding="utf-8-sig").splitlines()))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    assert "'" + FORMULA in cells


def test_an_export_to_a_folder_is_refused_in_one_line_and_exports_are_private(
    tmp_path: Path, hostile_shop: Path
) -> None:
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "Tous", "criteria": []}))
    shop = f"sqlite:///{hostile_shop}"
    folder = run(tmp_path, "recipients", str(segment), "--shop-db", shop, "--csv", str(tmp_path))
    assert folder.returncode != 0
    err = folder.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "est un dossier" in err
    export = tmp_path / "out.csv"
    written = run(tmp_path, "recipients", str(segment), "--shop-db", shop, "--csv", str(export))
    assert written.returncode == 0, written.stderr
    assert export.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("mysql", marks=pytest.mark.mariadb)])
def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """`isend-tui recipients … | head -1`: the reader has what it wanted, no traceback."""
    from support.shop_builder import new_shop_dsn

    dsn = new_shop_dsn(backend, tmp_path, request)
    with ShopBuilder(dsn).create() as shop:
        for i in range(3000):  # more than a pipe holds, so the writer meets the closed end
            shop.address(shop.customer(), phone_mobile=f"06 12 {i // 100:02d} {i % 100:02d} 00")
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "Tous", "criteria": []}))
    env = {**os.environ, "ISEND_TUI_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "isend_tui", "recipients", str(segment)]
    command += ["--shop-db", dsn.url(with_password=True)]
    writer = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None and writer.stderr is not None
    assert writer.stdout.readline().startswith(b"number,")
    writer.stdout.close()  # what `head -1` does
    err = writer.stderr.read().decode()
    assert writer.wait(timeout=60) == 141
    assert err == "", err


def test_a_campaign_of_hostile_names_is_listed_inert(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`campaign show ID --recipients` and `campaign list`: names and labels as data."""
    from isend_tui.campaigns.model import CampaignRequest, Contact
    from isend_tui.campaigns.service import create_and_prepare
    from isend_tui.context import open_context

    monkeypatch.setenv("ISEND_TUI_HOME", str(tmp_path / "home"))  # where `run` looks
    ctx = open_context()
    request = CampaignRequest(message="Bonjour {client_surname}", label=HOSTILE_LAST)
    people = [Contact("33612345601", HOSTILE_FIRST, HOSTILE_LAST, "a@x.fr")]
    campaign_id = create_and_prepare(ctx.store, people, request, settings=ctx.settings)
    ctx.close()
    for args in (("campaign", "show", str(campaign_id), "--recipients"), ("campaign", "list")):
        shown = run(tmp_path, *args)
        assert shown.returncode == 0, shown.stderr
        for forbidden in FORBIDDEN:
            assert forbidden not in shown.stdout + shown.stderr, args
    assert "␛".encode() in shown.stdout
