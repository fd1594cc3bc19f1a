"""The sender name rule: 4 to 11 unaccented letters or digits, not only digits."""

from __future__ import annotations

import pytest

from isend_tui import i18n
from isend_tui.errors import UserError
from isend_tui.sms import sender_problem, validate_sender


@pytest.mark.parametrize("sender", ["ShopZoe", "MaBoutique", "BOUTIQUE123", "b2c4", "12ab"])
def test_valid_senders(sender: str) -> None:
    assert sender_problem(sender) is None
    assert validate_sender(sender) == sender


def test_surrounding_spaces_are_ignored() -> None:
    assert validate_sender("  MaBoutique ") == "MaBoutique"


@pytest.mark.parametrize("sender", ["", "   "])
def test_empty(sender: str) -> None:
    problem = sender_problem(sender)
    assert problem is not None
    assert "vide" in problem


def test_too_short_says_the_length_and_the_minimum() -> None:
    problem = sender_problem("Abc")
    assert problem is not None
    assert "3 caractère" in problem
    assert "au moins 4" in problem


def test_too_long_says_the_maximum() -> None:
    problem = sender_problem("MaBoutique12")
    assert problem is not None
    assert "12 caractères" in problem
    assert "11 au maximum" in problem


@pytest.mark.parametrize(
    ("sender", "named"),
    [("Ma Boutique", "l'espace"), ("Bébé", "« é »"), ("Shop-Paris", "« - »"), ("Shop!", "« ! »")],
)
def test_forbidden_character_is_named(sender: str, named: str) -> None:
    problem = sender_problem(sender)
    assert problem is not None
    assert "caractère interdit" in problem
    assert named in problem


def test_only_digits() -> None:
    problem = sender_problem("0612345678")
    assert problem is not None
    assert "chiffres" in problem
    assert "lettre" in problem


def test_validate_sender_raises_a_user_error_on_the_sender_field() -> None:
    with pytest.raises(UserError) as caught:
        validate_sender("AB")
    assert caught.value.field == "sender"
    assert "au moins 4" in str(caught.value)


def test_reasons_are_translated() -> None:
    i18n.set_language("en")
    assert sender_problem("AB") == 'The sender "AB" has 2 characters: at least 4 are needed.'
    assert sender_problem("A") == 'The sender "A" has 1 character: at least 4 are needed.'
    assert "forbidden character, the space" in (sender_problem("My Shop") or "")


@pytest.mark.parametrize("generic", ["INFO", "Promo", "alerte", "NOREPLY", "Test", "Soldes"])
def test_a_generic_word_is_refused_it_must_name_the_shop(generic: str) -> None:
    problem = sender_problem(generic)
    assert problem is not None and "générique" in problem and "boutique" in problem
    assert sender_problem("MaBoutique") is None and sender_problem("Info2Shop") is None


def test_a_generic_sender_is_refused_on_the_command_line_and_in_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from isend_tui.cli import main

    assert main(["settings", "set", "sender", "PROMO"]) == 2  # a setting refused
    err = capsys.readouterr().err.strip()
    assert "générique" in err and len(err.splitlines()) == 1
