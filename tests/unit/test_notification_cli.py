"""`isend-tui notifications …` and `watch` argument handling (no shop needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.shop_builder import ShopBuilder, sqlite_shop_dsn

from isend_tui.cli import main


def test_events_offline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notifications", "events", "--offline", "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    keys = {e["event"] for e in events}
    assert {"client.order_state.shipped", "admin.account_created"} <= keys
    assert len(events) == 38


def test_rules_add_list_disable_enable_delete(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notifications", "rules", "add", "client.order_state.shipped",
                 "admin.order_validated", "--sender", "MaBoutique"]) == 0  # fmt: skip
    assert "Règle n°1 créée" in capsys.readouterr().out
    assert main(["notifications", "rules", "disable", "1"]) == 0
    assert main(["notifications", "rules", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert [r["id"] for r in json.loads(out.split("\n", 1)[1])] == [2]
    assert main(["notifications", "rules", "enable", "1"]) == 0
    assert main(["notifications", "rules", "delete", "2", "--yes"]) == 0
    capsys.readouterr()
    assert main(["notifications", "rules", "list"]) == 0
    listed = capsys.readouterr().out
    assert "#1 [active] [Client][Etat Commande] Expédié — MaBoutique" in listed
    assert "#2" not in listed


def test_errors_are_one_line_and_non_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notifications", "rules", "add", "client.nothing"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("isend-tui: Événement inconnu « client.nothing »")
    assert len(err.splitlines()) == 1
    assert main(["notifications", "rules", "delete", "9", "--yes"]) == 1
    assert "n°9" in capsys.readouterr().err
    assert main(["notifications", "rules", "add", "admin.account_created",
                 "--text", "Compte {order_id}"]) == 1  # fmt: skip
    assert "{order_id}" in capsys.readouterr().err


def test_a_misspelled_variable_is_refused_not_sent_with_its_braces(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "Bonjour {Client_Surname} {client_name }, votre commande {order_reference} {Shop_Name}"
    assert main(["notifications", "rules", "add", "client.order_state.shipped",
                 "--text", text]) == 1  # fmt: skip
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "{Client_Surname} (vouliez-vous dire {client_surname} ?)" in err
    assert "{Shop_Name} (vouliez-vous dire {shop_name} ?)" in err
    assert main(["notifications", "rules", "list"]) == 0
    assert "#1" not in capsys.readouterr().out  # nothing saved


def test_delete_without_yes_is_refused_when_not_interactive(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["notifications", "rules", "add", "admin.order_validated"]) == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["notifications", "rules", "delete", "1"]) == 1
    assert "--yes" in capsys.readouterr().err


def test_log_empty_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notifications", "log"]) == 0
    assert "Aucune notification" in capsys.readouterr().out
    assert main(["notifications", "log", "--json", "--code", "0"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_log_of_an_unknown_event_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["notifications", "log", "--event", "nope"]) != 0
    captured = capsys.readouterr()
    assert "Aucune notification" not in captured.out
    assert captured.err.strip().endswith(
        "Événement inconnu « nope » : la commande « isend-tui notifications events » liste "
        "les événements possibles."
    )
    assert main(["notifications", "log", "--event", "client.order_state.shipped"]) == 0
    assert "Aucune notification" in capsys.readouterr().out


def test_watch_needs_a_shop(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "--once"]) == 2
    assert "Aucune base de boutique" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["watch", "--since", "hier"])
    assert "AAAA-MM-JJ" in capsys.readouterr().err


def test_rules_edit_changes_text_and_sender_and_checks_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["notifications", "rules", "add", "client.order_state.shipped"]) == 0
    args = ["notifications", "rules", "edit", "1"]
    assert main([*args, "--text", "Colis {order_reference} parti !", "--sender", "MaBoutik"]) == 0
    assert "Règle n°1 modifiée" in capsys.readouterr().out
    assert main(["notifications", "rules", "list", "--json"]) == 0
    (rule,) = json.loads(capsys.readouterr().out)
    assert (rule["text"], rule["sender"]) == ("Colis {order_reference} parti !", "MaBoutik")
    assert main([*args, "--text", "Colis {commande_reference}"]) == 1
    assert "{commande_reference}" in capsys.readouterr().err
    assert main(args) == 1
    assert "--text" in capsys.readouterr().err


def test_watch_and_events_read_the_shop_address_from_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The address (password included) stays out of argv and the shell's history."""
    missing = tmp_path / "nowhere.url"
    assert main(["watch", "--once", "--shop-db-file", str(missing)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(missing) in err and len(err.splitlines()) == 1
    dsn = sqlite_shop_dsn(tmp_path)
    with ShopBuilder(dsn).create():
        pass
    url = tmp_path / "shop.url"
    url.write_text(f"# the shop\nsqlite:///{dsn.path}\n", encoding="utf-8")
    assert main(["notifications", "events", "--json", "--shop-db-file", str(url)]) == 0
    assert len(json.loads(capsys.readouterr().out)) >= 38
    assert main(["watch", "--once", "--shop-db-file", str(url)]) == 0
