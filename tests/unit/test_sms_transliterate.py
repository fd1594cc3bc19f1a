"""Making a French message GSM-7 so it can go to a French number."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isend_tui.sms import count, is_gsm7, replacements, to_gsm7
from isend_tui.sms.encoding import GSM7_BASIC, GSM7_EXTENSION


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("« Soldes d’été… »", '" Soldes d\'été... "'),
        ("Votre commande est prête !", "Votre commande est prete !"),
        ("Noël : –20 % sur tout — profitez‑en", "Noel : -20 % sur tout - profitez-en"),
        ("“Bientôt” chez nous ‘ici’", "\"Bientot\" chez nous 'ici'"),
        ("Reçu, à bientôt", "Recu, à bientot"),
        ("Œuvre d’art, cœur, sœur", "OEuvre d'art, coeur, soeur"),
        ("Ça coûte 5 €", "Ça coute 5 €"),
        ("Île, maïs, Ÿ, ÿ", "Ile, mais, Y, y"),
        ("À LA UNE ÊTRE ÈVE ËL ÎLE ÏLE ÔTER ÙN ÛN", "A LA UNE ETRE EVE EL ILE ILE OTER UN UN"),
        ("Élise, Ève, Ægir", "Élise, Eve, Ægir"),
        ("`code`", "'code'"),
    ],
)
def test_french_typography_is_replaced(text: str, expected: str) -> None:
    assert to_gsm7(text) == expected
    assert is_gsm7(expected)


def test_non_breaking_spaces_become_spaces() -> None:
    # French typography: NBSP before « : ; ! ? », narrow NBSP inside guillemets
    assert to_gsm7("Merci\u00a0! «\u202fPromo\u202f»\u2009ok") == 'Merci ! " Promo " ok'


def test_generic_fallback_strips_accents_other_languages_use() -> None:
    assert to_gsm7("Málaga, São Paulo, Kraków") == "Malaga, Sao Paulo, Krakow"
    assert to_gsm7("ﬁn ＡＢ") == "fin AB"


def test_anything_else_becomes_a_question_mark() -> None:
    assert to_gsm7("Merci 😀 日本") == "Merci ? ??"


def test_a_french_message_becomes_a_single_gsm_sms() -> None:
    text = "Bonjour Benoît, votre commande est prête : venez la retirer en boutique\u00a0!"
    assert count(text).encoding == "UCS-2"
    result = count(to_gsm7(text))
    assert (result.encoding, result.parts) == ("GSM-7", 1)


def test_replacements_list_what_will_change() -> None:
    assert replacements("Soldes d’été…") == [(8, "’", "'"), (12, "…", "...")]
    assert replacements("déjà vu") == []


@given(st.text())
def test_to_gsm7_is_always_gsm7(text: str) -> None:
    assert is_gsm7(to_gsm7(text))


@given(st.text(alphabet=st.sampled_from(sorted(GSM7_BASIC | GSM7_EXTENSION))))
def test_to_gsm7_leaves_gsm7_text_alone(text: str) -> None:
    assert to_gsm7(text) == text
    assert replacements(text) == []
