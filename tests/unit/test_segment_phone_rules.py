"""The per-country rules of segments/phones, checked in Python against check_mobile.

The SQL itself is checked against these rules in the database by
tests/integration/test_segment_phone_sql.py; here hypothesis writes numbers every way a
customer may (national, +CC, 00CC, CC, (0), separators) for the countries we serve.
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isend_tui.segments.phones import country_rules, mirror, regex_tree
from isend_tui.sms.phone import PhoneRejection, check_mobile

EXACT = ("FR", "BE", "CH", "LU", "ES", "IT", "NL", "PT", "GB", "MC")
#: The countries of the addresses a number from abroad is found on
ADDRESSES = (*EXACT, "DE", "AT", "US", "JP", "AU")
CODES = {r: str(phonenumbers.country_code_for_region(r)) for r in (*EXACT, "DE", "AT")}
SEPARATORS = ("", " ", ".", "-", "/", "\u00a0", " - ")


def expected(raw: str | None, iso: str) -> str:
    result = check_mobile(raw, iso)
    if result.number is not None:
        return country_rules.USABLE + result.number.gateway
    return {
        PhoneRejection.EMPTY: country_rules.EMPTY,
        PhoneRejection.LANDLINE: country_rules.LANDLINE,
    }.get(result.rejection, country_rules.INVALID)  # type: ignore[arg-type]


@st.composite
def written_numbers(draw: st.DrawFn, regions: tuple[str, ...]) -> tuple[str, str]:
    region = draw(st.sampled_from(regions))
    digits = draw(st.text(alphabet="0123456789", min_size=1, max_size=14))
    cc = CODES[region]
    prefix = draw(
        st.sampled_from(("", "0", f"+{cc}", f"+{cc}0", f"00{cc}", f"{cc}", f"{cc}0", f"+{cc}(0)"))
    )
    sep = draw(st.sampled_from(SEPARATORS))
    cut = draw(st.integers(min_value=0, max_value=len(digits)))
    body = digits[:cut] + sep + digits[cut:] if sep else digits
    padding = draw(st.sampled_from(("", " ", "  ")))
    return padding + prefix + body + padding, region


def nudged_nsn(draw: st.DrawFn, region: str) -> str:
    """A national significant number near a valid example of the library."""
    kind = draw(
        st.sampled_from(
            (
                phonenumbers.PhoneNumberType.MOBILE,
                phonenumbers.PhoneNumberType.FIXED_LINE,
                phonenumbers.PhoneNumberType.TOLL_FREE,
                phonenumbers.PhoneNumberType.VOIP,
            )
        )
    )
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        example = phonenumbers.example_number(region)
    assert example is not None
    nsn = phonenumbers.national_significant_number(example)
    position = draw(st.integers(min_value=0, max_value=len(nsn) - 1))
    change = draw(st.sampled_from(("keep", "replace", "insert", "delete")))
    digit = draw(st.sampled_from("0123456789"))
    if change == "replace":
        nsn = nsn[:position] + digit + nsn[position + 1 :]
    elif change == "insert":
        nsn = nsn[:position] + digit + nsn[position:]
    elif change == "delete" and len(nsn) > 2:
        nsn = nsn[:position] + nsn[position + 1 :]
    return nsn


@st.composite
def real_numbers(draw: st.DrawFn, regions: tuple[str, ...]) -> tuple[str, str]:
    """Valid example numbers of the library, nudged: a digit changed, added or removed."""
    region = draw(st.sampled_from(regions))
    nsn = nudged_nsn(draw, region)
    fmt = draw(
        st.sampled_from(
            (
                phonenumbers.PhoneNumberFormat.NATIONAL,
                phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                phonenumbers.PhoneNumberFormat.E164,
            )
        )
    )
    number = phonenumbers.PhoneNumber(country_code=int(CODES[region]), national_number=int(nsn))
    if nsn.startswith("0"):
        number.italian_leading_zero = True
        number.number_of_leading_zeros = len(nsn) - len(nsn.lstrip("0"))
    return phonenumbers.format_number(number, fmt), region


@st.composite
def numbers_from_abroad(draw: st.DrawFn, regions: tuple[str, ...]) -> tuple[str, str]:
    """A number of one country written with its country code (every way: +CC, 00CC, with
    the national prefix in brackets or not, separators), on an address of another."""
    region = draw(st.sampled_from(regions))
    address = draw(st.sampled_from(tuple(r for r in ADDRESSES if r != region)))
    nsn = nudged_nsn(draw, region)
    cc, np = CODES[region], draw(st.sampled_from(("", "0", "(0)")))
    head = draw(st.sampled_from((f"+{cc}", f"00{cc}", f"+ {cc}", f"00 {cc}", f"++{cc}")))
    sep = draw(st.sampled_from(SEPARATORS))
    cut = draw(st.integers(min_value=0, max_value=len(nsn)))
    body = nsn[:cut] + sep + nsn[cut:] if sep else nsn
    return head + draw(st.sampled_from(("", " ", "-"))) + np + body, address


OVERSEAS = ("RE", "YT", "GP", "MQ", "GF")


@st.composite
def overseas_on_french_addresses(draw: st.DrawFn) -> tuple[str, str]:
    """A number of an overseas department, nudged, written every way, on a French address."""
    region = draw(st.sampled_from(OVERSEAS))
    nsn = nudged_nsn(draw, region)
    cc = str(phonenumbers.country_code_for_region(region))
    head = draw(st.sampled_from(("0", "", f"+{cc}", f"+{cc}(0)", f"00{cc}", cc, "+33", "0033")))
    sep = draw(st.sampled_from(SEPARATORS))
    cut = draw(st.integers(min_value=0, max_value=len(nsn)))
    return head + (nsn[:cut] + sep + nsn[cut:] if sep else nsn), "FR"


@settings(max_examples=2000, deadline=None)
@given(overseas_on_french_addresses())
def test_rules_agree_with_check_mobile_on_overseas_numbers(case: tuple[str, str]) -> None:
    raw, region = case
    assert mirror.classify(raw, region) == expected(raw, region)


@settings(max_examples=3000, deadline=None)
@given(numbers_from_abroad(EXACT))
def test_rules_agree_with_check_mobile_on_numbers_from_abroad(case: tuple[str, str]) -> None:
    raw, address = case
    assert mirror.classify(raw, address) == expected(raw, address)


@settings(max_examples=3000, deadline=None)
@given(written_numbers(EXACT))
def test_rules_agree_with_check_mobile_on_any_digits(case: tuple[str, str]) -> None:
    raw, region = case
    assert mirror.classify(raw, region) == expected(raw, region)


@settings(max_examples=3000, deadline=None)
@given(real_numbers(EXACT))
def test_rules_agree_with_check_mobile_near_real_numbers(case: tuple[str, str]) -> None:
    raw, region = case
    assert mirror.classify(raw, region) == expected(raw, region)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(written_numbers(("DE", "AT")), real_numbers(("DE", "AT"))))
def test_germany_and_austria_never_disagree_on_a_usable_number(case: tuple[str, str]) -> None:
    raw, region = case
    ours, theirs = mirror.classify(raw, region), expected(raw, region)
    if ours != theirs:
        assert (theirs, ours) == (country_rules.INVALID, country_rules.LANDLINE)
        assert mirror.clean(raw).startswith(CODES[region])


@pytest.mark.parametrize(
    ("raw", "region", "code"),
    [
        ("06 12 34 56 78", "FR", "333612345678"),
        ("+33 (0)6 12 34 56 78", "FR", "333612345678"),
        ("0033612345678", "FR", "333612345678"),
        ("33612345678", "FR", "333612345678"),
        ("+0033 6 12 34 56 78", "FR", "333612345678"),
        ("07.50.00.00.01", "FR", "333750000001"),
        ("0612345678\n", "FR", "333612345678"),
        ("01 45 67 89 10", "FR", country_rules.LANDLINE),
        ("0692 12 34 56", "FR", "3262692123456"),  # Réunion, filed under France
        ("0639 01 23 45", "FR", "3262639012345"),  # Mayotte
        ("0690 00 12 34", "FR", "3590690001234"),  # Guadeloupe
        ("0696 12 34 56", "FR", "3596696123456"),  # Martinique
        ("0694 20 12 34", "FR", "3594694201234"),  # Guyane
        ("0262 12 34 56", "FR", country_rules.LANDLINE),  # a Réunion landline
        ("+33 692 12 34 56", "FR", country_rules.INVALID),  # no such French number
        ("09 70 00 00 00", "FR", country_rules.LANDLINE),  # VoIP
        ("0800 123 456", "FR", country_rules.LANDLINE),  # toll free
        ("+32 470 12 34 56", "FR", "332470123456"),  # a Belgian mobile, French address
        ("0041 79 123 45 67", "FR", "341791234567"),  # a Swiss one
        ("+33 6 12 34 56 78", "DE", "333612345678"),  # a French one, German address
        ("0033612345678", "US", "333612345678"),  # 00 although the US dial 011
        ("+33 (0)6 12.34.56.78", "BE", "333612345678"),
        ("+33 1 45 67 89 10", "DE", country_rules.INVALID),  # a French landline
        ("+41 79 123 45 67", None, "341791234567"),  # no country on the address
        ("32470123456", "FR", country_rules.INVALID),  # no + nor 00: a French number
        ("0470 12 34 56", "BE", "332470123456"),
        ("079 123 45 67", "CH", "341791234567"),
        ("621 123 456", "LU", "3352621123456"),
        ("612 345 678", "ES", "334612345678"),
        ("0151 23456789", "DE", "34915123456789"),
        ("0170 1234567", "DE", "3491701234567"),
        ("", "FR", country_rules.EMPTY),
        (None, "FR", country_rules.EMPTY),
        (" \u00a0\t", "FR", country_rules.EMPTY),
        ("N/A", "FR", country_rules.INVALID),
        ("06 12 34 56 78", None, country_rules.INVALID),
        ("06 12 34 56 78", "XX", country_rules.INVALID),
    ],
)
def test_examples(raw: str | None, region: str | None, code: str) -> None:
    assert mirror.classify(raw, region) == code
    if region in CODES and raw and raw.strip("\n"):
        assert code == expected(raw, region)


def test_every_region_has_rules_with_portable_patterns() -> None:
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        rules = country_rules.rules_for(region)
        assert rules is not None, region
        patterns = [a.pattern for a in (*rules.usable, *rules.landline)]
        patterns += [a.also for a in rules.landline if a.also]
        patterns += [a.unless for a in (*rules.usable, *rules.landline) if a.unless]
        for pattern in patterns:
            assert "\\" not in pattern and "(?" not in pattern, (region, pattern)
            assert pattern.startswith(("^", "(^")), (region, pattern)
        assert rules.usable or region == "TA", region  # Tristan da Cunha has no mobiles


def test_the_countries_we_serve_are_exact_or_explained() -> None:
    odd = country_rules.non_exact_regions(("FR", "BE", "CH", "LU", "ES", "DE", "IT"))
    for region, notes in odd.items():
        assert notes, region
        # only landline-side notes for the countries of the demo shop
        if region in ("FR", "BE", "CH", "DE"):
            assert all(n.startswith("landline") for n in notes), (region, notes)


def test_portable_rewrites_python_only_syntax() -> None:
    assert regex_tree.portable(r"(?:6\d|7[1-48])\d{7}") == "(6[0-9]|7[1-48])[0-9]{7}"
    assert regex_tree.portable(r"0|180020") == "(0|180020)"
