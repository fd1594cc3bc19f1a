"""Customers' numbers as typed on PrestaShop addresses, and the merchant's own mobile."""

from __future__ import annotations

import pytest

from isend_tui.errors import UserError
from isend_tui.sms import PhoneNumber, PhoneRejection, check_mobile, gateway_form, parse_admin_phone

FR_MOBILE = PhoneNumber(e164="+33612345678", gateway="33612345678", region="FR")


@pytest.mark.parametrize(
    "raw",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33612345678",
        "0033612345678",
        "0033 6 12 34 56 78",
        "612345678",
        "  06 12 34 56 78  ",
    ],
)
def test_french_mobile_in_every_usual_form(raw: str) -> None:
    check = check_mobile(raw, "FR")
    assert check.ok
    assert check.rejection is None
    assert check.number == FR_MOBILE


def test_french_07_mobile() -> None:
    check = check_mobile("07 58 12 34 56", "FR")
    assert check.number is not None
    assert check.number.gateway == "33758123456"


def test_country_code_is_case_insensitive() -> None:
    assert check_mobile("06 12 34 56 78", "fr").number == FR_MOBILE


def test_landline_cannot_receive_sms() -> None:
    check = check_mobile("01 23 45 67 89", "FR")
    assert not check.ok
    assert check.number is None
    assert check.rejection is PhoneRejection.LANDLINE


@pytest.mark.parametrize("raw", ["abc", "06 12 34", "06 12 34 56 78 90 12", "+33 6"])
def test_invalid(raw: str) -> None:
    assert check_mobile(raw, "FR").rejection is PhoneRejection.INVALID


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_empty(raw: str | None) -> None:
    check = check_mobile(raw, "FR")
    assert check.rejection is PhoneRejection.EMPTY
    assert not check.ok


@pytest.mark.parametrize(
    ("raw", "country", "e164", "gateway"),
    [
        ("0470 12 34 56", "BE", "+32470123456", "32470123456"),
        ("+32 470 12 34 56", "BE", "+32470123456", "32470123456"),
        ("079 123 45 67", "CH", "+41791234567", "41791234567"),
        ("621 123 456", "LU", "+352621123456", "352621123456"),
        ("612 345 678", "ES", "+34612345678", "34612345678"),
        ("0151 23456789", "DE", "+4915123456789", "4915123456789"),
    ],
)
def test_neighbouring_countries_mobiles(raw: str, country: str, e164: str, gateway: str) -> None:
    check = check_mobile(raw, country)
    assert check.ok
    assert check.number == PhoneNumber(e164=e164, gateway=gateway, region=country)


def test_us_number_that_may_be_mobile_is_kept() -> None:
    # North American numbers do not tell mobile from fixed: FIXED_LINE_OR_MOBILE
    assert check_mobile("(201) 555-0123", "US").ok


BE_MOBILE = PhoneNumber(e164="+32470123456", gateway="32470123456", region="BE")
CH_MOBILE = PhoneNumber(e164="+41791234567", gateway="41791234567", region="CH")


@pytest.mark.parametrize(
    ("raw", "country", "number"),
    [
        ("+32 470 12 34 56", "FR", BE_MOBILE),
        ("0032 470 12 34 56", "FR", BE_MOBILE),
        ("+41 79 123 45 67", "FR", CH_MOBILE),
        ("0041.79.123.45.67", "FR", CH_MOBILE),
        ("+41-79-123-45-67", "DE", CH_MOBILE),
        ("+33 6 12 34 56 78", "DE", FR_MOBILE),
        ("+33 (0)6 12 34 56 78", "CH", FR_MOBILE),
        ("0033 6 12 34 56 78", "US", FR_MOBILE),  # 00 read as + although the US dial 011
    ],
)
def test_a_mobile_with_its_country_code_is_usable_on_any_address(
    raw: str, country: str, number: PhoneNumber
) -> None:
    # frontaliers and customers abroad: the number's own code decides, and its region
    # (price, UCS-2 rule, time zone) is the number's country, not the address's
    assert check_mobile(raw, country).number == number


def test_a_foreign_number_in_national_form_is_read_with_the_address_country() -> None:
    # no country code: "0470…" on a French address is a French landline, as before
    assert check_mobile("0470 12 34 56", "FR").rejection is PhoneRejection.LANDLINE
    # a foreign landline written with its code is not a mobile anywhere
    assert check_mobile("+33 1 45 67 89 10", "DE").rejection is PhoneRejection.INVALID


@pytest.mark.parametrize("country", ["XX", "", None, "France"])
def test_unknown_country(country: str | None) -> None:
    assert check_mobile("06 12 34 56 78", country).rejection is PhoneRejection.UNKNOWN_COUNTRY


@pytest.mark.parametrize("raw", ["+33 6 12 34 56 78", "0033 6 12 34 56 78"])
def test_international_form_needs_no_country(raw: str) -> None:
    assert check_mobile(raw, "XX").number == FR_MOBILE
    assert check_mobile(raw, None).number == FR_MOBILE


def test_every_rejection_has_a_reason() -> None:
    assert PhoneRejection.EMPTY.reason() == "Numéro de téléphone vide"
    assert "fixe" in PhoneRejection.LANDLINE.reason()
    assert "invalide" in PhoneRejection.INVALID.reason()
    assert "international" in PhoneRejection.UNKNOWN_COUNTRY.reason()
    assert PhoneRejection("landline") is PhoneRejection.LANDLINE


def test_gateway_form_drops_the_plus() -> None:
    assert gateway_form("+33612345678") == "33612345678"
    with pytest.raises(ValueError):
        gateway_form("0612345678")


def test_admin_phone_accepts_a_french_mobile() -> None:
    assert parse_admin_phone("06 12 34 56 78") == FR_MOBILE


def test_admin_phone_abroad_in_international_form() -> None:
    number = parse_admin_phone("+32 470 12 34 56")
    assert number == PhoneNumber(e164="+32470123456", gateway="32470123456", region="BE")


def test_admin_phone_landline_says_why_and_what_to_do() -> None:
    with pytest.raises(UserError) as caught:
        parse_admin_phone("01 23 45 67 89")
    assert caught.value.field == "admin_phone"
    assert str(caught.value) == (
        "Le numéro 01 23 45 67 89 est un fixe : un SMS ne peut pas y être reçu. "
        "Indiquez un mobile (06 ou 07)."
    )


@pytest.mark.parametrize(("raw", "needle"), [("", "vide"), ("abc", "pas un numéro")])
def test_admin_phone_empty_or_invalid(raw: str, needle: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_admin_phone(raw)
    assert caught.value.field == "admin_phone"
    assert needle in str(caught.value)
    assert "mobile" in str(caught.value)


def test_admin_phone_with_an_unknown_default_region() -> None:
    with pytest.raises(UserError) as caught:
        parse_admin_phone("06 12 34 56 78", default_region="XX")
    assert "international" in str(caught.value)
