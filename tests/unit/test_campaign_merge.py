"""Campaign messages: variables, the GSM-7 rule for France, merged parts, suppression input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from isend_tui.campaigns.errors import MessageRefused
from isend_tui.campaigns.merge import Merger, check_message, parts_of, require_gsm7_for_france
from isend_tui.campaigns.suppression import normalise_number
from isend_tui.sms.encoding import count


def test_unknown_variables_are_named() -> None:
    with pytest.raises(MessageRefused) as refused:
        check_message("Bonjour {firstname} {client_name} {code}", sender="Shop")
    assert "{firstname}" in refused.value.message and "{code}" in refused.value.message
    assert "{client_surname}" in refused.value.message  # the possible ones are listed


def test_stop_mention_counts_with_a_custom_sender_only() -> None:
    text = "x" * 150
    assert check_message(text, sender="MaBoutique").count.parts == 2  # 150 + 12 > 160
    assert check_message(text, sender="").count.parts == 1


def test_template_outside_gsm7_is_refused_for_france_with_a_suggestion() -> None:
    check = check_message("Fête des pères – {client_surname} « promo »", sender="")
    with pytest.raises(MessageRefused) as refused:
        require_gsm7_for_france(check)
    message = refused.value.message
    assert "« ê »" in message and "« – »" in message and "« « »" in message
    assert 'Fete des pères - {client_surname} " promo "' in message


def test_names_accents_never_make_a_gsm_text_ucs2_whatever_the_country() -> None:
    merger = Merger("Bonjour {client_surname} {client_name}", stop_mention=True)
    french = merger.merge("33612345678", "Benoît", "Œuvray", "b@x.fr")
    assert french.text == "Bonjour Benoit OEuvray" and not french.ucs2 and french.parts == 1
    foreign = merger.merge("32470123456", "Benoît", "Œuvray", "b@x.be")
    assert foreign.text == "Bonjour Benoit OEuvray" and not foreign.ucs2 and foreign.parts == 1
    # What the merchant typed outside GSM-7 stays, in UCS-2, where the gateway allows it.
    typed = Merger("Côté {client_surname}", stop_mention=True)
    assert typed.merge("32470123456", "Benoît", "", "").text == "Côté Benoît"
    assert typed.merge("32470123456", "Benoît", "", "").ucs2
    long_name = merger.merge("33612345678", "A", "B" * 1000, "")
    assert long_name.too_long and long_name.parts > 6


@given(st.text(alphabet=st.sampled_from("abcXYZ 0123456789,.!?éèàÉ\n{}[]€^~|ç€ê😀"), max_size=1200))
def test_fast_parts_agree_with_the_reference_counter(text: str) -> None:
    for stop in (False, True):
        counted = count(text, stop_mention=stop)
        assert parts_of(text, stop_mention=stop) == (counted.parts, counted.encoding == "UCS-2")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("06 12 34 56 78", "33612345678"),
        ("+33 6 12 34 56 78", "33612345678"),
        ("0033612345678", "33612345678"),
        ("33612345678", "33612345678"),
        ("+32 470 12 34 56", "32470123456"),
        ("hello", None),
        ("01 23", None),
    ],
)
def test_suppression_numbers_are_normalised(raw: str, expected: str | None) -> None:
    assert normalise_number(raw) == expected
