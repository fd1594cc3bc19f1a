"""`credit`, `settings show|set`, and `count`/`recipients` against the configured shop, as a
server admin runs them: the sandbox on a localhost port, a shop configured by `settings set`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

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
        ("batch_size", "-5", "positif"),
        ("sender", "123", "au moins 4"),
        ("nostop_right", "peut-être", "bool"),
        ("colour", "blue", "Réglage inconnu"),
    ]:
        assert main(["settings", "set", name, value]) != 0, name
        err = capsys.readouterr().err
        assert name in err and words in err, err
    assert main(["settings", "set", "window_end", "22:00"]) == 0

    monkeypatch.setenv("ISEND_TUI_GATEWAY_URL", "http://127.0.0.1:9")
    assert main(["settings", "set", "gateway_url", "http://example.org"]) != 0
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
