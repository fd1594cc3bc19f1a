"""`credit`, `settings show|set`, and `count`/`recipients` against the configured shop, as a
server admin runs them: the sandbox on a localhost port, a shop configured by `settings set`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import pty
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from isend_tui.cli import main
from isend_tui.gateway.sandbox.account import DEMO_KEYID, SandboxAccount
from isend_tui.gateway.sandbox.server import SandboxThread


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxThread]:
    account = SandboxAccount(path=tmp_path / "sandbox.sqlite3")
    with SandboxThread(account) as served:
        yield served
    account.close()


def test_credit_says_what_the_key_buys_and_never_prints_the_key(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "gateway_url", sandbox.url]) == 0
    assert main(["settings", "set", "keyid", DEMO_KEYID]) == 0
    assert DEMO_KEYID not in capsys.readouterr().out

    assert main(["credit"]) == 0
    out = capsys.readouterr().out
    assert "Votre keyid est valide" in out and "SMS en France" in out
    assert "mis à jour" not in out  # nothing was updated by reading the credit

    assert main(["credit", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert float(document["credit_eur"]) > 0 and document["sms_france"] > 0

    assert main(["settings", "set", "keyid", "f" * 32]) == 0
    capsys.readouterr()
    assert main(["credit"]) != 0
    captured = capsys.readouterr()
    assert "f" * 32 not in captured.out + captured.err
    assert len(captured.err.strip().splitlines()) == 1  # one line, no traceback
    assert "keyid" in captured.err.lower()


def test_credit_reads_in_the_merchants_language_and_json_stays_plain(
    sandbox: SandboxThread, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.account.set_credit("100.15")  # 2 003 SMS at 0,05 € each
    assert main(["settings", "set", "gateway_url", sandbox.url]) == 0
    assert main(["settings", "set", "keyid", DEMO_KEYID]) == 0
    capsys.readouterr()

    assert main(["--lang", "en", "credit"]) == 0
    assert "You can send 2,003 SMS to France (credit: €100.15)." in capsys.readouterr().out
    assert main(["credit"]) == 0
    out = capsys.readouterr().out
    assert "Vous pouvez envoyer 2\u00a0003 SMS en France (crédit : 100,15\u00a0€)." in out

    for lang in ("en", "fr"):  # machine output: plain numbers whatever the language
        assert main(["--lang", lang, "credit", "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert Decimal(document["credit_eur"]) == Decimal("100.15")
        assert document["sms_france"] == 2003


def test_settings_show_masks_secrets_and_set_refuses_bad_values_naming_them(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["settings", "set", "shop_password", "s3cr3t-Pa55"]) == 0
    assert main(["settings", "set", "sender", "MaBoutique"]) == 0
    capsys.readouterr()
    assert main(["settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "s3cr3t-Pa55" not in shown and "sender = MaBoutique" in shown

    for name, value, words in [
        ("window_end", "23:00", "22:00"),
        ("window_start", "07:30", "08:00"),
        ("window_days", "0,1,9", "0 (lundi)"),
        ("watch_interval", "0", "secondes"),
        ("batch_size", "-5", "entre 1 et 5000"),
        ("batch_size", "999999999999999999999", "entre 1 et 5000"),
        ("max_in_flight", "100000", "entre 1 et 16"),
        ("shop_kind", "oracle", "mysql"),
        ("shop_path", "relative/path", "Chemin complet"),
        ("gateway_url", "http://127.0.0.1:1/ x", "https://"),
        ("gateway_url", "http://apirest.isendpro.com/cgi-bin", "en clair"),
        ("sender", "123", "au moins 4"),
        ("nostop_right", "peut-être", "oui ou non"),
        ("colour", "blue", "Réglage inconnu"),
    ]:
        assert main(["settings", "set", name, value]) != 0, name
        err = capsys.readouterr().err
        assert name in err and words in err, err
    assert main(["settings", "set", "window_end", "22:00"]) == 0

    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", "http://127.0.0.1:9")
    assert main(["settings", "set", "gateway_url", "https://example.org"]) != 0
    assert "variable d'environnement" in capsys.readouterr().err
    assert main(["settings", "show"]) == 0
    assert "gateway_url = http://127.0.0.1:9 (environnement)" in capsys.readouterr().out


def test_the_saved_language_applies_to_commands_unless_lang_is_given(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["campaign", "list"]) == 0
    assert "Aucune campagne" in capsys.readouterr().out
    assert main(["settings", "set", "language", "en"]) == 0
    capsys.readouterr()
    assert main(["campaign", "list"]) == 0
    assert "No campaign" in capsys.readouterr().out
    assert main(["campaign", "list", "--lang", "fr"]) == 0
    assert "Aucune campagne" in capsys.readouterr().out
    assert main(["settings", "set", "language", "de"]) != 0
    assert "language" in capsys.readouterr().err


def test_count_and_recipients_use_the_configured_shop_and_the_suppression_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from support.shop_builder import ShopBuilder, sqlite_shop_dsn

    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create() as shop:
        for first, phone in [("Alice", "06 12 34 56 01"), ("Benoît", "06 12 34 56 02")]:
            shop.address(shop.customer(firstname=first), phone_mobile=phone)
    segment = tmp_path / "tous.json"
    segment.write_text(json.dumps({"version": 1, "name": "tous", "criteria": []}), "utf-8")

    assert main(["settings", "set", "shop_kind", "sqlite"]) == 0
    assert main(["settings", "set", "shop_path", str(dsn.path)]) == 0
    assert main(["suppression", "add", "06 12 34 56 02", "--note", "STOP"]) == 0
    capsys.readouterr()

    assert main(["count", str(segment), "--json"]) == 0
    counted = json.loads(capsys.readouterr().out)
    assert counted["recipients"] == 1
    assert main(["recipients", str(segment)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ["33612345601"]


# --- secrets never in argv, never shown; settings that would break a send refused ----------


def _cli(home: Path, *args: str, stdin: str = "") -> Any:
    env = {**os.environ, "ISEND_TUI_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "isend_tui", *args],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_secret_comes_from_stdin_a_file_or_a_prompt_and_is_never_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    keyid, password = "ab" * 16, "Pw-rel@S3cr3t-XYZ"
    by_stdin = _cli(home, "settings", "set", "keyid", "-", stdin=keyid + "\n")
    assert by_stdin.returncode == 0, by_stdin.stderr
    secret_file = tmp_path / "password.txt"
    secret_file.write_text(password + "\n")
    by_file = _cli(home, "settings", "set", "shop_password", "--from-file", str(secret_file))
    assert by_file.returncode == 0, by_file.stderr
    shown = _cli(home, "settings", "show")
    as_json = _cli(home, "settings", "show", "--json")
    for output in (by_stdin, by_file, shown, as_json):
        text = output.stdout + output.stderr
        assert keyid not in text and password not in text
        assert "S3cr" not in text and "XYZ" not in text and keyid[-4:] not in text
    saved = json.loads((home / "config" / "secrets.json").read_text())
    assert saved == {"keyid": keyid, "shop_password": password}
    document = json.loads(as_json.stdout)
    assert document["keyid"] == document["shop_password"] == "••••••••"
    assert document["paths"]["data_dir"] == str(home / "data")

    # Typed at a terminal without a value: asked for without echo.
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command itself, on the pseudo-terminal
        os.environ["ISEND_TUI_HOME"] = str(home)
        os.execv(sys.executable, [sys.executable, "-m", "isend_tui", "settings", "set", "keyid"])
    seen = b""
    while b"masqu" not in seen:
        seen += os.read(fd, 1024)
    os.write(fd, b"cd" * 16 + b"\n")
    rest = b""
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 1024):
            rest += chunk
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"cd" * 16 not in seen + rest  # never echoed
    assert json.loads((home / "config" / "secrets.json").read_text())["keyid"] == "cd" * 16


def test_a_secret_typed_in_the_command_is_saved_with_a_warning(tmp_path: Path) -> None:
    typed = _cli(tmp_path / "home", "settings", "set", "keyid", "ef" * 16)
    assert typed.returncode == 0
    assert "historique du shell" in typed.stderr and "ef" * 16 not in typed.stderr + typed.stdout


def test_an_empty_window_is_refused_and_nothing_is_changed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "set", "window_end", "20:00"]) == 0
    assert main(["settings", "set", "window_start", "21:00"]) == 2
    err = capsys.readouterr().err
    assert "plage d'envoi marketing est vide" in err and len(err.strip().splitlines()) == 1
    assert main(["settings", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["window_start"], shown["window_end"]) == ("08:00", "20:00")


def test_a_value_edited_by_hand_in_the_store_is_not_trusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings", "set", "batch_size", "100"]) == 0
    store = sqlite3.connect(tmp_path / "isend-home" / "data" / "isend-tui.sqlite3")
    with store:
        store.execute("UPDATE setting SET value = '1e21' WHERE key = 'batch_size'")
        store.execute("UPDATE setting SET value = '[1, 2]' WHERE key = 'window_days'")
    store.close()
    capsys.readouterr()
    assert main(["settings", "show", "--json"]) == 0
    captured = capsys.readouterr()
    shown = json.loads(captured.out)
    assert (shown["batch_size"], shown["window_days"]) == (500, "0,1,2,3,4,5")
    warnings = captured.err.strip().splitlines()
    assert len(warnings) == 2 and all("enregistré est invalide" in w for w in warnings)


def test_a_corrupt_secrets_file_never_stops_the_commands_that_repair_it(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "settings", "set", "sender", "MaBoutique").returncode == 0
    secrets = home / "config" / "secrets.json"
    secrets.write_text("[" * 100_000)
    shown = _cli(home, "settings", "show")
    assert shown.returncode == 0 and "illisible" in shown.stderr and "Traceback" not in shown.stderr
    repaired = _cli(home, "settings", "set", "keyid", "-", stdin="ab" * 16)
    assert repaired.returncode == 0, repaired.stderr
    assert json.loads(secrets.read_text()) == {"keyid": "ab" * 16}
    kept = list(secrets.parent.glob("secrets.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_text() == "[" * 100_000


def test_an_unreadable_secrets_file_is_never_moved_aside(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As another user (or after a `sudo isend-tui …`) the file must stay where it is."""
    keyid = "ab" * 16
    monkeypatch.setattr("sys.stdin", io.StringIO(keyid))
    assert main(["settings", "set", "keyid", "-"]) == 0
    secrets = isolated_home / "config" / "secrets.json"
    real_read_text = Path.read_text
    if os.geteuid() == 0:
        # Root reads any file whatever its mode: make this one refuse, as it would for
        # the merchant's own account.

        def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
            if self == secrets:
                raise PermissionError(13, "Permission denied", str(self))
            return real_read_text(self, *args, **kwargs)

        monkeypatch.setattr(Path, "read_text", read_text)
    else:
        os.chmod(secrets, 0)
    capsys.readouterr()
    assert main(["settings", "set", "sender", "MaBoutique"]) == 0
    assert "ne peut pas être lu" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("cd" * 16))
    assert main(["settings", "set", "keyid", "-"]) == 2
    assert "rien n'a été enregistré" in capsys.readouterr().err
    monkeypatch.setattr(Path, "read_text", real_read_text)
    os.chmod(secrets, 0o600)
    assert json.loads(secrets.read_text()) == {"keyid": keyid}
    assert not list(secrets.parent.glob("secrets.json.corrupt-*"))


def test_frequency_caps_are_set_shown_and_kept_coherent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["settings", "show"]) == 0
    shown = capsys.readouterr().out
    assert "cap_per_day = 1" in shown and "cap_per_30_days = 4" in shown
    assert main(["settings", "set", "cap_per_day", "0"]) == 0  # 0: no cap
    assert main(["settings", "set", "cap_per_30_days", "2"]) == 0
    capsys.readouterr()
    # 3 a day but 2 in 30 days cannot both hold: refused, the fix named.
    assert main(["settings", "set", "cap_per_day", "3"]) != 0
    err = capsys.readouterr().err
    assert "cap_per_30_days à 3 au moins" in err and "cap_per_day" in err
    assert main(["settings", "set", "cap_per_day", "-1"]) != 0
    assert "entre 0 et 10" in capsys.readouterr().err
    assert main(["settings", "show", "--json"]) == 0
    saved = json.loads(capsys.readouterr().out)
    assert (saved["cap_per_day"], saved["cap_per_30_days"]) == (0, 2)
