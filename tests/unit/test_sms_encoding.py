"""What the SMS counter tells the merchant: encoding, units, parts, STOP mention."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from isend_tui.sms import MAX_PARTS, STOP_MENTION_UNITS, count, is_gsm7, stop_mention_applies
from isend_tui.sms.encoding import parts


def test_empty_text_costs_nothing() -> None:
    result = count("")
    assert (result.encoding, result.characters, result.units, result.parts) == ("GSM-7", 0, 0, 0)
    assert result.units_left_in_part == 160
    assert not result.too_long


def test_empty_text_with_stop_mention_is_one_sms() -> None:
    result = count("", stop_mention=True)
    assert (result.units, result.parts, result.stop_units) == (12, 1, 12)
    assert result.units_left_in_part == 148


def test_gsm_part_boundaries() -> None:
    assert count("a" * 160).parts == 1
    assert count("a" * 161).parts == 2
    assert count("a" * 306).parts == 2
    assert count("a" * 307).parts == 3


def test_six_parts_is_the_maximum() -> None:
    six = count("a" * 918)
    assert (six.parts, six.too_long) == (6, False)
    seven = count("a" * 919)
    assert (seven.parts, seven.too_long) == (7, True)
    assert MAX_PARTS == 6


def test_stop_mention_takes_twelve_characters() -> None:
    assert STOP_MENTION_UNITS == 12
    single = count("a" * 148, stop_mention=True)
    assert (single.characters, single.units, single.parts) == (148, 160, 1)
    assert single.units_left_in_part == 0
    assert count("a" * 149, stop_mention=True).parts == 2
    # a long message: 12 more characters (295 + 12 = 307 > 306)
    assert count("a" * 294, stop_mention=True).parts == 2
    assert count("a" * 295, stop_mention=True).parts == 3


def test_one_circumflex_turns_160_characters_into_three_ucs2_sms() -> None:
    result = count("a" * 159 + "ê")
    assert result.encoding == "UCS-2"
    assert (result.characters, result.units, result.parts) == (160, 160, 3)
    assert result.offending == ((159, "ê"),)


def test_ucs2_part_boundaries() -> None:
    assert count("ê" * 70).parts == 1
    assert count("ê" * 71).parts == 2
    assert count("ê" * 134).parts == 2
    assert count("ê" * 135).parts == 3


def test_extension_characters_cost_two_units_in_gsm() -> None:
    result = count("5 €")
    assert (result.encoding, result.characters, result.units) == ("GSM-7", 3, 4)
    assert count("^{}\\[]~|€\f").units == 20
    assert count("€" * 80).parts == 1
    assert count("€" * 81).parts == 2


def test_extension_characters_cost_one_unit_in_ucs2() -> None:
    result = count("€[]ê")
    assert (result.encoding, result.units) == ("UCS-2", 4)


def test_escape_pair_is_not_split_across_parts() -> None:
    # 152 + 2 + 152 = 306 units would fit 2 parts of 153, but € cannot straddle: part 1
    # holds 152 units, part 2 starts with € (2 + 151), 1 unit left over -> 3 parts.
    result = count("a" * 152 + "€" + "a" * 152)
    assert result.units == 306
    assert result.parts == 3
    assert result.units_left_in_part == 152


def test_emoji_is_not_split_across_ucs2_parts() -> None:
    # 66 + 2 + 66 = 134 units would fit 2 parts of 67; the emoji moves to part 2.
    result = count("a" * 66 + "😀" + "a" * 66)
    assert (result.encoding, result.characters, result.units) == ("UCS-2", 133, 134)
    assert result.parts == 3
    assert result.offending == ((66, "😀"),)


def test_crlf_costs_two_and_lf_one() -> None:
    assert count("a\r\nb").units == 4
    assert count("a\nb").units == 3
    assert count("a\r\nb").encoding == "GSM-7"


def test_lowercase_c_cedilla_is_not_gsm_but_capital_is() -> None:
    assert count("Ça va").encoding == "GSM-7"
    lower = count("reçu")
    assert lower.encoding == "UCS-2"
    assert lower.offending == ((2, "ç"),)


def test_offending_positions_are_listed_in_order() -> None:
    result = count("Soldes d’été « -50 % »")
    assert result.offending == ((8, "’"), (13, "«"), (21, "»"))
    assert is_gsm7("Soldes d'été -50 %")
    assert not is_gsm7("Soldes d’été")


def test_backtick_and_french_accents_are_not_gsm() -> None:
    for char in "`âêîôûëïÿÀÂÈÊËÎÏÔÙÛŒœ’‘«»“”…–—\u00a0\u202f":
        assert not is_gsm7(char), char
    assert is_gsm7("èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüàΔΦΓΛΩΠΨΣΘΞ@£$¥¤§¡¿_")


def test_stop_mention_applies_only_to_marketing_with_a_custom_sender() -> None:
    assert stop_mention_applies(marketing=True, sender="MaBoutique", nostop=False)
    assert not stop_mention_applies(marketing=False, sender="MaBoutique", nostop=False)
    assert not stop_mention_applies(marketing=True, sender=None, nostop=False)
    assert not stop_mention_applies(marketing=True, sender="  ", nostop=False)
    assert not stop_mention_applies(marketing=True, sender="MaBoutique", nostop=True)


def test_units_left_in_part_counts_down() -> None:
    assert count("a" * 150).units_left_in_part == 10
    assert count("a" * 161).units_left_in_part == 153 - 8
    assert count("ê" * 10).units_left_in_part == 60


@given(st.text())
def test_count_never_raises_and_parts_match_units(text: str) -> None:
    for stop in (False, True):
        result = count(text, stop_mention=stop)
        assert (result.parts == 0) == (result.units == 0)
        assert result.parts <= result.units
        assert result.characters == len(text)
        assert result.encoding == ("GSM-7" if is_gsm7(text) else "UCS-2")
        assert len(result.offending) == sum(not is_gsm7(char) for char in text)
        single, per_part = (160, 153) if result.encoding == "GSM-7" else (70, 67)
        if result.parts == 1:
            assert result.units <= single
        if result.parts > 1:
            assert result.units > single
            assert result.parts * per_part >= result.units
            # every part but the last loses at most one unit to an unsplit pair
            assert (result.parts - 1) * (per_part - 1) < result.units
        assert 0 <= result.units_left_in_part <= single
        assert result.too_long == (result.parts > MAX_PARTS)


_SAMPLES = "aé€ê😀{ \nZ"  # basic, basic accent, extension, not GSM, outside the BMP


@given(
    st.one_of(
        st.text(),
        st.text(alphabet=_SAMPLES, max_size=400),
        st.integers(0, 1000).map(lambda n: "a" * n),
        st.integers(0, 500).map(lambda n: "ê" * n),
    )
)
def test_parts_alone_is_what_the_whole_count_says(text: str) -> None:
    assert parts(text) == count(text).parts
