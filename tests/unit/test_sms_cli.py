"""`isend-tui sms-count`: the counter from a terminal."""

from __future__ import annotations

import argparse
import json

import pytest

from isend_tui import i18n
from isend_tui.commands.sms import register


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    register(sub, [])
    args = parser.parse_args(["sms-count", *argv])
    code: int = args.handler(args)
    return code


def test_french_typography_is_ucs2_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["Soldes d’été"]) == 0
    out = capsys.readouterr().out
    assert "Encodage : UCS-2" in out
    assert "Caractères : 12" in out
    assert "SMS : 1" in out
    assert "« ’ » (U+2019) au caractère 9" in out
    assert "Suggestion GSM-7 : Soldes d'été" in out
    assert "Mention STOP : non comptée" in out


def test_gsm_text_has_no_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["Bonjour", "--transactional"]) == 0
    out = capsys.readouterr().out
    assert "Encodage : GSM-7" in out
    assert "Suggestion" not in out


def test_sender_on_marketing_counts_the_stop_mention(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["a" * 149, "--sender", "MaBoutique"]) == 0
    out = capsys.readouterr().out
    assert "Unités : 161" in out
    assert "SMS : 2" in out
    assert "Mention STOP : comptée (12 caractères)" in out


@pytest.mark.parametrize("flag", ["--transactional", "--nostop"])
def test_no_stop_mention(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["a" * 149, "--sender", "MaBoutique", flag, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["units"], data["parts"], data["stop_units"]) == (149, 1, 0)


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["Soldes d’été…", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {
        "sender": "",
        "encoding": "UCS-2",
        "characters": 13,
        "units": 13,
        "parts": 1,
        "stop_units": 0,
        "too_long": False,
        "offending": [{"position": 8, "char": "’"}, {"position": 12, "char": "…"}],
        "suggestion": "Soldes d'été...",
        "units_left_in_part": 57,
        "double_units": [],
        "unknown_variables": [],
    }


def test_json_gsm_suggestion_is_null(capsys: pytest.CaptureFixture[str]) -> None:
    run(["Bonjour", "--json"])
    assert json.loads(capsys.readouterr().out)["suggestion"] is None


def test_too_long_exits_1_with_a_reason(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["a" * 919]) == 1
    captured = capsys.readouterr()
    assert "Trop long : plus de 6 SMS" in captured.out
    assert captured.err.strip() == "Message trop long : 7 SMS, 6 au maximum chez iSendPro."
    assert len(captured.err.strip().splitlines()) == 1


def test_too_long_json_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["a" * 919, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["too_long"] is True


def test_english_labels(capsys: pytest.CaptureFixture[str]) -> None:
    i18n.set_language("en", chosen=True)  # as --lang en does
    run(["Soldes d’été"])
    out = capsys.readouterr().out
    assert "Encoding: UCS-2" in out
    assert "GSM-7 suggestion: Soldes d'été" in out


def test_marketing_and_transactional_are_exclusive(capsys: pytest.CaptureFixture[str]) -> None:
    from isend_tui.commands import argparse_text

    argparse_text.install()  # argparse's words in French, as `isend-tui` has them
    with pytest.raises(SystemExit) as exited:
        run(["x", "--marketing", "--transactional"])
    assert exited.value.code == 2  # argparse's usage error
    assert "argument --transactional : incompatible avec l'argument --marketing" in (
        capsys.readouterr().err
    )


def test_a_campaign_is_counted_with_the_saved_sender_as_it_will_be_sent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from isend_tui.cli import main

    assert main(["settings", "set", "sender", "MaBoutique"]) == 0
    capsys.readouterr()
    assert run(["x" * 150]) == 0
    out = capsys.readouterr().out
    assert "Émetteur : MaBoutique" in out
    assert "SMS : 2" in out and "Mention STOP : comptée (12 caractères)" in out
    assert run(["x" * 150, "--marketing"]) == 0
    assert "SMS : 2" in capsys.readouterr().out
    assert run(["x" * 150, "--transactional"]) == 0  # the account's nostop right applies
    assert "SMS : 1" in capsys.readouterr().out


def test_what_is_left_and_what_counts_double_are_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["Promo 10 € {client_surname}", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["double_units"] == ["€", "{", "}"]
    assert data["units_left_in_part"] == 160 - data["units"]
    assert run(["Promo 10 €"]) == 0
    out = capsys.readouterr().out
    assert "Comptent double : €" in out and "Reste avant le SMS suivant : 149 unités" in out


def test_an_unknown_variable_is_flagged_like_in_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["Bonjour {client_nmae}"]) == 1
    err = capsys.readouterr().err.strip()
    assert "{client_nmae}" in err and "{client_name}" in err and len(err.splitlines()) == 1
    assert run(["Commande {order_reference}", "--transactional"]) == 0
    assert run(["Commande {order_reference}"]) == 1  # a campaign has no order
